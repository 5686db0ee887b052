import Foundation

/// The zones of a document (Nghị định 30/2020/NĐ-CP layout): header, kind and
/// title, body (preamble and outline), closing (Nơi nhận, signature).
public struct Zones: Sendable {
    public var document: RepairedDocument
    public var header: [Row] = []
    public var kindRow: Row?
    public var titleRows: [Row] = []
    public var body: [Block] = []
    public var closing: [Row] = []
}

public struct Segmenter: Sendable {
    public let lexicon: Lexicon
    public init(lexicon: Lexicon) { self.lexicon = lexicon }

    public func segment(_ doc: RepairedDocument) -> Zones {
        Zones(document: doc, body: doc.blocks)
    }
}
