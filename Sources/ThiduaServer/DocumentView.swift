import Foundation
import ThiduaCore
import ThiduaStore

/// A stored document as the API and the review page show it: the extraction with the
/// reviewer's corrections applied, its diagnostics under the rules in force, its accepted mark.
struct DocumentView: Sendable {
    var stored: StoredDocument
    var corrected: CorrectedRecord
    var mark: ReviewMark?

    var record: JSONValue { corrected.record }
    var diagnostics: [JSONValue] { record["diagnostics"]?.arrayValue ?? [] }

    /// Blocking: reads the corrections and the mark.
    static func load(_ d: StoredDocument, state: ServerState) throws -> DocumentView {
        let extracted = try JSONValue.parse(d.recordJSON)
        let corrections = try state.store.corrections(sha256: d.sha256)
        var corrected = CorrectedRecord(extracted: extracted, corrections: corrections)
        if !corrections.isEmpty {
            // A corrected field is checked again: its diagnostics are those of the record as it now reads.
            corrected.record = corrected.record.setting(
                "diagnostics", to: .array(state.pipeline.validator.revalidate(corrected.record).map(\.json)))
        }
        return DocumentView(stored: d, corrected: corrected, mark: try state.store.reviewMark(sha256: d.sha256))
    }

    /// Blocking: the document with this id, or 404.
    static func load(id text: String, state: ServerState) throws -> DocumentView {
        guard let id = Int64(text), id > 0, let d = try state.store.find(String(id)).first(where: { $0.id == id }) else {
            throw APIError.notFound("no document with id \(text)")
        }
        return try load(d, state: state)
    }

    func count(_ severity: String) -> Int {
        diagnostics.filter { $0["severity"]?.stringValue == severity }.count
    }

    var markJSON: JSONValue {
        guard let mark else { return .null }
        return .object([("accepted", .bool(mark.accepted)), ("by", .string(mark.author)), ("at", .string(mark.createdAt))])
    }

    /// One entry of `GET /v1/documents`.
    var summaryJSON: JSONValue {
        let r = record
        return .object([
            ("id", .int(Int(stored.id))), ("file", .string(stored.file)), ("sha256", .string(stored.sha256)),
            ("kind", r.value(at: "document.kind.code") ?? .null),
            ("number", r.value(at: "document.number.text") ?? .null),
            ("issuer", r.value(at: "document.issuer.name") ?? .null),
            ("date", r.value(at: "document.date.value") ?? .null),
            ("title", r.value(at: "document.title") ?? .null),
            ("version", .int(stored.version)), ("importedAt", .string(stored.importedAt)),
            ("diagnostics", .object(["error", "warning", "info"].map { ($0, .int(count($0))) })),
            ("corrected", .bool(!corrected.provenance.isEmpty)), ("accepted", .bool(mark?.accepted == true)),
        ])
    }

    /// `GET /v1/documents/{id}`: the corrected record, and who corrected which field when.
    var fullJSON: JSONValue {
        .object([
            ("id", .int(Int(stored.id))), ("sha256", .string(stored.sha256)), ("file", .string(stored.file)),
            ("version", .int(stored.version)), ("previousId", stored.previousID.map { .int(Int($0)) } ?? .null),
            ("importedAt", .string(stored.importedAt)), ("record", record),
            ("corrections", corrected.provenanceJSON), ("review", markJSON),
        ])
    }
}

/// `GET /v1/documents` and the review page's list: filters, then pages in id order.
struct DocumentQuery: Sendable {
    var q: String?
    var filter = DocumentFilter()
    var severity: String?
    var limit = 50
    var cursor: Int64?

    static let severities = ["error", "warning", "info"]

    /// Blocking. The page's views, and the cursor of the next page when there is one.
    func run(_ state: ServerState) throws -> (views: [DocumentView], next: Int64?) {
        let matching: Set<Int64>? = try q.map { Set(try state.store.search($0, limit: nil).map(\.id)) }
        var filter = self.filter
        let chunk = 200
        filter.limit = chunk
        filter.afterID = cursor
        var out: [DocumentView] = []
        while out.count <= limit {
            let page = try state.store.documents(filter)
            for d in page where matching?.contains(d.id) ?? true {
                let view = try DocumentView.load(d, state: state)
                if let severity, view.count(severity) == 0 { continue }
                out.append(view)
                if out.count > limit { break }
            }
            guard page.count == chunk, let last = page.last else { break }
            filter.afterID = last.id
        }
        guard out.count > limit else { return (out, nil) }
        out.removeLast(out.count - limit)
        return (out, out.last?.stored.id)
    }
}
