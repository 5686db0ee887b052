import Foundation
import Testing
import ThiduaCore
@testable import ThiduaStore

/// One suite, run against SQLite and PostgreSQL alike.
@Suite(.serialized)
struct StoreTests {
    @Test(arguments: Backend.allCases)
    func importThenSameBytesAgainIsUnchanged(_ backend: Backend) throws {
        guard let t = try TestStore.make(backend) else { return }
        let r = Samples.record("a")
        let first = try t.store.save(r, path: "/data/a.txt", fullText: "")
        guard case let .imported(id) = first else {
            Issue.record("first save was \(first)")
            return
        }
        #expect(try t.store.save(r, path: "/data/a.txt", fullText: "") == .unchanged(id: id))
        // The same bytes under another name are the same document.
        #expect(try t.store.save(r, path: "/elsewhere/a-copy.txt", fullText: "") == .unchanged(id: id))
        #expect(try t.store.contains(sha256: r.source.sha256))
        #expect(try t.store.knownSHA256s() == [r.source.sha256])
        let counts = try t.store.counts()
        #expect(counts["document"] == 1)
        #expect(counts["movement"] == 2)
        #expect(counts["milestone"] == 4)
        #expect(counts["reference"] == 1)
        #expect(counts["award"] == 1)
        #expect(counts["anniversary"] == 1)
        #expect(counts["diagnostic"] == 1)
        let stored = try #require(try t.store.find(String(id)).first)
        #expect(stored.recordJSON == r.json.serialized())
        #expect(stored.number == "56/KH-SNN")
        #expect(stored.version == 1)
        #expect(stored.previousID == nil)
        #expect(try t.store.find("56/KH-SNN").map(\.id) == [id])
        #expect(try t.store.find(String(r.source.sha256.prefix(12))).map(\.id) == [id])
        try t.expectConsistent()
    }

    @Test(arguments: Backend.allCases)
    func changedFileAtKnownPathBecomesLinkedVersion(_ backend: Backend) throws {
        guard let t = try TestStore.make(backend) else { return }
        guard case let .imported(v1) = try t.store.save(Samples.record("v1"), path: "/data/plan.txt", fullText: "") else {
            Issue.record("v1 not imported")
            return
        }
        let second = try t.store.save(Samples.record("v2", title: "Kế hoạch sửa đổi"), path: "/data/plan.txt", fullText: "")
        guard case let .updated(v2, previous, version) = second else {
            Issue.record("v2 was \(second)")
            return
        }
        #expect(previous == v1)
        #expect(version == 2)
        let third = try t.store.save(Samples.record("v3"), path: "/data/plan.txt", fullText: "")
        guard case let .updated(v3, p3, n3) = third else {
            Issue.record("v3 was \(third)")
            return
        }
        #expect(p3 == v2 && n3 == 3)
        // Listings show the current version; the history stays.
        #expect(try t.store.documents(DocumentFilter()).map(\.id) == [v3])
        let all = try t.store.documents(DocumentFilter(includeOldVersions: true))
        #expect(all.map(\.id) == [v1, v2, v3])
        #expect(all.map(\.previousID) == [nil, v1, v2])
        try t.expectConsistent()
    }

    @Test(arguments: Backend.allCases)
    func searchIgnoresCaseAndDiacritics(_ backend: Backend) throws {
        guard let t = try TestStore.make(backend) else { return }
        var other = Samples.record("other", title: "Tổ chức Hội thao")
        other.document.issuer = Issuer(name: "Đoàn Thanh niên Cộng sản Hồ Chí Minh")
        other.campaign.movements = ["Tuổi trẻ sáng tạo"]
        _ = try t.store.save(Samples.record("plan"), path: "/p.txt", fullText: "")
        _ = try t.store.save(other, path: "/o.txt", fullText: "Khen thưởng đột xuất cho cá nhân xuất sắc")
        func titles(_ q: String) throws -> [String] { try t.store.search(q, limit: nil).compactMap(\.title) }
        #expect(try titles("nong thon moi").count == 1)
        #expect(try titles("NÔNG THÔN MỚI").count == 1)
        #expect(try titles("Nông   thôn") .count == 1)
        #expect(try titles("doan thanh nien") == ["Tổ chức Hội thao"])       // issuer, Đ → d
        #expect(try titles("TUOI TRE SANG TAO") == ["Tổ chức Hội thao"])     // movement
        #expect(try titles("dot xuat") == ["Tổ chức Hội thao"])              // full text
        #expect(try titles("dong khoi khoi nghiep").count == 1)              // second movement of the plan
        #expect(try titles("nong thon cu").isEmpty)
        #expect(try titles("100%").isEmpty)                                  // no LIKE wildcards
        #expect(try t.store.documents(DocumentFilter(issuer: "doan thanh")).compactMap(\.title) == ["Tổ chức Hội thao"])
        #expect(try t.store.documents(DocumentFilter(kind: "KH")).count == 2)
        #expect(try t.store.documents(DocumentFilter(kind: "QĐ")).isEmpty)
        #expect(try t.store.documents(DocumentFilter(from: "2023-03-15", to: "2023-03-15")).count == 2)
        #expect(try t.store.documents(DocumentFilter(from: "2023-03-16")).isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func pagesThroughDocumentsInIdOrder(_ backend: Backend) throws {
        guard let t = try TestStore.make(backend) else { return }
        for k in 0..<5 { _ = try t.store.save(Samples.record("page\(k)"), path: "/p\(k).txt", fullText: "") }
        // Five files of one document (the same number, issuer and date): paged as files.
        var filter = DocumentFilter(limit: 2, allFiles: true)
        var seen: [Int64] = []
        while true {
            let page = try t.store.documents(filter)
            #expect(page.count <= 2)
            seen += page.map(\.id)
            guard let last = page.last, page.count == 2 else { break }
            filter.afterID = last.id
        }
        #expect(seen.count == 5)
        #expect(seen == seen.sorted())
        #expect(Set(seen).count == 5)
    }

    @Test(arguments: Backend.allCases)
    func csvQuotesAndRoundTrips(_ backend: Backend) throws {
        guard let t = try TestStore.make(backend) else { return }
        let tricky = "Kế hoạch \"Thi đua\", năm 2023\nđợt 2"
        _ = try t.store.save(Samples.record("csv", title: tricky), path: "/c.txt", fullText: "")
        let docs = try t.store.documents(DocumentFilter())
        let text = CSVExport.line(CSVExport.header) + docs.map { CSVExport.line(CSVExport.row($0)) }.joined()
        #expect(text.hasSuffix("\r\n"))
        #expect(text.contains("\"Kế hoạch \"\"Thi đua\"\", năm 2023\nđợt 2\""))
        let rows = CSVExport.parse(text)
        #expect(rows.count == 2)
        #expect(rows[0] == CSVExport.header)
        #expect(rows[1].count == CSVExport.header.count)
        #expect(rows[1][CSVExport.header.firstIndex(of: "title")!] == tricky)
        #expect(rows[1][CSVExport.header.firstIndex(of: "movements")!]
            == "Cả nước chung sức xây dựng nông thôn mới\nĐồng khởi khởi nghiệp")
    }

    @Test(arguments: Backend.allCases)
    func deadlinesMakeAWellFormedCalendar(_ backend: Backend) throws {
        guard let t = try TestStore.make(backend) else { return }
        _ = try t.store.save(Samples.record("ics"), path: "/i.txt", fullText: "")
        let all = try t.store.milestones(from: nil, to: nil)
        // The milestone without a due date ("Thường xuyên") is no deadline.
        #expect(all.map(\.task) == ["Báo cáo sơ kết; gửi Sở, Ban, ngành", "Tổng kết, khen thưởng", "Gửi báo cáo thi đua hằng năm"])
        let june = try t.store.milestones(from: "2023-06-01", to: "2023-06-30")
        #expect(Set(june.map(\.task)) == ["Báo cáo sơ kết; gửi Sở, Ban, ngành", "Gửi báo cáo thi đua hằng năm"])

        let ics = ICalendarExport.calendar(all, defaultYear: 2030)
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        let lines = ics.components(separatedBy: "\r\n").dropLast()
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
        #expect(unfolded.filter { $0 == "BEGIN:VEVENT" }.count == 3)
        #expect(unfolded.filter { $0 == "END:VEVENT" }.count == 3)
        #expect(unfolded.contains("DTSTART;VALUE=DATE:20230620"))
        #expect(unfolded.contains("DTEND;VALUE=DATE:20230621"))
        // A quarter is longer than a week: one event on its last day.
        #expect(unfolded.contains("DTSTART;VALUE=DATE:20231231"))
        #expect(unfolded.contains("DTEND;VALUE=DATE:20240101"))
        // The yearly deadline starts in the document's year and recurs.
        #expect(unfolded.contains("DTSTART;VALUE=DATE:20231215"))
        #expect(unfolded.filter { $0 == "RRULE:FREQ=YEARLY" }.count == 1)
        #expect(unfolded.contains("SUMMARY:Báo cáo sơ kết\\; gửi Sở\\, Ban\\, ngành"))
        #expect(unfolded.filter { $0.hasPrefix("UID:") }.count == 3)
        #expect(unfolded.filter { $0.hasPrefix("DTSTAMP:") }.allSatisfy { $0.count == "DTSTAMP:20230101T000000Z".count })
    }

    @Test func icsFoldingNeverSplitsACharacter() {
        let long = "SUMMARY:" + String(repeating: "Thi đua yêu nước ", count: 20)
        let folded = ICalendarExport.fold(long)
        let pieces = folded.components(separatedBy: "\r\n")
        #expect(pieces.count > 1)
        #expect(pieces.allSatisfy { $0.utf8.count <= 75 })
        #expect(pieces.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(pieces.first! + pieces.dropFirst().map { String($0.dropFirst()) }.joined() == long)
        #expect(ICalendarExport.escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne")
    }

    @Test(arguments: Backend.allCases)
    func schemaRefusesWhatTheRecordCannotHold(_ backend: Backend) throws {
        guard let t = try TestStore.make(backend) else { return }
        let backendSQL = t.sql.backend
        // No sha256, and a child without its document: the constraints say no.
        #expect(throws: (any Error).self) {
            try backendSQL.transaction { tx in
                try tx.execute("""
                    INSERT INTO document (sha256, source_path, source_file, format, encoding, record_json, search_text, imported_at)
                    VALUES (NULL, '/x', 'x', 'text', 'utf-8', '{}', '', 'now')
                    """, [])
            }
        }
        #expect(throws: (any Error).self) {
            try backendSQL.transaction { tx in
                try tx.execute("INSERT INTO movement (document_id, seq, name) VALUES (424242, 0, 'x')", [])
            }
        }
        // Reopening applies no migration twice.
        let again = try t.reopen()
        #expect(try again.counts()["document"] == 0)
        again.close()
    }
}

@Suite struct FoldingTests {
    @Test(arguments: [
        "Phát động phong trào “Cả nước chung sức xây dựng nông thôn mới”",
        "ĐOÀN THANH NIÊN   Cộng sản\tHồ Chí Minh\n",
        "Ủy ban nhân dân tỉnh Bắc Kạn — Sở Lao động, Thương binh và Xã hội",
        "nông thôn mới".decomposedStringWithCanonicalMapping,
        "  Quý IV năm 2021 (Ⅳ) ½ ÆØÅ straße İstanbul  ",
    ])
    func storeFoldingEqualsCoreFolding(_ text: String) {
        let core = Fold.ascii(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        #expect(RecordRows.fold(text) == core)
    }

    @Test func vietnameseFoldsToPlainLetters() {
        #expect(RecordRows.fold("Nông Thôn MỚI, đường ĐI") == "nong thon moi, duong di")
    }
}

@Suite struct DigestTests {
    @Test(arguments: [0, 1, 55, 56, 63, 64, 65, 1000, 100_000])
    func importerDigestEqualsTheRecordsDigest(_ size: Int) {
        let data = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        #expect(BatchImporter.sha256(data) == ThiduaCore.SHA256.hex(data))
    }
}
