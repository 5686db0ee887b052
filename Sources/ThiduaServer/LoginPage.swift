import Foundation
import HTTPTypes
import Hummingbird

/// With `--token`, a browser signs in once: the form takes the token and sets the session cookie.
enum LoginPage {
    static func render(next: String, failed: Bool) -> String {
        let target = next.hasPrefix("/") && !next.hasPrefix("//") ? next : "/"
        return HTML.page(title: "Sign in", body: """
            <main class="login"><h1>Sign in</h1>
            \(failed ? "<p class=\"error\">Wrong token.</p>" : "")
            <form method="post" action="/login">
            <input type="hidden" name="next" value="\(HTML.escape(target))">
            <label>Your name <input name="user" autocomplete="name"></label>
            <label>Token <input name="token" type="password" required autocomplete="current-password"></label>
            <button type="submit">Sign in</button>
            </form></main>
            """)
    }

    static func add<Context: RequestContext>(to router: Router<Context>, token: String?) {
        router.get("/login") { request, _ in
            Reply.html(render(next: request.uri.queryParameters.get("next") ?? "/", failed: false))
        }
        router.post("/login") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 16 << 10)
            let form = FormBody.parse(String(decoding: body.readableBytesView, as: UTF8.self))
            let next = form["next"].flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil } ?? "/"
            guard let token, !token.isEmpty, constantTimeEqual(form["token"] ?? "", token) else {
                return Reply.html(render(next: next, failed: true), status: .unauthorized)
            }
            var headers = HTTPFields()
            headers[.location] = next
            headers.append(HTTPField(name: .setCookie, value:
                "\(AuthMiddleware<Context>.sessionCookie)=\(AuthMiddleware<Context>.session(for: token)); Path=/; HttpOnly; SameSite=Strict"))
            let user = (form["user"] ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            headers.append(HTTPField(name: .setCookie, value: "thidua_user=\(user); Path=/; HttpOnly; SameSite=Strict"))
            return Response(status: .seeOther, headers: headers)
        }
    }
}

/// `application/x-www-form-urlencoded`.
enum FormBody {
    static func parse(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if let k = kv.first { out[k] = kv.count > 1 ? kv[1] : "" }
        }
        return out
    }
}
