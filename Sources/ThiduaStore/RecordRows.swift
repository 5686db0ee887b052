import Foundation
import ThiduaCore

/// How a record maps onto the store's rows.
enum RecordRows {
    struct Child {
        var sql: String
        /// Values after the leading document_id.
        var values: [SQLValue]
    }

    /// Case- and diacritic-folded, whitespace collapsed: the form both the search
    /// column and the query are compared in (`Fold.asciiCollapsed`).
    static func fold(_ s: String) -> String {
        Fold.asciiCollapsed(s)
    }

    static func documentColumns(_ r: Record, path: String, fullText: String) -> [(String, SQLValue)] {
        let d = r.document
        let n = d.number
        let issuerKey = d.issuer.map { fold([$0.name, $0.parent].compactMap { $0 }.joined(separator: " ")) }
        return [
            ("sha256", .text(r.source.sha256)),
            ("source_path", .text(path)),
            ("source_file", .text(r.source.file)),
            ("format", .text(r.source.format.rawValue)),
            ("pages", SQLValue(r.source.pages)),
            ("encoding", .text(r.source.encoding)),
            ("kind_code", SQLValue(d.kind?.code)),
            ("kind_name", SQLValue(d.kind?.name)),
            ("number_text", SQLValue(n?.text)),
            ("number_serial", SQLValue(n?.serial)),
            ("number_year", SQLValue(n?.year)),
            ("number_kind", SQLValue(n?.kind)),
            ("number_issuers", SQLValue(n.map { $0.issuers.json.serialized() })),
            ("number_canonical", SQLValue(n?.canonical)),
            ("issuer", SQLValue(d.issuer?.name)),
            ("parent", SQLValue(d.issuer?.parent)),
            ("issuer_key", SQLValue(issuerKey)),
            ("place", SQLValue(d.place)),
            ("date_text", SQLValue(d.date?.text)),
            ("date_value", SQLValue(d.date?.value)),
            ("date_start", SQLValue(d.date?.start)),
            ("date_end", SQLValue(d.date?.end)),
            ("title", SQLValue(d.title)),
            ("signer", SQLValue(d.signer?.name)),
            ("signer_title", SQLValue(d.signer?.title)),
            ("record_json", .text(r.json.serialized())),
            ("search_text", .text(searchText(r, fullText: fullText))),
            ("imported_at", .text(timestamp())),
            ("identity_key", .text(DocumentIdentity.key(r))),
            ("text_layer", SQLValue(r.source.textLayer?.rawValue)),
        ]
    }

    static func searchText(_ r: Record, fullText: String) -> String {
        var parts: [String] = []
        let d = r.document
        parts += [d.title, d.issuer?.name, d.issuer?.parent, d.number?.canonical, d.place, d.kind?.name,
                  r.campaign.theme].compactMap { $0 }
        parts += r.campaign.movements
        parts += r.campaign.milestones.map(\.task)
        parts += r.campaign.awards.map(\.name)
        parts += r.campaign.anniversaries.map(\.event)
        parts += r.references.map(\.text)
        parts.append(fullText)
        return fold(parts.joined(separator: " \u{1F} "))
    }

    static func timestamp() -> String {
        var t = time(nil)
        var tm = tm()
        gmtime_r(&t, &tm)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                      tm.tm_hour, tm.tm_min, tm.tm_sec)
    }

    static func children(_ r: Record) -> [Child] {
        var out: [Child] = []
        for (i, ref) in r.references.enumerated() {
            out.append(Child(
                sql: """
                    INSERT INTO reference (document_id, seq, text, kind_code, kind_name, number_text, number_canonical, \
                    date_value, date_start, date_end, issuer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                values: [.int(Int64(i)), .text(ref.text), SQLValue(ref.kind?.code), SQLValue(ref.kind?.name),
                         .text(ref.number.text), .text(ref.number.canonical), SQLValue(ref.date?.value),
                         SQLValue(ref.date?.start), SQLValue(ref.date?.end), SQLValue(ref.issuer)]))
        }
        for (i, m) in r.campaign.movements.enumerated() {
            out.append(Child(sql: "INSERT INTO movement (document_id, seq, name) VALUES (?, ?, ?)",
                             values: [.int(Int64(i)), .text(m)]))
        }
        for (i, m) in r.campaign.milestones.enumerated() {
            out.append(Child(
                sql: """
                    INSERT INTO milestone (document_id, seq, task, responsible, status, text, due_text, due_value, \
                    due_start, due_end, due_precision, due_relation, due_recurrence) \
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                values: [.int(Int64(i)), .text(m.task), SQLValue(m.responsible), SQLValue(m.status), SQLValue(m.text),
                         SQLValue(m.due?.text), SQLValue(m.due?.value), SQLValue(m.due?.start), SQLValue(m.due?.end),
                         SQLValue(m.due?.precision.rawValue), SQLValue(m.due?.relation?.rawValue),
                         SQLValue(m.due?.recurrence?.rawValue)]))
        }
        for (i, a) in r.campaign.awards.enumerated() {
            out.append(Child(
                sql: "INSERT INTO award (document_id, seq, type, name, grantor, quota) VALUES (?, ?, ?, ?, ?, ?)",
                values: [.int(Int64(i)), .text(a.type.rawValue), .text(a.name), SQLValue(a.grantor), SQLValue(a.quota)]))
        }
        for (i, a) in r.campaign.anniversaries.enumerated() {
            out.append(Child(
                sql: """
                    INSERT INTO anniversary (document_id, seq, event, years, date_value, date_start, since_value, \
                    since_start) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                values: [.int(Int64(i)), .text(a.event), SQLValue(a.years), SQLValue(a.date?.value),
                         SQLValue(a.date?.start), SQLValue(a.since?.value), SQLValue(a.since?.start)]))
        }
        for (i, x) in r.diagnostics.enumerated() {
            out.append(Child(
                sql: "INSERT INTO diagnostic (document_id, seq, rule, severity, path, message) VALUES (?, ?, ?, ?, ?, ?)",
                values: [.int(Int64(i)), .text(x.rule), .text(x.severity.rawValue), SQLValue(x.path), .text(x.message)]))
        }
        return out
    }
}
