import Foundation
@testable import ThiduaCore

enum LegacySupport {
    /// ../shared from the package root (this file sits in Tests/ThiduaCoreTests/Legacy).
    static let shared: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")

    static let fixtures: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/text")

    static func seedDirs() -> [URL] {
        let seeds = shared.appendingPathComponent("seeds")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: seeds.path) else { return [] }
        return names.sorted().map { seeds.appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("doc.txt").path) }
    }

    /// One row per line, as the text decoder gives.
    static func document(_ text: String, font: String? = nil) -> DecodedDocument {
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            Block.row(Row(segments: [Segment(String($0), font: font)]))
        }
        return DecodedDocument(format: .text, blocks: rows)
    }

    static func text(_ doc: DecodedDocument) -> String {
        doc.blocks.map { block -> String in
            switch block {
            case let .row(r): return r.text
            case let .table(t): return t.rows.map { $0.map(\.text).joined(separator: " | ") }.joined(separator: "\n")
            }
        }.joined(separator: "\n")
    }

    /// Levenshtein distance over Unicode scalars.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }

    /// Character error rate of `output` against `truth`, line by line when the line counts agree.
    static func cer(_ output: String, _ truth: String) -> Double {
        let o = output.split(separator: "\n", omittingEmptySubsequences: false)
        let t = truth.split(separator: "\n", omittingEmptySubsequences: false)
        let total = max(1, truth.unicodeScalars.count)
        if o.count == t.count {
            return Double(zip(o, t).reduce(0) { $0 + distance(String($1.0), String($1.1)) }) / Double(total)
        }
        return Double(distance(output, truth)) / Double(total)
    }

    static func diffLines(_ output: String, _ truth: String) -> [(String, String)] {
        let o = output.split(separator: "\n", omittingEmptySubsequences: false)
        let t = truth.split(separator: "\n", omittingEmptySubsequences: false)
        return zip(o, t).filter { $0 != $1 }.map { (String($0), String($1)) }
    }
}
