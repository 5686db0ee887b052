import Foundation
import Hummingbird
import ThiduaCore
import ThiduaStore

/// The JSON API under `/v1`, `/healthz` and `/openapi.json`.
enum API {
    static func add<Context: RequestContext>(to router: Router<Context>, state: ServerState) {
        router.get("/healthz") { _, _ in Reply.json(.object([("status", .string("ok")), ("version", .string(ThiduaVersion.string))])) }
        router.get("/openapi.json") { _, _ in Reply.text(state.openAPI, type: "application/json; charset=utf-8") }
        router.post("/v1/extract") { request, _ in
            let data = try await Uploads.body(request, limit: state.settings.maxUploadBytes)
            return Reply.json(try await Uploads.extract(data, name: Uploads.name(request), state: state))
        }
        router.post("/v1/documents") { request, _ in
            let data = try await Uploads.body(request, limit: state.settings.maxUploadBytes)
            return try await Uploads.importDocument(data, name: Uploads.name(request), state: state)
        }
        router.get("/v1/documents") { request, _ in
            let query = try listQuery(request)
            let (views, next) = try await Blocking.run { try query.run(state) }
            return Reply.json(.object([("documents", .array(views.map(\.json))),
                                       ("nextCursor", next.map { .string(String($0)) } ?? .null)]))
        }
        router.get("/v1/documents/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            return Reply.json(try await Blocking.run { try DocumentView.load(id: id, state: state).fullJSON })
        }
        router.get("/v1/documents/:id/text") { _, context in
            let id = context.parameters.get("id") ?? ""
            return Reply.json(try await Blocking.run { try pageTexts(id, state: state) })
        }
        router.patch("/v1/documents/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            let patch = try await jsonBody(request)
            let author = Self.author(request)
            return Reply.json(try await Blocking.run {
                try Corrections.apply(patch, to: DocumentView.load(id: id, state: state), author: author, state: state).fullJSON
            })
        }
        router.put("/v1/documents/:id/review") { request, context in
            let id = context.parameters.get("id") ?? ""
            guard case let .bool(accepted)? = try await jsonBody(request)["accepted"] else {
                throw APIError(.unprocessableContent, "review-invalid", "give {\"accepted\": true|false}")
            }
            let author = Self.author(request)
            return Reply.json(try await Blocking.run {
                let view = try DocumentView.load(id: id, state: state)
                _ = try state.store.addReviewMark(sha256: view.stored.sha256, accepted: accepted, author: author)
                return try DocumentView.load(view.stored, state: state).fullJSON
            })
        }
        Deadlines.add(to: router, state: state)
    }

    static func pageTexts(_ id: String, state: ServerState) throws -> JSONValue {
        let view = try DocumentView.load(id: id, state: state)
        guard let pages = try state.store.pageTexts(documentID: view.stored.id) else {
            throw APIError(.notFound, "no-text", "the store keeps no page text for document \(id) (imported before `thidua serve` kept it)")
        }
        return .object([("id", .int(Int(view.stored.id))), ("pages", .array(pages.map(JSONValue.string)))])
    }

    static func listQuery(_ request: Request) throws -> DocumentQuery {
        let p = request.uri.queryParameters
        func text(_ k: String) -> String? { p.get(k).flatMap { $0.isEmpty ? nil : $0 } }
        var q = DocumentQuery()
        q.q = text("q")
        q.filter.kind = text("kind")
        q.filter.issuer = text("issuer")
        q.filter.from = try DayBound.parse(text("from"), end: false, name: "from")
        q.filter.to = try DayBound.parse(text("to"), end: true, name: "to")
        if let s = text("severity") {
            guard DocumentQuery.severities.contains(s) else { throw APIError.badRequest("severity: one of error, warning, info") }
            q.severity = s
        }
        if let l = text("limit") {
            guard let n = Int(l), (1...500).contains(n) else { throw APIError.badRequest("limit: a number from 1 to 500") }
            q.limit = n
        }
        if let c = text("cursor") {
            guard let n = Int64(c), n >= 0 else { throw APIError.badRequest("cursor: give the nextCursor of the previous page") }
            q.cursor = n
        }
        return q
    }

    static func jsonBody(_ request: Request) async throws -> JSONValue {
        var request = request
        let buffer = try await request.collectBody(upTo: 1 << 20)
        do { return try JSONValue.parse(String(decoding: buffer.readableBytesView, as: UTF8.self)) } catch {
            throw APIError.badRequest("the body is not JSON: \(error)")
        }
    }

    /// Who made a change: `X-Thidua-User` (the review page sends the name its reader gave), else `api`.
    static func author(_ request: Request) -> String {
        // Percent-encoded UTF-8 (a header holds Latin-1 only); a plain value is taken as it is.
        let raw = request.headers[.thiduaUser] ?? Cookies.value("thidua_user", in: request) ?? ""
        let given = raw.removingPercentEncoding ?? raw
        let clean = String(String.UnicodeScalarView(given.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
            .trimmingCharacters(in: .whitespaces)
        return clean.isEmpty ? "api" : String(clean.prefix(80))
    }
}

/// `GET /v1/deadlines` (JSON) and `GET /v1/deadlines.ics`, as `thidua deadlines` lists them.
enum Deadlines {
    static func add<Context: RequestContext>(to router: Router<Context>, state: ServerState) {
        router.get("/v1/deadlines") { request, _ in
            let (from, to) = try range(request)
            let items = try await Blocking.run { try state.store.milestones(from: from, to: to) }
            return Reply.json(.object([("deadlines", .array(items.map(DeadlineRows.json)))]))
        }
        router.get("/v1/deadlines.ics") { request, _ in
            let (from, to) = try range(request)
            let text = try await Blocking.run { () -> String in
                let items = try state.store.milestones(from: from, to: to)
                var documents: [Int64: CalendarDocument] = [:]
                for id in Set(items.map(\.documentID)) {
                    for d in try state.store.find(String(id)) { documents[d.id] = CalendarDocument(d) }
                }
                let year = Calendar(identifier: .gregorian).component(.year, from: Date())
                return ICalendarExport.calendar(items, documents: documents, defaultYear: year)
            }
            return Reply.text(text, type: "text/calendar; charset=utf-8")
        }
    }

    static func range(_ request: Request) throws -> (String?, String?) {
        let p = request.uri.queryParameters
        return (try DayBound.parse(p.get("from"), end: false, name: "from"), try DayBound.parse(p.get("to"), end: true, name: "to"))
    }
}
