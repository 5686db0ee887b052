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

/// A document in a listing. An uncorrected one is read from the store's columns and its
/// diagnostic rows, without parsing its record; a corrected one from its corrected record.
struct DocumentSummary: Sendable {
    var stored: StoredDocument
    var kind, number, issuer, date, title: String?
    var counts: [String: Int]
    var corrected: Bool
    var accepted: Bool

    /// Blocking.
    static func load(_ d: StoredDocument, state: ServerState) throws -> DocumentSummary {
        let accepted = try state.store.reviewMark(sha256: d.sha256)?.accepted == true
        guard !(try state.store.corrections(sha256: d.sha256)).isEmpty else {
            return DocumentSummary(stored: d, kind: d.kindCode, number: d.number, issuer: d.issuer, date: d.date, title: d.title,
                                   counts: try state.store.diagnosticCounts(documentID: d.id), corrected: false, accepted: accepted)
        }
        let view = try DocumentView.load(d, state: state)
        func s(_ path: String) -> String? { view.record.value(at: path)?.stringValue }
        return DocumentSummary(
            stored: d, kind: s("document.kind.code"), number: s("document.number.canonical"), issuer: s("document.issuer.name"),
            date: s("document.date.value"), title: s("document.title"),
            counts: Dictionary(uniqueKeysWithValues: DocumentQuery.severities.map { ($0, view.count($0)) }),
            corrected: !view.corrected.provenance.isEmpty, accepted: accepted)
    }

    func count(_ severity: String) -> Int { counts[severity] ?? 0 }

    /// One entry of `GET /v1/documents`.
    var json: JSONValue {
        .object([
            ("id", .int(Int(stored.id))), ("file", .string(stored.file)), ("sha256", .string(stored.sha256)),
            ("kind", kind.json), ("number", number.json), ("issuer", issuer.json), ("date", date.json), ("title", title.json),
            ("version", .int(stored.version)), ("importedAt", .string(stored.importedAt)),
            ("diagnostics", .object(DocumentQuery.severities.map { ($0, .int(count($0))) })),
            ("corrected", .bool(corrected)), ("accepted", .bool(accepted)),
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
    func run(_ state: ServerState) throws -> (views: [DocumentSummary], next: Int64?) {
        let matching: Set<Int64>? = try q.map { Set(try state.store.search($0, limit: nil).map(\.id)) }
        var filter = self.filter
        let chunk = 200
        filter.limit = chunk
        filter.afterID = cursor
        var out: [DocumentSummary] = []
        while out.count <= limit {
            let page = try state.store.documents(filter)
            for d in page where matching?.contains(d.id) ?? true {
                let view = try DocumentSummary.load(d, state: state)
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
