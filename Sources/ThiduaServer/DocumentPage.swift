import Foundation
import ThiduaCore
import ThiduaStore

/// `/documents/{id}`: fields on one side, the source text on the other.
enum DocumentPage {
    /// Plain-text fields a reviewer corrects in place (structured ones — numbers, dates — through the API).
    static let editable = ["document.title", "document.issuer.name", "document.issuer.parent", "document.place",
                           "document.signer.name", "document.signer.title", "campaign.theme"]

    struct Row {
        var path: String
        /// The evidence key to jump to: the path's own, or its nearest ancestor's.
        var target: String?
        var editable: Bool
    }

    static func body(_ view: DocumentView, pages: [String]?) -> String {
        let record = view.record
        let evidence = spans(record)
        let keys = evidence.map(\.0)
        func target(_ path: String) -> String? {
            var p = path
            while true {
                if keys.contains(p) { return p }
                guard let dot = p.lastIndex(of: ".") else { return nil }
                p = String(p[..<dot])
            }
        }
        var rows = editable.map { Row(path: $0, target: target($0), editable: true) }
        for key in keys where !editable.contains(key) && !editable.contains(where: { $0.hasPrefix(key + ".") }) {
            rows.append(Row(path: key, target: key, editable: false))
        }
        let (byRow, general) = assign(view.diagnostics, to: rows.map(\.path))
        let table = rows.map { row(view, $0, diagnostics: byRow[$0.path] ?? []) }.joined(separator: "\n")
        let title = record.value(at: "document.title")?.stringValue ?? view.stored.file
        return """
            <main class="review" data-id="\(view.stored.id)">
            <section class="fields">
            <h1>\(HTML.escape(title))</h1>
            <p class="meta">\(HTML.escape(view.stored.file)) · version \(view.stored.version) · imported \(HTML.escape(view.stored.importedAt))</p>
            \(acceptance(view))
            <label class="who" hidden>Your name <input id="reviewer" autocomplete="name"></label>
            <table class="fields"><tbody>
            \(table)
            </tbody></table>
            \(general.isEmpty ? "" : "<h2>Other diagnostics</h2>" + diagnosticList(general))
            </section>
            <section class="source" lang="vi"><h2>Source text</h2>
            \(source(pages, evidence: evidence))
            </section>
            </main>
            """
    }

    static func acceptance(_ view: DocumentView) -> String {
        let state = view.mark.map { m in
            m.accepted ? "<span class=\"accepted\">✓ Accepted</span> by \(HTML.escape(m.author)) at \(HTML.escape(m.createdAt))"
                : "Not accepted (\(HTML.escape(m.author)), \(HTML.escape(m.createdAt)))"
        } ?? "Not reviewed yet"
        let accepted = view.mark?.accepted == true
        return """
            <form class="accept" data-accepted="\(accepted)"><span class="review-state">\(state)</span> \
            <button type="submit" hidden>\(accepted ? "Withdraw acceptance" : "Mark accepted")</button></form>
            """
    }

    static func row(_ view: DocumentView, _ r: Row, diagnostics: [JSONValue]) -> String {
        let value = view.record.value(at: r.path)
        let shown = summary(value)
        let label = r.target.map { "<a class=\"jump\" href=\"#ev-\(HTML.escape($0))\" data-target=\"\(HTML.escape($0))\">\(HTML.escape(r.path))</a>" }
            ?? HTML.escape(r.path)
        let provenance = view.corrected.correction(of: r.path).map {
            "<div class=\"provenance\">corrected by \(HTML.escape($0.author)) at \(HTML.escape($0.createdAt))</div>"
        } ?? ""
        let form = r.editable ? """
            <form class="edit" data-path="\(HTML.escape(r.path))" hidden><input name="value" value="\(HTML.escape(value?.stringValue ?? ""))" \
            aria-label="\(HTML.escape(r.path))"> <button type="submit">Save</button> <span class="status" role="status"></span></form>
            """ : ""
        return """
            <tr data-path="\(HTML.escape(r.path))"\(provenance.isEmpty ? "" : " class=\"corrected\"")><th scope="row">\(label)</th>\
            <td><div class="value">\(HTML.escape(shown))</div>\(provenance)\(diagnostics.isEmpty ? "" : diagnosticList(diagnostics))\(form)</td></tr>
            """
    }

    /// A field's value in a few words: text as is, an object by its text or name.
    static func summary(_ v: JSONValue?) -> String {
        switch v {
        case nil, .null?: return "—"
        case let .string(s)?: return s
        case let .array(items)?: return items.isEmpty ? "—" : items.map { summary($0) }.joined(separator: "; ")
        case let .object(pairs)?:
            for key in ["text", "name", "task", "event", "value", "heading"] {
                if let s = pairs.first(where: { $0.0 == key })?.1.stringValue { return s }
            }
            return v!.serialized()
        case let v?: return v.serialized()
        }
    }

    /// Each diagnostic beside the field whose path is the longest prefix of its own.
    static func assign(_ diagnostics: [JSONValue], to paths: [String]) -> ([String: [JSONValue]], [JSONValue]) {
        var byPath: [String: [JSONValue]] = [:]
        var general: [JSONValue] = []
        for d in diagnostics {
            let p = d["path"]?.stringValue ?? ""
            let owner = paths.filter { p == $0 || p.hasPrefix($0 + ".") }.max { $0.count < $1.count }
            if let owner { byPath[owner, default: []].append(d) } else { general.append(d) }
        }
        return (byPath, general)
    }

    static func diagnosticList(_ items: [JSONValue]) -> String {
        "<ul class=\"diags\">" + items.map { d in
            let sev = d["severity"]?.stringValue ?? "info"
            return "<li class=\"sev-\(HTML.escape(sev))\"><b>\(HTML.escape(sev))</b> \(HTML.escape(d["rule"]?.stringValue ?? "")): "
                + "\(HTML.escape(d["message"]?.stringValue ?? ""))</li>"
        }.joined() + "</ul>"
    }

    /// The record's evidence spans, in the order the record lists them.
    static func spans(_ record: JSONValue) -> [(String, JSONValueSpan)] {
        guard case let .object(pairs)? = record["evidence"] else { return [] }
        return pairs.compactMap { key, s in
            guard let page = s["page"]?.intValue, let start = s["start"]?.intValue, let end = s["end"]?.intValue else { return nil }
            return (key, JSONValueSpan(page: page, start: start, end: end))
        }
    }

    static func source(_ pages: [String]?, evidence: [(String, JSONValueSpan)]) -> String {
        guard let pages else {
            return "<p class=\"no-text\">The store keeps no text for this document (imported before `thidua serve` kept page text): import it again to review it here.</p>"
        }
        let byPage = EvidenceText.spans(evidence)
        return pages.enumerated().map { i, text in
            "<h3>Page \(i + 1)</h3><pre class=\"page\" data-page=\"\(i + 1)\">" + EvidenceText.render(text, spans: byPage[i + 1] ?? [])
                + "</pre>"
        }.joined(separator: "\n")
    }
}
