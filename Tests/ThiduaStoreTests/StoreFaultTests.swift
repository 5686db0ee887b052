import Foundation
import Testing
import ThiduaCore
@testable import ThiduaStore

/// A store location nobody has opened yet: a SQLite path, or a new empty database.
final class FreshLocation {
    let location: String
    let dir: URL
    private let admin: String?
    private let database: String?

    init?(_ backend: Backend) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-fresh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        switch backend {
        case .sqlite:
            location = dir.appendingPathComponent("fresh.sqlite").path
            admin = nil
            database = nil
        case .postgres:
            guard let url = TestStore.postgresURL() else { return nil }
            let name = "thidua_fresh_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12))"
            try PostgresBackend.administer(url: url, "CREATE DATABASE \(name)")
            var c = URLComponents(string: url)!
            c.path = "/" + name
            location = c.string!
            admin = url
            database = name
        }
    }

    func sql(_ statement: String) throws {
        if admin != nil { try PostgresBackend.administer(url: location, statement) } else {
            let b = try SQLiteBackend.raw(location)
            try b.write { try $0.execute(sql: statement) }
        }
    }

    deinit {
        if let admin, let database {
            try? PostgresBackend.administer(url: admin, "DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
        }
        try? FileManager.default.removeItem(at: dir)
    }
}

@Suite(.serialized)
struct StoreFaultTests {
    /// Importers started together on a store nobody has created yet: every one succeeds, each document once.
    @Test(arguments: [(Backend.sqlite, 2), (.sqlite, 4), (.postgres, 2), (.postgres, 4)])
    func importersStartingTogetherOnAFreshStore(_ backend: Backend, _ importers: Int) throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        let corpus = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-corpus-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: corpus) }
        let total = 12
        _ = try CLI.makeCorpus(corpus, count: total)
        for trial in 0..<3 {
            guard let fresh = try FreshLocation(backend) else { return }
            final class Box: @unchecked Sendable { var results: [CLI.Result?] = [] }
            let box = Box()
            box.results = Array(repeating: nil, count: importers)
            let group = DispatchGroup()
            let location = fresh.location
            for k in 0..<importers {
                group.enter()
                Thread {
                    box.results[k] = try? CLI.run(["import", corpus.path, "--store", location, "--jobs", "1", "--no-isolation"])
                    group.leave()
                }.start()
            }
            group.wait()
            var imported = 0
            for r in box.results {
                let r = try #require(r)
                #expect(r.status == 0, "trial \(trial): \(r.stderr)")
                imported += ImportCLITests.summaryCounts(r.stdout)["imported"] ?? 0
            }
            #expect(imported == total, "trial \(trial)")
            let store = try Stores.open(location)
            #expect(try store.counts()["document"] == total)
            store.close()
        }
    }

    @Test func theSQLiteFileAloneHoldsEveryDocument() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let fresh = try FreshLocation(.sqlite) else { return }
        let docs = fresh.dir.appendingPathComponent("docs")
        _ = try CLI.makeCorpus(docs, count: 60)
        let r = try CLI.run(["import", docs.path, "--store", fresh.location, "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        // Only the .sqlite file, as a clerk would mail it: no -wal, no -shm beside the copy.
        let copy = fresh.dir.appendingPathComponent("copy")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        let copied = copy.appendingPathComponent("mailed.sqlite").path
        try FileManager.default.copyItem(atPath: fresh.location, toPath: copied)
        let store = try Stores.open(copied, readOnly: true)
        #expect(try store.counts()["document"] == 60)
        store.close()
    }

    @Test func backupIsAConsistentCopyInANewFile() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(.sqlite) else { return }
        let docs = t.dir.appendingPathComponent("docs")
        _ = try CLI.makeCorpus(docs, count: 8)
        #expect(try CLI.run(["import", docs.path, "--store", t.location]).status == 0)
        let target = t.dir.appendingPathComponent("backup.sqlite").path
        let r = try CLI.run(["backup", "--store", t.location, target])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target + "-wal"))
        let copy = try Stores.open(target, readOnly: true)
        #expect(try copy.counts() == t.store.counts())
        copy.close()
        let again = try CLI.run(["backup", "--store", t.location, target])
        #expect(again.status == 2)
        #expect(again.stderr.hasPrefix("thidua: \(target): already exists"))
    }

    @Test func postgresBackupSaysUnsupported() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(.postgres) else { return }
        let r = try CLI.run(["backup", "--store", t.location, t.dir.appendingPathComponent("b.sqlite").path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("not supported"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    /// A database that belongs to something else is refused, untouched; an empty one is taken.
    @Test(arguments: Backend.allCases)
    func foreignDatabaseIsRefused(_ backend: Backend) throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let fresh = try FreshLocation(backend) else { return }
        try fresh.sql("CREATE TABLE payroll (id INTEGER PRIMARY KEY, name TEXT)")
        let docs = fresh.dir.appendingPathComponent("docs")
        _ = try CLI.makeCorpus(docs, count: 3)
        let r = try CLI.run(["import", docs.path, "--store", fresh.location])
        #expect(r.status == 2)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("not a thidua store") == true, "\(r.stderr)")
        #expect(lines.first?.contains("payroll") == true)
        // Nothing was created beside the foreign table.
        try fresh.sql("CREATE TABLE document (x INTEGER)")
    }

    @Test func notSQLiteAndMissingFolderAreOneLineEach() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let fresh = try FreshLocation(.sqlite) else { return }
        let docs = fresh.dir.appendingPathComponent("docs")
        _ = try CLI.makeCorpus(docs, count: 3)
        let text = fresh.dir.appendingPathComponent("notes.sqlite").path
        try Data(String(repeating: "not a database at all\n", count: 100).utf8).write(to: URL(fileURLWithPath: text))
        let r = try CLI.run(["import", docs.path, "--store", text])
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.hasPrefix("thidua: cannot open the store \(text): not a SQLite database"), "\(r.stderr)")
        let missing = fresh.dir.appendingPathComponent("no/such/folder/s.sqlite").path
        let m = try CLI.run(["import", docs.path, "--store", missing])
        #expect(m.status == 2)
        #expect(m.stderr.split(separator: "\n").count == 1)
        #expect(m.stderr.contains("no such folder"), "\(m.stderr)")
    }

    @Test func readingNeverCreatesOrMigrates() throws {
        guard let fresh = try FreshLocation(.sqlite) else { return }
        FileManager.default.createFile(atPath: fresh.location, contents: Data())
        let store = try Stores.open(fresh.location, readOnly: true)
        store.close()
        let b = try SQLiteBackend.raw(fresh.location)
        #expect(try b.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") } == 0)
    }

    /// The server drops every connection of the importer mid-batch: it reconnects and
    /// finishes; no good file is reported failed.
    @Test func postgresConnectionsDroppedMidImportAreRetried() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(.postgres), let admin = TestStore.postgresURL() else { return }
        let docs = t.dir.appendingPathComponent("docs")
        let total = 400
        _ = try CLI.makeCorpus(docs, count: total)
        let (p, out, err) = try CLI.launch(["import", docs.path, "--store", t.location, "--jobs", "2"])
        let database = URLComponents(string: t.location)!.path.dropFirst()
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, p.isRunning, (try? t.store.counts()["document"]) ?? 0 < 20 { usleep(5_000) }
        try PostgresBackend.administer(
            url: admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()")
        let stdout = CLI.readAll(out.fileHandleForReading.fileDescriptor)
        let stderr = String(decoding: CLI.readAll(err.fileHandleForReading.fileDescriptor), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(stderr)")
        let counts = ImportCLITests.summaryCounts(String(decoding: stdout, as: UTF8.self))
        #expect(counts["failed"] == 0)
        #expect(try t.store.counts()["document"] == total)
        try t.expectConsistent()
    }

    /// The database disappears mid-import: one line naming the store and what is left, exit 2.
    @Test func postgresStoreGoneStopsWithOneLine() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let fresh = try FreshLocation(.postgres), let admin = TestStore.postgresURL() else { return }
        let docs = fresh.dir.appendingPathComponent("docs")
        let total = 400
        _ = try CLI.makeCorpus(docs, count: total)
        let (p, out, err) = try CLI.launch(["import", docs.path, "--store", fresh.location, "--jobs", "2"])
        let database = URLComponents(string: fresh.location)!.path.dropFirst()
        let observer = try Stores.open(fresh.location)
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, p.isRunning, (try? observer.counts()["document"]) ?? 0 < 20 { usleep(5_000) }
        observer.close()
        try PostgresBackend.administer(url: admin, "DROP DATABASE \(database) WITH (FORCE)")
        _ = CLI.readAll(out.fileHandleForReading.fileDescriptor)
        let stderr = String(decoding: CLI.readAll(err.fileHandleForReading.fileDescriptor), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 2)
        let lines = stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(stderr)")
        #expect(lines.first?.hasPrefix("thidua: postgres://") == true, "\(stderr)")
        #expect(lines.first?.contains("files not imported") == true, "\(stderr)")
    }
}

/// Store URLs: parsed strictly, the password never printed.
@Suite struct PostgresURLTests {
    @Test func passwordsMayHoldURLCharacters() throws {
        let u = try PostgresURL.parse("postgres://clerk:p#ss/w@rd:x@db.example:6543/thidua?sslmode=require")
        #expect(u.user == "clerk" && u.password == "p#ss/w@rd:x" && u.host == "db.example" && u.port == 6543)
        #expect(u.database == "thidua" && u.sslmode == .require)
        let e = try PostgresURL.parse("postgresql://clerk:p%40ss@[::1]/thidua")
        #expect(e.password == "p@ss" && e.host == "::1" && e.port == 5432 && e.isLoopback)
    }

    @Test(arguments: [
        "postgres://clerk:s3cret#1@db.example:54x2/thidua", "postgres://clerk:s3cret/2@[::1/thidua",
        "postgres://clerk:s3cret@db.example/thidua?sslmode=always", "postgres://clerk:s3cret@/thidua",
        "postgres://clerk:s3cret@db.example:99999/thidua", "postgres://clerk:s3cret@db.example/thidua?foo=bar",
        "postgres://clerk:s3cret@db ex/thidua",
    ])
    func malformedURLsAreRefusedWithoutThePassword(_ url: String) {
        do {
            _ = try PostgresURL.parse(url)
            Issue.record("accepted \(url)")
        } catch {
            let message = "\(error)"
            #expect(!message.contains("s3cret"), "\(message)")
            #expect(message.contains("***"))
        }
    }

    @Test func redactionHoldsForAnyShape() {
        #expect(PostgresURL.redacted("postgres://a:b#c/d@h/x") == "postgres://a:***@h/x")
        #expect(!PostgresURL.redacted("postgres://a:s3cret@[::1").contains("s3cret"))
        #expect(PostgresURL.redacted("postgres://a@h/x") == "postgres://a@h/x")
    }

    @Test func sslRequireAgainstAServerWithoutTLSIsRefused() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let url = TestStore.postgresURL() else { return }
        let r = try CLI.run(["list", "--store", url + "?sslmode=require"])
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.hasPrefix("thidua: "))
    }

    @Test func wrongPasswordIsOneLineWithoutIt() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        let r = try CLI.run(["list", "--store", "postgres://clerk:s3cret@127.0.0.1:1/thidua"])
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!r.stderr.contains("s3cret"))
    }
}
