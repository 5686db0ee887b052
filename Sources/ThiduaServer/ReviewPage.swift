import Foundation
import HTTPTypes
import Hummingbird
import ThiduaCore
import ThiduaStore

/// The review pages: `/` lists documents (errors and warnings first), `/documents/{id}` shows a
/// record's fields beside the source text with each field's evidence marked.
enum ReviewPage {
    static func add<Context: RequestContext>(to router: Router<Context>, state: ServerState) {
        router.get("/") { request, _ in
            let query = try listQuery(request)
            let views = try await Blocking.run { try query.run(state).views }
            return page(request, title: "Documents") { listBody(views, query: query, request: request) }
        }
        router.get("/documents/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            let (view, pages) = try await Blocking.run { () -> (DocumentView, [String]?) in
                let view = try DocumentView.load(id: id, state: state)
                return (view, try state.store.pageTexts(documentID: view.stored.id))
            }
            let title = view.record.value(at: "document.title")?.stringValue ?? view.stored.file
            return page(request, title: title) { DocumentPage.body(view, pages: pages) }
        }
        router.get("/static/:name") { _, context in
            guard let name = context.parameters.get("name"), let asset = state.assets[name] else {
                throw APIError.notFound("no such file")
            }
            return Reply.text(asset.body, type: asset.type)
        }
    }

    /// A page with the CSRF token in a cookie (set when missing) and in a meta tag for the script.
    static func page(_ request: Request, title: String, body: () -> String) -> Response {
        let given = Cookies.value(CSRFMiddleware<BasicRequestContext>.cookie, in: request)
        let csrf = given.flatMap { $0.count == 64 && $0.allSatisfy(\.isHexDigit) ? $0 : nil } ?? randomToken()
        var headers = HTTPFields()
        if given != csrf {
            headers[.setCookie] = "\(CSRFMiddleware<BasicRequestContext>.cookie)=\(csrf); Path=/; HttpOnly; SameSite=Strict"
        }
        return Reply.html(HTML.page(title: title, body: body(), csrf: csrf), headers: headers)
    }

    static func listQuery(_ request: Request) throws -> DocumentQuery {
        var q = try API.listQuery(request)
        if request.uri.queryParameters.get("limit") == nil { q.limit = 500 }
        return q
    }

    static func listBody(_ views: [DocumentSummary], query: DocumentQuery, request: Request) -> String {
        let ordered = views.sorted { a, b in
            (-a.count("error"), -a.count("warning"), a.stored.id) < (-b.count("error"), -b.count("warning"), b.stored.id)
        }
        let rows = ordered.map { v -> String in
            func cell(_ value: String?) -> String { HTML.escape(value ?? "–") }
            let title = v.title ?? v.stored.file
            return """
                <tr class="\(v.count("error") > 0 ? "has-error" : v.count("warning") > 0 ? "has-warning" : "")">\
                <td>\(v.stored.id)</td><td class="num">\(v.count("error"))</td><td class="num">\(v.count("warning"))</td>\
                <td>\(v.accepted ? "<span class=\"accepted\">✓ accepted</span>" : "")\
                \(v.corrected ? " <span class=\"corrected-mark\">corrected</span>" : "")</td>\
                <td>\(cell(v.kind))</td><td>\(cell(v.number))</td><td>\(cell(v.date))</td>\
                <td><a href="/documents/\(v.stored.id)">\(HTML.escape(title))</a></td><td>\(HTML.escape(v.stored.file))</td></tr>
                """
        }.joined(separator: "\n")
        let p = request.uri.queryParameters
        func value(_ k: String) -> String { HTML.escape(p.get(k) ?? "") }
        let options = ([""] + DocumentQuery.severities).map { s in
            "<option value=\"\(s)\"\(p.get("severity") == s ? " selected" : "")>\(s.isEmpty ? "any" : s)</option>"
        }.joined()
        return """
            <main class="list"><h1>Documents</h1>
            <form class="filters" method="get" action="/">
            <label>Search <input name="q" value="\(value("q"))"></label>
            <label>Kind <input name="kind" value="\(value("kind"))" size="4"></label>
            <label>Issuer <input name="issuer" value="\(value("issuer"))"></label>
            <label>With <select name="severity">\(options)</select></label>
            <button type="submit">Filter</button></form>
            <table class="documents"><thead><tr><th>Id</th><th>Errors</th><th>Warnings</th><th>Review</th><th>Kind</th>\
            <th>Number</th><th>Date</th><th>Title</th><th>File</th></tr></thead>
            <tbody>
            \(rows)
            </tbody></table>
            \(views.isEmpty ? "<p>No documents match.</p>" : "")
            </main>
            """
    }
}
