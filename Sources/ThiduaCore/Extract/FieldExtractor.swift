import Foundation

public struct FieldExtractor: Sendable {
    public let lexicon: Lexicon
    public init(lexicon: Lexicon) { self.lexicon = lexicon }

    public func extract(_ zones: Zones) -> (Record, [Finding]) {
        (Record(source: Source(file: "", sha256: "", format: zones.document.source.format)), [])
    }
}
