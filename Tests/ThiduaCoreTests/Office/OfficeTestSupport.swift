import Foundation
@testable import ThiduaCore

/// Paths and helpers shared by the office decoder tests.
enum OfficeFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ path: String) throws -> Data {
        try Data(contentsOf: packageRoot.appendingPathComponent("fixtures").appendingPathComponent(path))
    }

    /// A file under ../shared, or nil when the shared folder is absent (the test then skips).
    static func shared(_ path: String) -> Data? {
        try? Data(contentsOf: packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
            .appendingPathComponent(path))
    }

    static var sofficeAvailable: Bool {
        Converter.find(["soffice", "libreoffice"], extra: ["/usr/lib/libreoffice/program/soffice"]) != nil
    }
}

// `rows` and `tables` come from PDFTestSupport.swift.
extension DecodedDocument {
    func row(_ text: String) -> Row? { rows.first { $0.text == text } }

    func rowIndex(_ text: String) -> Int? { rows.firstIndex { $0.text == text } }

    /// Every line of text as the seeds' doc.txt writes it: rows, and table rows with cells joined.
    var textLines: [String] {
        blocks.flatMap { b -> [String] in
            switch b {
            case let .row(r): return [OfficeText.collapse(r.text)]
            case let .table(t): return t.rows.map { OfficeText.collapse($0.map(\.text).filter { !$0.isEmpty }.joined(separator: " ")) }
            }
        }
    }
}

func thiduaCode(_ body: () throws -> Void) -> ThiduaError.Code? {
    do {
        try body()
        return nil
    } catch let e as ThiduaError {
        return e.code
    } catch {
        return .internalError
    }
}
