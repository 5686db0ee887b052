import Foundation
import Testing

/// Bad input gets one line on stderr naming the file and the cause, a non-zero
/// exit, no half record on stdout; the good files of a batch are still extracted.
@Suite struct BadInputTests {
    static let good = CLI.root.appendingPathComponent("fixtures/text/activity-table.txt").path

    struct BadFile: CustomTestStringConvertible, Sendable {
        let name: String
        let make: @Sendable (URL) throws -> String
        let cause: String
        var testDescription: String { name }
    }

    static let badFiles: [BadFile] = [
        BadFile(name: "missing", make: { $0.appendingPathComponent("nope.pdf").path }, cause: "no such file"),
        BadFile(name: "directory", make: { d in
            let sub = d.appendingPathComponent("folder")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            return sub.path
        }, cause: "is a directory"),
        BadFile(name: "empty", make: { d in
            let f = d.appendingPathComponent("empty.txt")
            try Data().write(to: f)
            return f.path
        }, cause: "empty file"),
        BadFile(name: "binary junk", make: { d in
            let f = d.appendingPathComponent("junk.bin")
            var g = SystemRandomNumberGenerator()
            try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &g) }).write(to: f)
            return f.path
        }, cause: "binary"),
        BadFile(name: "gigantic line", make: { d in
            let f = d.appendingPathComponent("line.txt")
            try Data(repeating: UInt8(ascii: "a"), count: 20 * 1024 * 1024).write(to: f)
            return f.path
        }, cause: "long"),
        // 200 MB of text (sparse: no disk needed) once peaked at 2.1 GiB; refused before it is read.
        BadFile(name: "200 MB text", make: { d in
            let f = d.appendingPathComponent("huge.txt")
            try Data("KẾ HOẠCH\nTổ chức phong trào thi đua\n".utf8).write(to: f)
            let h = try FileHandle(forWritingTo: f)
            try h.truncate(atOffset: 200_000_000)
            try h.close()
            return f.path
        }, cause: "a text file of 190 mib; text and html are read whole, up to 32 mib"),
    ]

    @Test(arguments: badFiles)
    func oneLineErrorAndTheBatchGoesOn(_ bad: BadFile) throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try bad.make(dir)
        let r = try CLI.run(["extract", path, Self.good, "--format", "json"])
        #expect(r.status == 1)
        let errLines = r.stderr.split(separator: "\n")
        #expect(errLines.count == 1)
        #expect(errLines.first?.hasPrefix("thidua: \(path): ") == true, "\(r.stderr)")
        #expect(r.stderr.lowercased().contains(bad.cause), "\(r.stderr)")
        // The good file still gives exactly one whole record.
        let out = r.stdout.split(separator: "\n")
        #expect(out.count == 1)
        #expect(out.first?.hasPrefix("{\"schema\":\"thidua.record/1\"") == true)
        #expect(out.first?.contains("fixtures/text/activity-table.txt") == true)
    }

    @Test func singleGoodFileExitsZeroWithOneRecord() throws {
        let r = try CLI.run(["extract", Self.good])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.split(separator: "\n").count == 1)
    }

    @Test func textFormatIsReadable() throws {
        let r = try CLI.run(["extract", Self.good, "--format", "text"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Kind        Kế hoạch (KH)"))
        #expect(r.stdout.contains("Milestones"))
    }
}
