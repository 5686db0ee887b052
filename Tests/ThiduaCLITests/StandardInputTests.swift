import Foundation
import Testing
import ThiduaCore

/// `-` reads standard input for `extract`, `text`, `validate` and `schema`; the
/// record is the file's, except that `source.file` is `-`.
@Suite struct StandardInputTests {
    static let pdf = CLI.root.appendingPathComponent("fixtures/seeds/000/doc.pdf")
    static let text = CLI.root.appendingPathComponent("fixtures/text/activity-table.txt")

    static func withoutFile(_ line: String) throws -> JSONValue {
        var json = try JSONValue.parse(line)
        guard case var .object(pairs) = json, let i = pairs.firstIndex(where: { $0.0 == "source" }),
            case var .object(source) = pairs[i].1
        else { return json }
        source.removeAll { $0.0 == "file" }
        pairs[i].1 = .object(source)
        json = .object(pairs)
        return json
    }

    @Test(arguments: [pdf, text])
    func extractReadsStandardInput(_ file: URL) throws {
        let fromFile = try CLI.run(["extract", file.path])
        let fromStdin = try CLI.run(["extract", "-"], stdin: try Data(contentsOf: file))
        #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
        let record = try JSONValue.parse(fromStdin.stdout)
        #expect(record.value(at: "source.file")?.stringValue == "-")
        #expect(try Self.withoutFile(fromStdin.stdout) == Self.withoutFile(fromFile.stdout))
    }

    @Test func textReadsStandardInput() throws {
        let fromFile = try CLI.run(["text", Self.pdf.path])
        let fromStdin = try CLI.run(["text", "-"], stdin: try Data(contentsOf: Self.pdf))
        #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
        #expect(!fromStdin.stdout.isEmpty)
        #expect(fromStdin.stdout == fromFile.stdout)
    }

    @Test func validateReadsStandardInputBesideFiles() throws {
        let r = try CLI.run(["validate", Self.text.path, "-"], stdin: try Data(contentsOf: Self.pdf))
        #expect(r.status != 2, "\(r.stderr)")
        #expect(r.stdout.contains("2 files"), "\(r.stdout)")
    }

    @Test func emptyStandardInputIsRefused() throws {
        let r = try CLI.run(["extract", "-"], stdin: Data())
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "thidua: -: empty input\n")
    }

    @Test func dashTwiceIsAUsageError() throws {
        let r = try CLI.run(["extract", "-", "-"], stdin: Data("x".utf8))
        #expect(r.status == 64)
        #expect(r.stderr.contains("only once"))
    }

    @Test func schemaChecksRecordsOnStandardInput() throws {
        let good = try CLI.run(["extract", Self.text.path]).stdout
        let ok = try CLI.run(["schema", "-"], stdin: Data(good.utf8))
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        let bad = try CLI.run(["schema", "-"], stdin: Data(good.replacingOccurrences(of: "\"thidua.record/1\"", with: "\"x\"").utf8))
        #expect(bad.status == 1)
        #expect(bad.stdout.hasPrefix("-:1: $.schema"), "\(bad.stdout)")
    }
}
