import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ThiduaCore
import ThiduaServer
import ThiduaStore

/// The API over a real store, SQLite and PostgreSQL, with uploads extracted in worker processes.
@Suite struct DocumentsAPITests {
    @Test(arguments: Backend.allCases) func importListShowAndText(_ backend: Backend) async throws {
        guard let served = try Served.make(backend) else { return }
        let doc = try Paths.seed("doc.txt")
        try await served.app.test(.router) { c in
            let client = Client(client: c)
            let health = try await client.call(.get, "/healthz")
            #expect(health.status == 200 && health.json["status"] == .string("ok"))
            #expect(health.header("X-Request-Id")?.isEmpty == false)

            let first = try await client.call(.post, "/v1/documents?name=plans/kh-56.txt", body: doc)
            #expect(first.status == 201)
            #expect(first.json["status"] == .string("imported"))
            let id = try #require(first.json["id"]?.intValue)
            let again = try await client.call(.post, "/v1/documents?name=kh-56.txt", body: doc)
            #expect(again.status == 200 && again.json["status"] == .string("unchanged") && again.json["id"]?.intValue == id)

            let list = try await client.call(.get, "/v1/documents")
            #expect(list.json["documents"]?.arrayValue?.count == 1)
            #expect(list.json.value(at: "documents")?.arrayValue?.first?["file"] == .string("kh-56.txt"))

            let shown = try await client.call(.get, "/v1/documents/\(id)")
            #expect(shown.status == 200)
            let record = try #require(shown.json["record"])
            #expect(record.value(at: "document.signer.name") == .string("Cao Văn Cường"))

            // Evidence offsets are Unicode-scalar offsets into the page text the API serves.
            let text = try await client.call(.get, "/v1/documents/\(id)/text")
            let pages = (text.json["pages"]?.arrayValue ?? []).compactMap { $0.stringValue }
            try #require(!pages.isEmpty)
            let span = try #require(record.value(at: "evidence")?["document.signer"])
            let page = Array(pages[try #require(span["page"]?.intValue) - 1].unicodeScalars)
            let cut = String(String.UnicodeScalarView(page[span["start"]!.intValue!..<span["end"]!.intValue!]))
            #expect(cut.contains("Cao Văn Cường"))
        }
    }

    @Test(arguments: Backend.allCases) func extractStoresNothingAndBadDocumentsAre422(_ backend: Backend) async throws {
        guard let served = try Served.make(backend, maxUpload: 64 << 10) else { return }
        try await served.app.test(.router) { c in
            let client = Client(client: c)
            let extracted = try await client.call(.post, "/v1/extract?name=doc.txt", body: try Paths.seed("doc.txt"))
            #expect(extracted.status == 200)
            #expect(extracted.json.value(at: "source.file") == .string("doc.txt"))
            #expect(extracted.json.value(at: "document.signer.name") == .string("Cao Văn Cường"))
            #expect(try served.store.counts()["document"] == 0)

            let binary = try await client.call(.post, "/v1/extract?name=x.bin", body: Data((0..<4096).map { UInt8($0 % 7) }))
            #expect(binary.status == 422)
            #expect(binary.json.value(at: "error.code") == .string("binary"))
            let badPDF = try await client.call(.post, "/v1/documents?name=bad.pdf", body: Data("%PDF-1.7\nnot really".utf8))
            #expect(badPDF.status == 422)
            #expect(badPDF.json.value(at: "error.code") == .string("pdf-damaged"))
            let empty = try await client.call(.post, "/v1/documents?name=e.txt", body: Data())
            #expect(empty.status == 422 && empty.json.value(at: "error.code") == .string("empty"))

            let big = try await client.call(.post, "/v1/documents?name=big.txt", body: Data(repeating: 0x61, count: 65 << 10))
            #expect(big.status == 413)
            #expect(big.json.value(at: "error.code") == .string("too-large"))
            #expect(try served.store.counts()["document"] == 0)
        }
    }

    @Test(arguments: Backend.allCases) func unknownIDsAndBadParametersAre4xx(_ backend: Backend) async throws {
        guard let served = try Served.make(backend) else { return }
        try await served.app.test(.router) { c in
            let client = Client(client: c)
            for uri in ["/v1/documents/999", "/v1/documents/999/text"] {
                let r = try await client.call(.get, uri)
                #expect(r.status == 404 && r.json.value(at: "error.code") == .string("not-found"), "\(uri)")
            }
            let word = try await c.execute(uri: "/v1/documents/abc", method: .get) { $0 }
            #expect(word.status == .notFound)
            let bad = try await client.call(.get, "/v1/documents?from=yesterday")
            #expect(bad.status == 400 && bad.json.value(at: "error.code") == .string("bad-request"))
            let badLimit = try await client.call(.get, "/v1/documents?limit=0")
            #expect(badLimit.status == 400)
            let nowhere = try await c.execute(uri: "/v1/nothing/here", method: .get) { $0 }
            #expect(nowhere.status == .notFound)
            // No request path reaches the filesystem.
            let escape = try await c.execute(uri: "/static/..%2F..%2FPackage.swift", method: .get) { $0 }
            #expect(escape.status == .notFound)
        }
    }

    @Test(arguments: Backend.allCases) func pagingAndFilters(_ backend: Backend) async throws {
        guard let served = try Served.make(backend) else { return }
        try await served.app.test(.router) { c in
            let client = Client(client: c)
            // Three plans (three renderings of one plan are one document: issue 12).
            for (plan, name) in [("000", "doc.txt"), ("001", "doc.html"), ("004", "doc.docx")] {
                let r = try await client.call(.post, "/v1/documents?name=\(plan)-\(name)", body: try Paths.seed(name, plan: plan))
                #expect(r.status == 201, "\(name): \(r.text)")
            }
            let again = try await client.call(.post, "/v1/documents?name=001-doc.txt", body: try Paths.seed("doc.txt"))
            #expect(again.status == 201, "another file of plan 001 is stored")
            var seen: [Int] = []
            var cursor: String?
            repeat {
                let page = try await client.call(.get, "/v1/documents?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                let items = page.json["documents"]?.arrayValue ?? []
                #expect(items.count <= 2)
                seen += items.compactMap { $0["id"]?.intValue }
                cursor = page.json["nextCursor"]?.stringValue
            } while cursor != nil
            #expect(seen.count == 3 && seen == seen.sorted() && Set(seen).count == 3)

            let kh = try await client.call(.get, "/v1/documents?kind=KH")
            #expect(kh.json["documents"]?.arrayValue?.count == 3)
            let none = try await client.call(.get, "/v1/documents?kind=QĐ".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)
            #expect(none.json["documents"]?.arrayValue?.isEmpty == true)
            let searched = try await client.call(.get, "/v1/documents?q=Cao%20Van%20Cuong&limit=5")
            #expect(searched.json["documents"]?.arrayValue?.count == 1, "plan 001 once, though two files carry it")
            let missing = try await client.call(.get, "/v1/documents?q=khongcotu")
            #expect(missing.json["documents"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test(arguments: Backend.allCases) func deadlinesAsJSONAndCalendar(_ backend: Backend) async throws {
        guard let served = try Served.make(backend) else { return }
        try await served.app.test(.router) { c in
            let client = Client(client: c)
            _ = try await client.call(.post, "/v1/documents?name=doc.txt", body: try Paths.seed("doc.txt"))
            let all = try await client.call(.get, "/v1/deadlines")
            let items = try #require(all.json["deadlines"]?.arrayValue)
            #expect(items.count >= 8)
            let june = try await client.call(.get, "/v1/deadlines?from=2023-06&to=2023-06")
            let dues = june.json["deadlines"]?.arrayValue?.compactMap { $0.value(at: "due.start")?.stringValue } ?? []
            #expect(dues.contains("2023-06-20") && dues.contains("2023-06-30"))
            #expect(!dues.contains("2023-11-15") && !dues.contains("2023-12-01"))
            let ics = try await client.call(.get, "/v1/deadlines.ics")
            #expect(ics.status == 200 && ics.header("Content-Type")?.hasPrefix("text/calendar") == true)
            #expect(ics.text.hasPrefix("BEGIN:VCALENDAR") && ics.text.contains("BEGIN:VEVENT"))
        }
    }
}

/// Uploads run in worker processes with import's limits: a document that hangs or crashes its
/// worker costs that request only (422 with import's cause), and the server goes on.
@Suite struct UploadIsolationTests {
    @Test func hangingAndCrashingDocumentsAre422() async throws {
        // The worker's test hooks (honoured in worker mode only) match a substring of the file's path.
        setenv("THIDUA_TEST_HANG_ON", "hang-c0ffee", 1)
        setenv("THIDUA_TEST_CRASH_ON", "crash-c0ffee", 1)
        guard let served = try Served.make(.sqlite, timeout: 3) else { return }
        try await served.app.test(.router) { c in
            let client = Client(client: c)
            let text = Data("KẾ HOẠCH\nThi đua năm 2024\n".utf8)
            let start = Date()
            let hung = try await client.call(.post, "/v1/extract?name=hang-c0ffee.txt", body: text)
            #expect(hung.status == 422 && hung.json.value(at: "error.code") == .string("timeout"), "\(hung.text)")
            // Not a speed check: the request ends (a hung worker is killed), however loaded the machine.
            #expect(Date().timeIntervalSince(start) < 120)
            let hungImport = try await client.call(.post, "/v1/documents?name=hang-c0ffee.txt", body: text)
            #expect(hungImport.status == 422 && hungImport.json.value(at: "error.code") == .string("timeout"), "\(hungImport.text)")
            let crashed = try await client.call(.post, "/v1/documents?name=crash-c0ffee.txt", body: text)
            #expect(crashed.status == 422 && crashed.json.value(at: "error.code") == .string("crashed"), "\(crashed.text)")
            let fine = try await client.call(.post, "/v1/documents?name=fine.txt", body: text)
            #expect(fine.status == 201)
            #expect(try served.store.counts()["document"] == 1)
        }
    }
}
