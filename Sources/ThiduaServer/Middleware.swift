import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ThiduaCore
import ThiduaStore

/// The outermost layer: a request id (the caller's `X-Request-Id` when it is a plain token),
/// echoed on the response, and one structured log line per request.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = DispatchTime.now().uptimeNanoseconds
        let given = request.headers[.requestID].flatMap { id in
            id.count <= 64 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) } ? id : nil
        }
        let id = given ?? context.id
        var context = context
        context.logger[metadataKey: "request_id"] = .string(id)
        var response: Response
        do { response = try await next(request, context) } catch {
            response = ErrorReply.response(APIError.from(error), request: request)
        }
        response.headers[.requestID] = id
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue), "path": .string(request.uri.path),
            "status": .stringConvertible(response.status.code), "ms": .string(String(format: "%.1f", ms)),
        ])
        return response
    }
}

/// Errors become `{"error": {…}}` under `/v1` (and for other API paths), an escaped HTML page elsewhere.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do { return try await next(request, context) } catch {
            let e = APIError.from(error)
            if e.status.code >= 500 { context.logger.error("failed", metadata: ["error": .string("\(error)")]) }
            return ErrorReply.response(e, request: request)
        }
    }
}

enum ErrorReply {
    static func isPage(_ path: String) -> Bool {
        !(path.hasPrefix("/v1/") || path == "/v1" || path == "/healthz" || path == "/openapi.json" || path.hasPrefix("/static/"))
    }

    static func response(_ e: APIError, request: Request) -> Response {
        guard isPage(request.uri.path) else { return Reply.json(e.json, status: e.status) }
        let body = "<h1>\(e.status.code) \(HTML.escape(e.status.reasonPhrase))</h1><p>\(HTML.escape(e.message))</p>"
            + "<p><a href=\"/\">All documents</a></p>"
        return Reply.html(HTML.page(title: "\(e.status.code)", body: body), status: e.status)
    }
}

/// Headers every response carries: no inline script runs, nothing is sniffed or framed.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var policy: String { SecurityPolicy.text }
}

enum SecurityPolicy {
    static let text = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
}

extension SecurityHeadersMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var r = try await next(request, context)
        r.headers[.contentSecurityPolicy] = Self.policy
        r.headers[.xContentTypeOptions] = "nosniff"
        r.headers[.xFrameOptions] = "DENY"
        r.headers[.referrerPolicy] = "no-referrer"
        return r
    }
}

/// With a token: `Authorization: Bearer <token>`, or the session cookie the login form sets.
struct AuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?

    static var sessionCookie: String { CookieNames.session }

    /// The cookie's value: derived from the token, so the token itself never sits in a cookie.
    static func session(for token: String) -> String { BatchImporter.sha256(Data(("thidua-session\u{0}" + token).utf8)) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let token, !token.isEmpty, request.uri.path != "/login" else { return try await next(request, context) }
        if Self.bearer(request).map({ constantTimeEqual($0, token) }) == true
            || Cookies.value(Self.sessionCookie, in: request).map({ constantTimeEqual($0, Self.session(for: token)) }) == true
        {
            return try await next(request, context)
        }
        if ErrorReply.isPage(request.uri.path) {
            return Reply.html(LoginPage.render(next: request.uri.path, failed: false), status: .unauthorized)
        }
        var r = Reply.json(APIError(.unauthorized, "unauthorized", "give Authorization: Bearer <token>").json,
                           status: .unauthorized)
        r.headers[.wwwAuthenticate] = "Bearer"
        return r
    }

    static func bearer(_ request: Request) -> String? {
        guard let h = request.headers[.authorization], h.lowercased().hasPrefix("bearer ") else { return nil }
        return String(h.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }
}

/// Writes from a browser must come from thidua's own pages: a cross-site request is refused,
/// and a request that carries the CSRF cookie must repeat it in `X-CSRF-Token` (double submit).
/// Calls with a bearer token are not a browser's: no cookie rides along with them.
struct CSRFMiddleware<Context: RequestContext>: RouterMiddleware {
    static var cookie: String { CookieNames.csrf }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let safe: Set<HTTPRequest.Method> = [.get, .head, .options]
        guard !safe.contains(request.method), AuthMiddleware<Context>.bearer(request) == nil else {
            return try await next(request, context)
        }
        if let site = request.headers[.secFetchSite], site != "same-origin", site != "none" {
            throw APIError(.forbidden, "csrf", "cross-site request refused")
        }
        if let origin = request.headers[.origin], !Self.sameOrigin(origin, host: request.head.authority) {
            throw APIError(.forbidden, "csrf", "request from another origin refused")
        }
        let cookie = Cookies.value(Self.cookie, in: request)
        let session = Cookies.value(AuthMiddleware<Context>.sessionCookie, in: request)
        if cookie != nil || session != nil, request.uri.path != "/login" {
            guard let cookie, let header = request.headers[.csrfToken], constantTimeEqual(cookie, header) else {
                throw APIError(.forbidden, "csrf", "missing or wrong X-CSRF-Token")
            }
        }
        return try await next(request, context)
    }

    static func sameOrigin(_ origin: String, host: String?) -> Bool {
        guard let host, let url = URL(string: origin), let oh = url.host, url.scheme == "http" || url.scheme == "https" else {
            return false
        }
        let authority = oh + (url.port.map { ":\($0)" } ?? "")
        return authority.lowercased() == host.lowercased()
    }
}

enum CookieNames {
    static let session = "thidua_session"
    static let csrf = "thidua_csrf"
}
