import Foundation
import Testing
import ThiduaCore
@testable import ThiduaStore

/// One document in several files (issue 12, item 1): listings, exports, deadlines and the
/// analysts' views show each document once, from its best file; `--all-files` shows every file.
@Suite(.serialized)
struct DocumentIdentityTests {
    /// The same plan as a text PDF, a scan (OCR) and a DOCX; a draft (no number) in two files;
    /// another draft with another title.
    static func fill(_ t: TestStore) throws -> (pdf: Int64, scan: Int64, docx: Int64) {
        func id(_ o: SaveOutcome) -> Int64 { if case let .imported(id) = o { return id }; return -1 }
        let pdf = id(try t.store.save(Samples.record("pdf", file: "in/kh-56.pdf"), path: "/in/kh-56.pdf", fullText: ""))
        var scan = Samples.record("scan", file: "in/kh-56-scan.pdf")
        scan.source.textLayer = .ocr
        scan.document.issuer?.name = "SỞ NONG NGHIEP VÀ PHÁT TRIỂN NÔNG THÔN"  // OCR lost marks and case
        let scanID = id(try t.store.save(scan, path: "/in/kh-56-scan.pdf", fullText: ""))
        let docx = id(try t.store.save(Samples.record("docx", file: "in/kh-56.docx"), path: "/in/kh-56.docx", fullText: ""))
        for (seed, title) in [("draft-a", "Dự thảo kế hoạch"), ("draft-b", "Dự thảo kế hoạch"), ("draft-c", "Dự thảo khác")] {
            var d = Samples.record(seed, file: "in/\(seed).txt", title: title)
            d.document.number = nil
            _ = try t.store.save(d, path: "/in/\(seed).txt", fullText: "")
        }
        return (pdf, scanID, docx)
    }

    @Test(arguments: Backend.allCases)
    func filesOfOneDocumentAreShownOnce(_ backend: Backend) throws {
        guard let t = try TestStore.make(backend) else { return }
        let (pdf, scan, docx) = try Self.fill(t)
        let docs = try t.store.documents(DocumentFilter())
        #expect(docs.count == 3, "\(docs.map(\.file))")
        // The newest file with a text layer; the scan only counts as one of the files.
        let plan = try #require(docs.first { $0.number == "56/KH-SNN" })
        #expect(plan.id == docx)
        #expect(plan.files.map(\.id) == [docx, pdf, scan])
        #expect(plan.files.map(\.best) == [true, false, false])
        #expect(try t.store.documents(DocumentFilter(allFiles: true)).count == 6)
        #expect(try t.store.find("56/KH-SNN").map(\.id) == [docx])
        #expect(try t.store.find("56/KH-SNN", allFiles: true).map(\.id) == [pdf, scan, docx])
        #expect(try t.store.find(String(scan)).map(\.id) == [scan])
        // Deadlines: one document's milestones, once.
        let ms = try t.store.milestones(from: nil, to: nil)
        #expect(ms.count == 3 * 3, "three documents, three dated milestones each")
        #expect(Set(ms.filter { $0.number == "56/KH-SNN" }.map(\.documentID)) == [docx])
        #expect(try t.store.milestones(from: nil, to: nil, allFiles: true).count == 6 * 3)
        // The views say the same.
        #expect(try t.scalar("SELECT count(*) FROM current_document") == 3)
        #expect(try t.scalar("SELECT count(*) FROM document_file") == 6)
        #expect(try t.scalar("SELECT files FROM current_document WHERE number = '56/KH-SNN'") == 3)
        #expect(try t.scalar("SELECT count(*) FROM milestone_due") == 9)
        #expect(try t.scalar("SELECT count(*) FROM reference_cited") == 3)
        try t.expectConsistent()
    }

    @Test func aNumberWithABlankSerialIsADraft() {
        func blank(_ seed: String, _ title: String) -> Record {
            var r = Samples.record(seed, title: title)
            r.document.number = DocNumber(text: "/KH-SNN", serial: nil, year: nil, kind: "KH", issuers: ["SNN"],
                                          canonical: "/KH-SNN", style: .state)
            return r
        }
        #expect(DocumentIdentity.key(blank("a", "Dự thảo một")) != DocumentIdentity.key(blank("b", "Dự thảo hai")))
        #expect(DocumentIdentity.key(blank("a", "Dự thảo một")) == DocumentIdentity.key(blank("c", "DỰ THẢO  MỘT")))
        // A numbered document is known by its number: a retitled file is the same document.
        #expect(DocumentIdentity.key(Samples.record("x")) == DocumentIdentity.key(Samples.record("y", title: "Khác")))
        // The same body of another province issues other documents.
        var otherProvince = Samples.record("p")
        otherProvince.document.issuer?.parent = "Ủy ban nhân dân tỉnh Hưng Yên"
        #expect(DocumentIdentity.key(Samples.record("x")) != DocumentIdentity.key(otherProvince))
        var otherDay = Samples.record("z")
        otherDay.document.date = Samples.date("2023-03-16")
        #expect(DocumentIdentity.key(Samples.record("x")) != DocumentIdentity.key(otherDay))
    }

    @Test(arguments: Backend.allCases)
    func forgetRemovesADocumentOrAFileWithItsChildren(_ backend: Backend) throws {
        guard let t = try TestStore.make(backend) else { return }
        let (pdf, _, _) = try Self.fill(t)
        #expect(try t.store.forget(path: "/in/draft-c.txt") == 1)
        #expect(try t.store.documents(DocumentFilter()).count == 2)
        #expect(try t.store.forget(documentID: pdf) == 3)
        let left = try t.store.documents(DocumentFilter(allFiles: true))
        #expect(left.count == 2 && left.allSatisfy { $0.number == nil })
        #expect(try t.store.forget(documentID: 999_999) == 0)
        #expect(try t.store.forget(path: "/nowhere.txt") == 0)
        #expect(try t.store.counts()["milestone"] == 2 * 4)
        try t.expectConsistent()
        // What is forgotten is found no more by search (the full-text index follows).
        #expect(try t.store.search("dong khoi khoi nghiep", limit: nil).count == 1)
    }

    @Test(arguments: Backend.allCases)
    func searchIsRankedWithASnippet(_ backend: Backend) throws {
        guard let t = try TestStore.make(backend) else { return }
        var once = Samples.record("once", title: "Kế hoạch tổ chức Hội thao")
        once.document.number = nil
        var often = Samples.record("often", title: "Kế hoạch khen thưởng")
        often.document.number = nil
        _ = try t.store.save(once, path: "/once.txt", fullText: "Một lần khen thưởng đột xuất trong năm.")
        _ = try t.store.save(often, path: "/often.txt", fullText: String(
            repeating: "Khen thưởng đột xuất cho tập thể, khen thưởng đột xuất cho cá nhân. ", count: 5))
        let hits = try t.store.searchHits("khen thuong dot", limit: nil, allFiles: false)
        #expect(hits.map(\.document.title) == ["Kế hoạch khen thưởng", "Kế hoạch tổ chức Hội thao"])
        #expect(hits.allSatisfy { $0.snippet.contains("[khen]") || $0.snippet.contains("[khen thuong dot") },
                "\(hits.map(\.snippet))")
        #expect(try t.store.searchHits("khen thuong dot", limit: 1, allFiles: false).count == 1)
        #expect(try t.store.search("100% ; DROP", limit: nil).isEmpty)
        #expect(try t.store.search("\"", limit: nil).isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func failuresAreStoredAndCleared(_ backend: Backend) throws {
        guard let t = try TestStore.make(backend) else { return }
        let sha = Samples.sha("broken")
        try t.store.recordFailure(FailedFile(path: "/in/a.pdf", file: "in/a.pdf", sha256: sha, cause: "pdf-damaged",
                                             message: "damaged PDF"))
        try t.store.recordFailure(FailedFile(path: "/in/b.txt", file: "in/b.txt", sha256: nil, cause: "empty",
                                             message: "empty file"))
        // A second failure of a path replaces the first.
        try t.store.recordFailure(FailedFile(path: "/in/a.pdf", file: "in/a.pdf", sha256: sha, cause: "pdf-encrypted",
                                             message: "encrypted PDF"))
        let all = try t.store.failures()
        #expect(all.map(\.path) == ["/in/a.pdf", "/in/b.txt"])
        #expect(all.map(\.cause) == ["pdf-encrypted", "empty"])
        #expect(all[0].sha256 == sha && all[1].sha256 == nil)
        #expect(all.allSatisfy { $0.failedAt.hasSuffix("Z") })
        #expect(try t.store.failedPaths() == ["/in/a.pdf", "/in/b.txt"])
        try t.store.clearFailure(path: "/in/a.pdf")
        #expect(try t.store.failures().map(\.path) == ["/in/b.txt"])
    }

    /// A store written before the identity migration: a reading command upgrades it, and its
    /// rows get their identity from their records.
    @Test func aStoreFromAnEarlierReleaseIsUpgraded() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-old-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        func literal(_ v: SQLValue) -> String {
            switch v {
            case .null: return "NULL"
            case let .int(i): return String(i)
            case let .real(d): return String(d)
            case let .text(s): return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
            }
        }
        var script = StoreSchema.v1(.sqlite).map { $0 + ";" }
        script.append("CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);")
        script.append("INSERT INTO grdb_migrations VALUES ('v1-documents');")
        for seed in ["old-pdf", "old-docx"] {
            let cols = RecordRows.documentColumns(Samples.record(seed), path: "/old/\(seed)", fullText: "")
                .filter { $0.0 != "identity_key" && $0.0 != "text_layer" }
            script.append("INSERT INTO document (\(cols.map(\.0).joined(separator: ", "))) VALUES (\(cols.map { literal($0.1) }.joined(separator: ", ")));")
        }
        // Written by Python's sqlite3, not by this build's store.
        let sql = dir.appendingPathComponent("old.sql")
        try Data(script.joined(separator: "\n").utf8).write(to: sql)
        _ = try Python.json("""
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1]); c.executescript(open(sys.argv[2], encoding='utf-8').read()); c.commit()
            print('{}')
            """, [path, sql.path])
        #expect(try SQLiteBackend.needsMigration(path))
        let store = try Stores.open(path, readOnly: true)
        #expect(try store.documents(DocumentFilter()).count == 1)
        #expect(try store.documents(DocumentFilter(allFiles: true)).count == 2)
        #expect(try store.search("nong thon moi", limit: nil).count == 1)
        store.close()
        #expect(try !SQLiteBackend.needsMigration(path))

        // Keys an earlier identity rule made are made again before the store is read.
        let writer = try Stores.open(path) as! SQLRecordStore
        try writer.backend.transaction { try $0.execute("UPDATE document SET identity_key = 'old|' || sha256", []) }
        writer.close()
        #expect(try SQLiteBackend.needsMigration(path))
        let again = try Stores.open(path, readOnly: true)
        defer { again.close() }
        #expect(try again.documents(DocumentFilter()).count == 1)
    }
}
