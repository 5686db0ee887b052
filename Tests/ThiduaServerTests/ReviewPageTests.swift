import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ThiduaCore
@testable import ThiduaServer
import ThiduaStore

@Suite struct ReviewPageTests {
    @Test(arguments: Backend.allCases) func documentPageMarksEvidenceOfEachField(_ backend: Backend) async throws {
        guard let served = try Served.make(backend) else { return }
        try await served.app.test(.router) { c in
            let client = Client(client: c)
            let id = try #require(try await client.call(.post, "/v1/documents?name=doc.pdf", body: try Paths.seed("doc.pdf")).json["id"]?.intValue)
            let record = try await client.call(.get, "/v1/documents/\(id)").json["record"]
            guard case let .object(evidence)? = record?["evidence"] else { Issue.record("no evidence"); return }
            let page = try await client.call(.get, "/documents/\(id)")
            #expect(page.status == 200)
            #expect(page.text.contains("<html lang=\"vi\">") && page.text.contains("Cao Văn Cường"))
            for (field, _) in evidence {
                #expect(page.text.contains("data-field=\"\(field)\""), "no mark for \(field)")
                #expect(page.text.contains("href=\"#ev-\(field)\""), "no link to \(field)")
            }
            #expect(evidence.count >= 10)
            #expect(page.text.contains("data-field=\"document.number\""))
            #expect(page.text.contains("<script src=\"/static/review.js\"></script>"))
            let js = try await client.call(.get, "/static/review.js")
            #expect(js.status == 200 && js.text.contains("X-CSRF-Token"))
            let list = try await client.call(.get, "/?severity=error")
            #expect(list.status == 200)
        }
    }

    @Test func listPutsErrorsAndWarningsFirst() async throws {
        guard let served = try Served.make(.sqlite) else { return }
        try await served.app.test(.router) { c in
            let client = Client(client: c)
            _ = try await client.call(.post, "/v1/documents?name=doc.txt", body: try Paths.seed("doc.txt"))
            _ = try await client.call(.post, "/v1/documents?name=short.txt", body: Data("Kế hoạch\nnăm 2024\n".utf8))
            let list = try await client.call(.get, "/v1/documents")
            let rows = list.json["documents"]?.arrayValue ?? []
            let worst = rows.max { a, b in
                (a.value(at: "diagnostics.error")?.intValue ?? 0, a.value(at: "diagnostics.warning")?.intValue ?? 0)
                    < (b.value(at: "diagnostics.error")?.intValue ?? 0, b.value(at: "diagnostics.warning")?.intValue ?? 0)
            }
            let page = try await client.call(.get, "/")
            let firstLink = page.text.range(of: "<a href=\"/documents/").map { page.text[$0.upperBound...].prefix { $0.isNumber } }
            #expect(firstLink.map(String.init) == worst?["id"]?.intValue.map(String.init))
        }
    }
}

@Suite struct EvidenceTextTests {
    typealias S = EvidenceText.Span

    @Test func nestsAndEscapes() {
        let html = EvidenceText.render("a<b>&c dé", spans: [S(field: "x", start: 1, end: 4), S(field: "y", start: 2, end: 3)])
        #expect(html == "a<mark data-field=\"x\" id=\"ev-x\" tabindex=\"-1\">&lt;<mark data-field=\"y\" id=\"ev-y\" tabindex=\"-1\">b</mark>&gt;</mark>&amp;c dé")
    }

    @Test func crossingSpanIsCutAndOffsetsAreScalars() {
        // "Đ" precomposed is one scalar; "e\u{301}" is two.
        let html = EvidenceText.render("Đe\u{301}xyz", spans: [S(field: "a", start: 0, end: 3), S(field: "b", start: 2, end: 5),
                                                           S(field: "c", start: 9, end: 12), S(field: "d", start: 4, end: 4)])
        #expect(html == "<mark data-field=\"a\" id=\"ev-a\" tabindex=\"-1\">Đe<mark data-field=\"b\" id=\"ev-b\" tabindex=\"-1\">\u{301}</mark></mark>xyz")
    }

    @Test func spanPastTheEndIsClipped() {
        #expect(EvidenceText.render("ab", spans: [S(field: "f", start: 1, end: 10)])
            == "a<mark data-field=\"f\" id=\"ev-f\" tabindex=\"-1\">b</mark>")
    }

    @Test func htmlEscape() {
        #expect(HTML.escape("<script>\"x\" & 'y'</script>") == "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;")
    }
}
