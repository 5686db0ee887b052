import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ThiduaCore
import ThiduaServer
@testable import ThiduaStore

@Suite struct OpenAPITests {
    /// The served document is the shipped one, and a real OpenAPI 3.1 validator accepts it.
    @Test func servedDocumentValidatesAsOpenAPI31() async throws {
        guard let served = try Served.make(.sqlite) else { return }
        let text = try await served.app.test(.router) { c in
            try await c.execute(uri: "/openapi.json", method: .get) { String(decoding: $0.body.readableBytesView, as: UTF8.self) }
        }
        let spec = try JSONValue.parse(text)
        #expect(spec["openapi"] == .string("3.1.0"))
        #expect(spec == OpenAPI.spec)
        // Records in answers are checked against the whole record schema, not a stand-in.
        #expect(spec.value(at: "components.schemas.Record.$defs.Span") != nil)
        #expect(spec.value(at: "components.schemas.Record.properties.document.properties.number.oneOf")?.arrayValue?
            .contains { $0["$ref"] == .string("#/components/schemas/Record/$defs/DocNumber") } == true)
        let file = served.dir.appendingPathComponent("openapi.json")
        try Data(text.utf8).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "from openapi_spec_validator import validate; import json, sys; "
            + "validate(json.load(open(sys.argv[1]))); print('valid')", file.path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let why = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 0 && said.contains("valid"),
                "openapi-spec-validator (pip install openapi-spec-validator; scripts/setup.sh --test): \(why)")
    }

    /// Every operation the router serves is in the document, and every documented path answers.
    @Test func everyDocumentedPathIsServed() async throws {
        guard let served = try Served.make(.sqlite) else { return }
        guard case let .object(paths)? = OpenAPI.spec["paths"] else { Issue.record("no paths"); return }
        try await served.app.test(.router) { c in
            for (path, ops) in paths {
                guard case let .object(methods) = ops else { continue }
                for (method, _) in methods {
                    let uri = path.replacingOccurrences(of: "{id}", with: "1")
                    let status = try await c.execute(uri: uri, method: HTTPRequest.Method(method.uppercased())!,
                                                     headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}")) {
                        $0.status.code
                    }
                    #expect(status != 405 && !(status == 404 && !path.contains("{id}")), "\(method) \(path) → \(status)")
                }
            }
        }
    }
}

@Suite struct ExportTests {
    /// `thidua export --with-corrections` writes the corrected record beside the extraction, with provenance.
    @Test func exportCarriesCorrectionsWithProvenance() async throws {
        guard let served = try Served.make(.sqlite), let binary = Paths.binary else { Issue.record("no binary"); return }
        try await served.app.test(.router) { c in
            let client = Client(client: c)
            let id = try #require(try await client.call(.post, "/v1/documents?name=doc.txt", body: try Paths.seed("doc.txt")).json["id"]?.intValue)
            let r = try await client.json(.patch, "/v1/documents/\(id)", .object([("document", .object([("place", .string("Thanh Hoá"))]))]),
                                          headers: .with([("X-Thidua-User", "minh")]))
            #expect(r.status == 200)
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["export", "--with-corrections", "--store", served.location]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let line = try JSONValue.parse(try #require(text.split(separator: "\n").first.map(String.init)))
        #expect(line.value(at: "record.document.place") == .string("Thanh Hoá"))
        #expect(line.value(at: "extracted.document.place") == .string("Thanh Hóa"))
        #expect(line["corrections"]?["document.place"]?["by"] == .string("minh"))
    }
}

@Suite struct EarlierStoreTests {
    /// A document stored before page texts were kept: its record is served, its text is a coded 404.
    @Test func documentWithoutPageTextSaysSo() async throws {
        guard let served = try Served.make(.sqlite) else { return }
        let record = try Pipeline().extract(data: try Paths.seed("doc.txt"), file: "old.txt")
        guard case let .imported(id) = try served.store.save(record, path: "/old.txt", fullText: "") else {
            Issue.record("not imported"); return
        }
        try await served.app.test(.router) { c in
            let client = Client(client: c)
            #expect(try await client.call(.get, "/v1/documents/\(id)").status == 200)
            let text = try await client.call(.get, "/v1/documents/\(id)/text")
            #expect(text.status == 404 && text.json.value(at: "error.code") == .string("no-text"))
            let page = try await client.call(.get, "/documents/\(id)")
            #expect(page.status == 200 && page.text.contains("keeps no text"))
        }
    }
}

extension EarlierStoreTests {
    /// A store made before this migration (its tables and ledger entry gone) gets them when opened,
    /// and what it held stays.
    @Test(arguments: Backend.allCases) func earlierStoreIsMigrated(_ backend: Backend) throws {
        guard let served = try Served.make(backend) else { return }
        let sql = served.store as! SQLRecordStore
        let ledger = backend == .sqlite ? "DELETE FROM grdb_migrations WHERE identifier = ?" : "DELETE FROM thidua_migration WHERE name = ?"
        try sql.backend.transaction { tx in
            for table in ["page_text", "correction", "review_mark"] { try tx.execute("DROP TABLE \(table)", []) }
            try tx.execute(ledger, [.text("serve-page-text-corrections-review-marks")])
        }
        let record = try Pipeline().extract(data: try Paths.seed("doc.txt"), file: "old.txt")
        guard case let .imported(id) = try served.store.save(record, path: "/old.txt", fullText: "") else {
            Issue.record("not imported"); return
        }
        let reopened = try Stores.open(served.location)
        defer { reopened.close() }
        #expect(try reopened.pageTexts(documentID: id) == nil)
        let c = try reopened.addCorrection(sha256: record.source.sha256, documentID: id, patch: #"{"document":{"title":"T"}}"#, author: "lan")
        #expect(try reopened.corrections(sha256: record.source.sha256) == [c])
        #expect(try reopened.find(String(id)).first?.sha256 == record.source.sha256)
    }
}
