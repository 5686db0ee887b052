import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ThiduaCore
import ThiduaServer
import ThiduaStore

@Suite struct SecurityTests {
    static let token = "s3cret-token-for-tests-0123456789"

    @Test func tokenIsRequiredOnEveryRequest() async throws {
        guard let served = try Served.make(.sqlite, token: Self.token) else { return }
        try await served.app.test(.router) { c in
            let client = Client(client: c)
            for uri in ["/healthz", "/v1/documents", "/v1/deadlines.ics", "/openapi.json"] {
                let r = try await c.execute(uri: uri, method: .get) { $0 }
                #expect(r.status == .unauthorized, "\(uri)")
            }
            let wrong = try await c.execute(uri: "/v1/documents", method: .get, headers: .with([("Authorization", "Bearer nope")])) { $0 }
            #expect(wrong.status == .unauthorized)
            let bearer = HTTPFields.with([("Authorization", "Bearer \(Self.token)")])
            let ok = try await client.call(.get, "/v1/documents", headers: bearer)
            #expect(ok.status == 200)
            let upload = try await client.call(.post, "/v1/documents?name=doc.txt", body: try Paths.seed("doc.txt"), headers: bearer)
            #expect(upload.status == 201)

            // The page asks for a sign-in; the form sets a session cookie that is not the token.
            let page = try await c.execute(uri: "/", method: .get) { $0 }
            #expect(page.status == .unauthorized)
            #expect(String(decoding: page.body.readableBytesView, as: UTF8.self).contains("name=\"token\""))
            let bad = try await c.execute(uri: "/login", method: .post, headers: .with([("Content-Type", "application/x-www-form-urlencoded")]),
                                          body: ByteBuffer(string: "token=wrong&next=%2F")) { $0 }
            #expect(bad.status == .unauthorized)
            let login = try await c.execute(uri: "/login", method: .post, headers: .with([("Content-Type", "application/x-www-form-urlencoded")]),
                                            body: ByteBuffer(string: "token=\(Self.token)&user=Lan&next=%2F")) { $0 }
            #expect(login.status == .seeOther)
            let cookies = login.headers[values: .setCookie]
            let session = try #require(cookies.first { $0.hasPrefix("thidua_session=") }?.split(separator: ";").first.map(String.init))
            #expect(!session.contains(Self.token))
            let listed = try await c.execute(uri: "/", method: .get, headers: .with([("Cookie", session)])) { $0 }
            #expect(listed.status == .ok)
        }
    }

    @Test func crossSiteWritesAreRefused() async throws {
        guard let served = try Served.make(.sqlite) else { return }
        try await served.app.test(.router) { c in
            let client = Client(client: c)
            let id = try #require(try await client.call(.post, "/v1/documents?name=doc.txt", body: try Paths.seed("doc.txt")).json["id"]?.intValue)
            let patch = Data(#"{"document":{"title":"pwned"}}"#.utf8)
            let evil = try await client.call(.patch, "/v1/documents/\(id)", body: patch,
                                             headers: .with([("Origin", "https://evil.example"), ("Content-Type", "application/json")]))
            #expect(evil.status == 403 && evil.json.value(at: "error.code") == .string("csrf"))
            let crossSite = try await client.call(.post, "/v1/documents?name=x.txt", body: Data("x".utf8),
                                                  headers: .with([("Sec-Fetch-Site", "cross-site")]))
            #expect(crossSite.status == 403)
            // A browser session (the CSRF cookie) must repeat its token in X-CSRF-Token.
            let page = try await c.execute(uri: "/documents/\(id)", method: .get) { $0 }
            let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("thidua_csrf=") }?
                .split(separator: ";").first.map(String.init))
            let token = String(cookie.dropFirst("thidua_csrf=".count))
            #expect(String(decoding: page.body.readableBytesView, as: UTF8.self).contains("content=\"\(token)\""))
            let noHeader = try await client.call(.patch, "/v1/documents/\(id)", body: patch, headers: .with([("Cookie", cookie)]))
            #expect(noHeader.status == 403)
            let wrongHeader = try await client.call(.patch, "/v1/documents/\(id)", body: patch,
                                                    headers: .with([("Cookie", cookie), ("X-CSRF-Token", String(repeating: "0", count: 64))]))
            #expect(wrongHeader.status == 403)
            let good = try await client.call(.patch, "/v1/documents/\(id)", body: patch,
                                             headers: .with([("Cookie", cookie), ("X-CSRF-Token", token), ("Sec-Fetch-Site", "same-origin")]))
            #expect(good.status == 200)
            #expect(try served.scalar("SELECT count(*) FROM correction") == 1)
        }
    }

    @Test func documentTextIsEscapedEverywhere() async throws {
        guard let served = try Served.make(.sqlite) else { return }
        var text = try String(decoding: Paths.seed("doc.txt"), as: UTF8.self)
        text += "\n<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned=2\">\n"
        let hostile = Data(text.utf8)
        try await served.app.test(.router) { c in
            let client = Client(client: c)
            let id = try #require(try await client.call(.post, "/v1/documents?name=%3Cb%3Ex.txt", body: hostile).json["id"]?.intValue)
            let title = "<script>window.__pwned=3</script> & \"quoted\""
            let patched = try await client.json(.patch, "/v1/documents/\(id)", .object([("document", .object([("title", .string(title))]))]))
            #expect(patched.status == 200)
            for uri in ["/", "/documents/\(id)"] {
                let page = try await client.call(.get, uri)
                #expect(page.status == 200)
                #expect(!page.text.contains("<script>window"), "\(uri)")
                #expect(!page.text.contains("<img src=x"), "\(uri)")
                #expect(!page.text.contains("<b>x.txt"), "\(uri)")
                #expect(page.text.contains("&lt;script&gt;window.__pwned=3&lt;/script&gt; &amp; &quot;quoted&quot;"), "\(uri)")
                #expect(page.header("Content-Security-Policy")?.contains("script-src 'self'") == true)
            }
        }
    }

    @Test func settingsRefuseOpenAddressesWithoutAToken() {
        #expect(ServerSettings(host: "0.0.0.0").refusal != nil)
        #expect(ServerSettings(host: "192.168.1.4").refusal != nil)
        #expect(ServerSettings(host: "0.0.0.0", token: "short").refusal != nil)
        #expect(ServerSettings(host: "0.0.0.0", token: "a-long-enough-token-1234").refusal == nil)
        for host in ["127.0.0.1", "127.8.9.10", "localhost", "::1", "[::1]"] {
            #expect(ServerSettings(host: host).refusal == nil, "\(host)")
        }
        #expect(ServerSettings.parseSize("50MB") == 50 << 20)
        #expect(ServerSettings.parseSize("512kb") == 512 << 10)
        #expect(ServerSettings.parseSize("1G") == 1 << 30)
        #expect(ServerSettings.parseSize("1000") == 1000)
        #expect(ServerSettings.parseSize("-5MB") == nil)
        #expect(ServerSettings.parseSize("lots") == nil)
    }
}
