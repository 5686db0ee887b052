import Foundation
import Testing
import ThiduaCore
@testable import ThiduaStore

/// `import` of a folder reads the regular files inside it and nothing else.
@Suite(.serialized)
struct FolderWalkTests {
    /// An inbox with two plans, a link out of it, a link loop, a link inside it, a FIFO,
    /// a device node (where the system lets us make one) and a file whose name is not UTF-8.
    static func hostileInbox(_ root: URL) throws -> (inbox: URL, outside: URL, latin1Name: [UInt8]) {
        let fm = FileManager.default
        let inbox = root.appendingPathComponent("inbox")
        let outside = root.appendingPathComponent("secret.txt")
        _ = try CLI.makeCorpus(inbox, count: 2)
        try Data("KẾ HOẠCH\nbí mật ngoài hộp thư\n".utf8).write(to: outside)
        try fm.createSymbolicLink(atPath: inbox.appendingPathComponent("passwd-link.txt").path, withDestinationPath: outside.path)
        try fm.createSymbolicLink(atPath: inbox.appendingPathComponent("etc").path, withDestinationPath: "/etc")
        let sub = inbox.appendingPathComponent("sub")
        try fm.createDirectory(at: sub, withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: sub.appendingPathComponent("loop").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: sub.appendingPathComponent("again.txt").path,
                                  withDestinationPath: inbox.appendingPathComponent("kh-00000.txt").path)
        #expect(mkfifo(inbox.appendingPathComponent("pipe.txt").path, 0o644) == 0)
        _ = mknod(inbox.appendingPathComponent("null.txt").path, S_IFCHR | 0o644, dev_t((1 << 8) | 3))
        // "Kế hoạch é.txt" with the é in Latin-1 (0xE9): not UTF-8.
        let name = Array(inbox.path.utf8) + Array("/k\u{1EBF}-ho\u{1EA1}ch-".utf8) + [0xE9] + Array(".txt".utf8)
        let text = try String(contentsOf: inbox.appendingPathComponent("kh-00001.txt"), encoding: .utf8) + "Thêm một dòng.\n"
        let fd = (name + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
        #expect(fd >= 0)
        _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        return (inbox, outside, name)
    }

    @Test func walkStaysInsideAndTakesOnlyWhatIsThere() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let (inbox, outside, _) = try Self.hostileInbox(root)
        let walk = FolderWalk.collect([inbox.path])
        #expect(!walk.files.contains { $0.contains("passwd-link") || $0.hasPrefix(inbox.path + "/etc") })
        #expect(walk.skipped.contains { $0.path.hasSuffix("passwd-link.txt") && $0.reason.contains(outside.path) })
        #expect(walk.skipped.contains { $0.path.hasSuffix("/etc") && $0.reason.contains("out of the folder") })
        #expect(walk.skipped.contains { $0.path.hasSuffix("sub/loop") && $0.reason.contains("loop") })
        // A link inside the folder is followed once.
        #expect(walk.files.contains { $0.hasSuffix("sub/again.txt") })
        // The FIFO is listed, to fail with its own cause.
        #expect(walk.files.contains { $0.hasSuffix("pipe.txt") })
        // The non-UTF-8 name round-trips to its bytes, and the file reads.
        let odd = try #require(walk.files.first { FileName.bytes($0).contains(0xE9) })
        #expect(try Intake.read(path: odd).count > 0)
        #expect(FileName.display(odd).hasSuffix("ch-\\xE9.txt"))
    }

    @Test(arguments: Backend.allCases)
    func importOfAHostileInbox(_ backend: Backend) throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(backend) else { return }
        let (inbox, outside, _) = try Self.hostileInbox(t.dir)
        let r = try CLI.run(["import", inbox.path, "--store", t.location])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        func line(_ suffix: String) -> String? { lines.first { $0.contains(suffix + ": ") } }
        #expect(line("passwd-link.txt")?.contains("symbolic link out of the folder") == true, "\(lines)")
        #expect(line("/etc")?.contains("out of the folder") == true, "\(lines)")
        #expect(line("sub/loop")?.contains("loop") == true, "\(lines)")
        #expect(line("pipe.txt")?.contains("not a regular file (a FIFO)") == true, "\(lines)")
        if FileManager.default.fileExists(atPath: inbox.appendingPathComponent("null.txt").path) {
            #expect(line("null.txt")?.contains("not a regular file (a device)") == true, "\(lines)")
        }
        let counts = ImportCLITests.summaryCounts(r.stdout)
        // kh-00000, kh-00001, the Latin-1-named file; sub/again.txt is kh-00000's bytes again.
        #expect(counts["imported"] == 3, "\(r.stdout)")
        #expect(counts["unchanged"] == 1)
        // The Latin-1-named file is kh-00001 with one more line: another file of the same document.
        #expect(try t.store.documents(DocumentFilter()).count == 2)
        let docs = try t.store.documents(DocumentFilter(allFiles: true))
        #expect(docs.count == 3)
        let secret = try Data(contentsOf: outside)
        #expect(!docs.contains { $0.sha256 == BatchImporter.sha256(secret) })
        #expect(!docs.contains { $0.path.hasPrefix("/etc") })
    }
}
