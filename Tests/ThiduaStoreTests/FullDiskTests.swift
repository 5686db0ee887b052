import Foundation
import Testing
import ThiduaCore
@testable import ThiduaStore

/// A file system that really fills up: a tmpfs of a few hundred KiB mounted for the test
/// (the real ENOSPC, from the kernel). Mounting needs root, as in the CI container; elsewhere
/// the tests say so and pass nothing off as tested.
final class SmallFileSystem {
    let path: String

    init?(kilobytes: Int) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-full-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        guard getuid() == 0, Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", dir]) == 0 else {
            try? FileManager.default.removeItem(atPath: dir)
            return nil
        }
        path = dir
    }

    deinit {
        _ = Self.run("/bin/umount", [path])
        try? FileManager.default.removeItem(atPath: path)
    }

    static func run(_ tool: String, _ args: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// Fills what is left with one file, so the next write fails at once.
    func fill() {
        let fd = open(path + "/filler", O_WRONLY | O_CREAT, 0o644)
        defer { close(fd) }
        let block = [UInt8](repeating: 0x20, count: 4096)
        while block.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
    }
}

@Suite(.serialized)
struct FullDiskTests {
    /// The report's folder is full: one line naming the report, exit 2, and every document
    /// is still imported (the store is elsewhere); no partial report is left behind.
    @Test func reportOnAFullDiskIsOneLineAndTheImportStands() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let disk = try SmallFileSystem(kilobytes: 64) else { Self.unmountable(); return }
        guard let t = try TestStore.make(.sqlite) else { return }
        let docs = t.dir.appendingPathComponent("docs")
        _ = try CLI.makeCorpus(docs, count: 30)
        disk.fill()
        let report = disk.path + "/report.jsonl"
        let r = try CLI.run(["import", docs.path, "--store", t.location, "--report", report])
        #expect(r.status == 2, "\(r.stdout)\n\(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(lines.first?.contains(report) == true && lines.first?.contains("No space left on device") == true, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: report))
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path) == ["filler"])
        #expect(try t.store.counts()["document"] == 30)
    }

    /// `export -o` onto a full disk: one line, exit 2, nothing left at the path.
    @Test func exportOnAFullDiskIsOneLine() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let disk = try SmallFileSystem(kilobytes: 64) else { Self.unmountable(); return }
        guard let t = try TestStore.make(.sqlite) else { return }
        let docs = t.dir.appendingPathComponent("docs")
        _ = try CLI.makeCorpus(docs, count: 30)
        #expect(try CLI.run(["import", docs.path, "--store", t.location]).status == 0)
        disk.fill()
        for format in ["jsonl", "csv", "xlsx"] {
            let out = disk.path + "/plans.\(format)"
            let r = try CLI.run(["export", "--store", t.location, "--format", format, "-o", out])
            #expect(r.status == 2, "\(format): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("No space left on device"), "\(format): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    /// The store's own disk fills mid-import: one line naming the store and the count left,
    /// exit 2 (not a line per file); what was stored stays whole and readable, and the same
    /// import on a disk with room completes.
    @Test func storeOnAFullDiskStopsWithOneLine() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let disk = try SmallFileSystem(kilobytes: 512) else { Self.unmountable(); return }
        let corpus = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-full-corpus-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: corpus) }
        let total = 300
        _ = try CLI.makeCorpus(corpus, count: total)
        let location = disk.path + "/thidua.sqlite"
        let r = try CLI.run(["import", corpus.path, "--store", location, "--jobs", "2"])
        #expect(r.status == 2, "\(r.stdout)\n\(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(lines.first?.hasPrefix("thidua: \(location)") == true, "\(r.stderr)")
        #expect(lines.first?.contains("files not imported") == true, "\(r.stderr)")
        let counts = ImportCLITests.summaryCounts(r.stdout)
        #expect(counts["failed"] ?? 0 == 0, "\(r.stdout)")
        // Whole and readable as it is, then completed once there is room.
        let stored = try Stores.open(location, readOnly: true)
        let kept = try stored.counts()["document"] ?? 0
        stored.close()
        #expect(kept > 0 && kept < total)
        let roomy = corpus.deletingLastPathComponent().appendingPathComponent("thidua-roomy-\(UUID().uuidString).sqlite").path
        defer { for f in BatchImporter.storeFiles(roomy) { try? FileManager.default.removeItem(atPath: f) } }
        for suffix in ["", "-wal", "-journal"] where FileManager.default.fileExists(atPath: location + suffix) {
            try FileManager.default.copyItem(atPath: location + suffix, toPath: roomy + suffix)
        }
        let again = try CLI.run(["import", corpus.path, "--store", roomy, "--jobs", "2"])
        #expect(again.status == 0, "\(again.stderr)")
        let whole = try Stores.open(roomy, readOnly: true)
        #expect(try whole.counts()["document"] == total)
        whole.close()
    }

    static func unmountable() {
        print("FullDiskTests: skipped, mounting a small tmpfs needs root")
    }
}
