import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ThiduaCore
import ThiduaServer
import ThiduaStore

/// PATCH: a merge patch validated and stored as a correction row; the extraction is never overwritten.
@Suite struct CorrectionsTests {
    static let newTitle = "Kế hoạch hoạt động Khối thi đua năm 2023 (đã sửa)"

    @Test(arguments: Backend.allCases) func correctionIsKeptApartAndSurvivesReimport(_ backend: Backend) async throws {
        guard let served = try Served.make(backend) else { return }
        let doc = try Paths.seed("doc.txt")
        try await served.app.test(.router) { c in
            let client = Client(client: c)
            let id = try #require(try await client.call(.post, "/v1/documents?name=doc.txt", body: doc).json["id"]?.intValue)
            let extractedJSON = try #require(served.store.find(String(id)).first?.recordJSON)
            let extractedTitle = try JSONValue.parse(extractedJSON).value(at: "document.title")

            let patched = try await client.json(.patch, "/v1/documents/\(id)", .object([("document", .object([("title", .string(Self.newTitle))]))]),
                                                headers: .with([("X-Thidua-User", "Nguyễn Thị Lan")]))
            #expect(patched.status == 200, "\(patched.text)")
            #expect(patched.json.value(at: "record.document.title") == .string(Self.newTitle))
            #expect(patched.json.value(at: "corrections")?["document.title"]?["by"] == .string("Nguyễn Thị Lan"))
            #expect(patched.json.value(at: "corrections")?["document.title"]?["at"]?.stringValue?.hasSuffix("Z") == true)
            #expect(patched.json.value(at: "record.document.signer.name") == .string("Cao Văn Cường"))

            // The extraction is untouched; the correction is its own row.
            #expect(try served.store.find(String(id)).first?.recordJSON == extractedJSON)
            #expect(try served.scalar("SELECT count(*) FROM correction") == 1)
            #expect(extractedTitle != .string(Self.newTitle))

            // Importing the same file again changes nothing, and the correction still applies.
            let again = try await client.call(.post, "/v1/documents?name=doc.txt", body: doc)
            #expect(again.json["status"] == .string("unchanged"))
            let shown = try await client.call(.get, "/v1/documents/\(id)")
            #expect(shown.json.value(at: "record.document.title") == .string(Self.newTitle))
            let listed = try await client.call(.get, "/v1/documents")
            #expect(listed.json["documents"]?.arrayValue?.first?["title"] == .string(Self.newTitle))
            #expect(listed.json["documents"]?.arrayValue?.first?["corrected"] == .bool(true))

            // A later correction wins; removing a field (null) is a correction too.
            let removed = try await client.json(.patch, "/v1/documents/\(id)", .object([("campaign", .object([("theme", .null)]))]))
            #expect(removed.status == 200)
            #expect(removed.json.value(at: "corrections")?["campaign.theme"]?["by"] == .string("api"))
            #expect(try served.scalar("SELECT count(*) FROM correction") == 2)
        }
    }

    @Test(arguments: Backend.allCases) func invalidCorrectionsAreRefused(_ backend: Backend) async throws {
        guard let served = try Served.make(backend) else { return }
        try await served.app.test(.router) { c in
            let client = Client(client: c)
            let id = try #require(try await client.call(.post, "/v1/documents?name=doc.txt", body: try Paths.seed("doc.txt")).json["id"]?.intValue)
            let cases: [(JSONValue, String)] = [
                (.object([("document", .object([("title", .int(5))]))]), "schema"),
                (.object([("document", .object([("number", .string("56/KH"))]))]), "schema"),
                (.object([("evidence", .object([]))]), "patch-forbidden-field"),
                (.object([("source", .object([("file", .string("x"))]))]), "patch-forbidden-field"),
                (.object([]), "patch-empty"),
                (.array([]), "patch-invalid"),
            ]
            for (patch, code) in cases {
                let r = try await client.json(.patch, "/v1/documents/\(id)", patch)
                #expect(r.status == 422, "\(patch.serialized()) → \(r.text)")
                #expect(r.json.value(at: "error.code") == .string(code), "\(patch.serialized()) → \(r.text)")
            }
            let notJSON = try await client.call(.patch, "/v1/documents/\(id)", body: Data("{title".utf8))
            #expect(notJSON.status == 400)
            let missing = try await client.json(.patch, "/v1/documents/4242", .object([("document", .object([("title", .string("x"))]))]))
            #expect(missing.status == 404)
            #expect(try served.scalar("SELECT count(*) FROM correction") == 0)
        }
    }

    @Test(arguments: Backend.allCases) func acceptedMark(_ backend: Backend) async throws {
        guard let served = try Served.make(backend) else { return }
        try await served.app.test(.router) { c in
            let client = Client(client: c)
            let id = try #require(try await client.call(.post, "/v1/documents?name=doc.txt", body: try Paths.seed("doc.txt")).json["id"]?.intValue)
            #expect(try await client.call(.get, "/v1/documents/\(id)").json["review"] == .null)
            let accepted = try await client.json(.put, "/v1/documents/\(id)/review", .object([("accepted", .bool(true))]),
                                                 headers: .with([("X-Thidua-User", "clerk")]))
            #expect(accepted.json.value(at: "review.accepted") == .bool(true))
            #expect(accepted.json.value(at: "review.by") == .string("clerk"))
            let listed = try await client.call(.get, "/v1/documents")
            #expect(listed.json["documents"]?.arrayValue?.first?["accepted"] == .bool(true))
            let withdrawn = try await client.json(.put, "/v1/documents/\(id)/review", .object([("accepted", .bool(false))]))
            #expect(withdrawn.json.value(at: "review.accepted") == .bool(false))
            let bad = try await client.json(.put, "/v1/documents/\(id)/review", .object([("accepted", .string("yes"))]))
            #expect(bad.status == 422)
        }
    }
}

@Suite struct MergePatchTests {
    @Test func mergesRemovesAndReplaces() throws {
        let target = try JSONValue.parse(#"{"a":"b","c":{"d":"e","f":"g"},"l":[1,2]}"#)
        let patch = try JSONValue.parse(#"{"a":"z","c":{"f":null,"h":"i"},"l":[3],"n":{"o":null,"p":1}}"#)
        let merged = MergePatch.apply(patch, to: target)
        #expect(merged == (try JSONValue.parse(#"{"a":"z","c":{"d":"e","h":"i"},"l":[3],"n":{"p":1}}"#)))
        #expect(MergePatch.leafPaths(patch).sorted() == ["a", "c.f", "c.h", "l", "n.o", "n.p"])
    }

    @Test func laterCorrectionsWinAndMarkTheirFields() throws {
        let extracted = try JSONValue.parse(#"{"document":{"title":"A","place":"X"}}"#)
        func c(_ id: Int64, _ patch: String, _ who: String) -> StoredCorrection {
            StoredCorrection(id: id, sha256: String(repeating: "a", count: 64), documentID: 1, patchJSON: patch, author: who, createdAt: "t\(id)")
        }
        let r = CorrectedRecord(extracted: extracted, corrections: [
            c(1, #"{"document":{"title":"B"}}"#, "lan"), c(2, #"{"document":{"title":"C","place":"Y"}}"#, "minh"),
        ])
        #expect(r.record.value(at: "document.title") == .string("C"))
        #expect(r.correction(of: "document.title")?.author == "minh")
        #expect(r.correction(of: "document.place")?.id == 2)
        #expect(r.provenance.count == 2)
    }
}

extension MergePatchTests {
    @Test func overARecordNullClearsAndKeepsTheKey() throws {
        let record = try JSONValue.parse(#"{"campaign":{"theme":"T","period":null}}"#)
        let patched = MergePatch.apply(try JSONValue.parse(#"{"campaign":{"theme":null,"extra":null}}"#), to: record, keepingNulls: true)
        #expect(patched == (try JSONValue.parse(#"{"campaign":{"theme":null,"period":null}}"#)))
    }
}
