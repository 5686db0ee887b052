import Foundation
@testable import ThiduaCore

/// Paths and shared objects for the tests.
enum TestSupport {
    /// The checkout root (Tests/ThiduaCoreTests/Support.swift → ../..).
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let rules = root.appendingPathComponent("rules")
    static let fixtures = root.appendingPathComponent("fixtures")
    /// ../shared beside the checkout, where present (never required).
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
    static var hasShared: Bool { FileManager.default.fileExists(atPath: shared.appendingPathComponent("seeds").path) }

    static let lexicon: Lexicon = try! Lexicon.load(from: rules)
    static let pipeline: Pipeline = try! Pipeline(rulesDirectory: rules)

    static func files(under dir: URL, suffix: String) -> [URL] {
        guard let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { return [] }
        return e.compactMap { $0 as? URL }.filter { $0.lastPathComponent.hasSuffix(suffix) }
            .sorted { $0.path < $1.path }
    }
}
