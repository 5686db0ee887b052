import Foundation
@testable import ThiduaCore

/// Paths of the package's fixtures and of the shared corpus (absent on some machines).
enum PDFTestFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent("fixtures/pdf/\(name)"))
    }

    /// `../shared/<relative>` if present.
    static func shared(_ relative: String) -> Data? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/\(relative)")
        return try? Data(contentsOf: url)
    }

    static var ocrAvailable: Bool { TesseractEngine.dataPath(for: "vie") != nil }
}

extension DecodedDocument {
    var rows: [Row] { blocks.compactMap { if case let .row(r) = $0 { r } else { nil } } }
    var tables: [Table] { blocks.compactMap { if case let .table(t) = $0 { t } else { nil } } }
    var allText: String {
        blocks.map {
            switch $0 {
            case let .row(r): r.text
            case let .table(t): t.rows.map { $0.map(\.text).joined(separator: " ") }.joined(separator: "\n")
            }
        }.joined(separator: "\n")
    }
    func row(containing s: String) -> Row? { rows.first { $0.text.contains(s) } }
}
