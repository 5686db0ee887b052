import Foundation

/// Every piece of document text goes through `escape` on its way into a page: documents are untrusted input.
enum HTML {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars { append(ch, to: &out) }
        return out
    }

    static func append(_ ch: Unicode.Scalar, to out: inout String) {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(ch)
        }
    }

    /// A whole page: the stylesheet and script are thidua's own files (no CDN, no inline script).
    static func page(title: String, body: String, csrf: String? = nil) -> String {
        """
        <!DOCTYPE html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        \(csrf.map { "<meta name=\"csrf-token\" content=\"\(escape($0))\">" } ?? "")
        <title>\(escape(title)) · thidua</title>
        <link rel="stylesheet" href="/static/review.css">
        </head>
        <body>
        <header class="top"><a href="/">thidua</a> · review</header>
        \(body)
        <script src="/static/review.js"></script>
        </body>
        </html>
        """
    }
}

/// One page's text with each field's evidence wrapped in `<mark data-field="…">`. Spans nest;
/// one that crosses the end of a span already open is cut at that end (an element cannot overlap another).
enum EvidenceText {
    struct Span: Sendable {
        var field: String
        var start: Int
        var end: Int
    }

    static func render(_ text: String, spans: [Span]) -> String {
        let scalars = Array(text.unicodeScalars)
        let sorted = spans.filter { $0.start < $0.end && $0.start < scalars.count }
            .sorted { ($0.start, -$0.end, $0.field) < ($1.start, -$1.end, $1.field) }
        var out = ""
        out.reserveCapacity(scalars.count + sorted.count * 64)
        var open: [Int] = []  // ends of the marks open, innermost last
        var next = 0
        for i in 0...scalars.count {
            while let end = open.last, end <= i {
                out += "</mark>"
                open.removeLast()
            }
            while next < sorted.count, sorted[next].start == i {
                let s = sorted[next]
                next += 1
                let end = min(s.end, scalars.count, open.last ?? Int.max)
                guard end > i else { continue }
                out += "<mark data-field=\"\(HTML.escape(s.field))\" id=\"ev-\(HTML.escape(s.field))\" tabindex=\"-1\">"
                open.append(end)
            }
            if i < scalars.count { HTML.append(scalars[i], to: &out) }
        }
        return out
    }

    /// The record's evidence, page by page.
    static func spans(_ evidence: [(String, JSONValueSpan)]) -> [Int: [Span]] {
        var byPage: [Int: [Span]] = [:]
        for (field, s) in evidence { byPage[s.page, default: []].append(Span(field: field, start: s.start, end: s.end)) }
        return byPage
    }
}

/// A span as the record's JSON gives it.
struct JSONValueSpan: Sendable {
    var page: Int
    var start: Int
    var end: Int
}
