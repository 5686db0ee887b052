import Foundation
import ThiduaCore

/// CSV per RFC 4180: CRLF line ends, a header row, fields quoted when they hold
/// a comma, a quote or a line break, quotes doubled. UTF-8, opened by a byte-order
/// mark unless asked not to (Excel reads UTF-8 without one as the local code page).
/// A list inside a cell has one item per line: names themselves hold ";" and ",".
public enum CSVExport {
    public static let byteOrderMark = "\u{FEFF}"

    public static let header = [
        "id", "sha256", "file", "format", "kind_code", "kind_name", "number", "issuer", "issuer_parent", "place",
        "date", "date_start", "date_end", "title", "signer", "signer_title", "movements", "version", "previous_id",
        "imported_at", "files",
    ]

    public static func field(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }

    public static func line(_ cells: [ExportCell]) -> String { line(cells.map(\.text)) }

    public static func row(_ d: StoredDocument) -> [String] { cells(d).map(\.text) }

    /// The `documents` table's row of a stored document.
    public static func cells(_ d: StoredDocument) -> [ExportCell] {
        cells(d, record: (try? JSONValue.parse(d.recordJSON)) ?? .null)
    }

    public static func cells(_ d: StoredDocument, record: JSONValue) -> [ExportCell] {
        let movements = record.value(at: "campaign.movements")?.arrayValue?.compactMap(\.stringValue) ?? []
        return [
            .number(Int(d.id)), .text(d.sha256), .text(d.file), .text(d.format), .text(d.kindCode), .text(d.kindName),
            .text(d.number), .text(d.issuer), .text(d.parent), .text(d.place), .text(d.date), .day(d.dateStart),
            .day(d.dateEnd), .text(d.title), .text(d.signer), .text(d.signerTitle), .list(movements),
            .number(d.version), d.previousID.map { .number(Int($0)) } ?? .empty, .text(d.importedAt),
            .list(d.files.map(\.file)),
        ]
    }

    /// Splits CSV text back into rows of fields (for checking round trips).
    public static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var it = Array(text.unicodeScalars)[...]
        var i = it.startIndex
        if it.first == "\u{FEFF}" { i += 1 }
        func endField() { row.append(field); field = "" }
        while i < it.endIndex {
            let c = it[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < it.endIndex, it[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                endField()
            } else if c == "\r" || c == "\n" {
                if c == "\r", i + 1 < it.endIndex, it[i + 1] == "\n" { i += 1 }
                endField()
                rows.append(row)
                row = []
            } else {
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { endField(); rows.append(row) }
        it = []
        return rows
    }
}

/// Deadlines (milestones with a due date) as table rows and JSON lines, for `thidua deadlines`.
public enum DeadlineRows {
    public static let header = [
        "document_id", "document_number", "seq", "task", "responsible", "time_text", "due", "due_start", "due_end",
        "due_precision", "due_relation", "due_recurrence", "document_title",
    ]

    public static func cells(_ m: StoredMilestone) -> [ExportCell] {
        [.number(Int(m.documentID)), .text(m.number), .number(m.seq), .text(m.task), .text(m.responsible),
         .text(m.text ?? m.dueText), .text(m.dueValue), .day(m.dueStart), .day(m.dueEnd), .text(m.precision),
         .text(m.relation), .text(m.recurrence), .text(m.documentTitle)]
    }

    /// One line of `deadlines --format jsonl`: the milestone as the record holds it, and its document.
    public static func json(_ m: StoredMilestone) -> JSONValue {
        .object([
            ("document", .object([
                ("id", .int(Int(m.documentID))), ("number", m.number.json), ("title", m.documentTitle.json),
                ("sha256", .string(m.sha256)),
            ])),
            ("seq", .int(m.seq)), ("task", .string(m.task)), ("responsible", m.responsible.json), ("text", m.text.json),
            ("due", .object([
                ("text", .string(m.dueText)), ("value", .string(m.dueValue)), ("start", m.dueStart.json),
                ("end", m.dueEnd.json), ("precision", .string(m.precision)), ("relation", m.relation.json),
                ("recurrence", m.recurrence.json),
            ])),
        ])
    }
}

/// What a calendar needs to know of a milestone's document: which document it is
/// (whatever file carried it), which of its files to take, and when its campaign ends.
public struct CalendarDocument: Sendable {
    /// The document's identity (`DocumentIdentity`, stored with each file): the same for every
    /// file that carries the document and for a re-issued file.
    public var identity: String
    /// Higher wins among files of one document: a text layer over OCR, then the newest.
    public var rank: (Int, Int64)
    /// The last day of the campaign period (ISO), where yearly deadlines stop.
    public var periodEnd: String?

    public init(_ d: StoredDocument) {
        let record = (try? JSONValue.parse(d.recordJSON)) ?? .null
        identity = d.identity.isEmpty ? DocumentIdentity.key(json: record, sha256: d.sha256) : d.identity
        let ocr = record.value(at: "source.textLayer")?.stringValue == "ocr"
        rank = (ocr ? 0 : 1, d.id)
        periodEnd = record.value(at: "campaign.period.end")?.stringValue
    }
}

/// Milestones as an RFC 5545 iCalendar file people can subscribe to: one all-day
/// VEVENT per milestone per document (one file of each document: see `CalendarDocument`);
/// a range of more than a week is one event on its last day, the start in the
/// description; yearly deadlines recur until the campaign period ends. UIDs come
/// from the document's identity and the task, so a re-issued file updates its events.
/// CRLF line ends, text escaped, lines folded at 75 octets.
public enum ICalendarExport {
    /// Longest range shown as a span of days; a longer one would be a banner over weeks.
    public static let longestSpanDays = 7

    public static func calendar(_ milestones: [StoredMilestone], documents: [Int64: CalendarDocument] = [:],
                                defaultYear: Int) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//thidua//deadlines \(ThiduaVersion.string)//VI",
            "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Thi đua – hạn chót",
        ]
        // One file per document identity: the best-ranked one's milestones.
        var chosen: [String: (Int64, (Int, Int64))] = [:]
        for (id, d) in documents {
            if let best = chosen[d.identity], best.1 >= d.rank { continue }
            chosen[d.identity] = (id, d.rank)
        }
        var taskCount: [String: Int] = [:]
        for m in milestones {
            let doc = documents[m.documentID]
            if let doc, chosen[doc.identity]?.0 != m.documentID { continue }
            guard let (start, end, spanStart) = days(m, defaultYear: defaultYear) else { continue }
            let identity = doc?.identity ?? (m.identity.isEmpty ? "sha256|" + m.sha256 : m.identity)
            let task = RecordRows.fold(m.task)
            let key = identity + "\u{1F}" + task
            taskCount[key, default: 0] += 1
            let occurrence = taskCount[key]!
            lines.append("BEGIN:VEVENT")
            lines.append("UID:\(hash(identity, 16))-\(hash(task, 12))\(occurrence > 1 ? "-\(occurrence)" : "")@thidua")
            lines.append("DTSTAMP:" + stamp(m.importedAt))
            lines.append("LAST-MODIFIED:" + stamp(m.importedAt))
            lines.append("DTSTART;VALUE=DATE:" + start)
            lines.append("DTEND;VALUE=DATE:" + end)
            if m.recurrence == "yearly" {
                let until = doc?.periodEnd.flatMap(date).map(compact)
                lines.append("RRULE:FREQ=YEARLY" + (until.map { $0 >= start ? ";UNTIL=\($0)" : ";COUNT=1" } ?? ""))
            }
            lines.append("SUMMARY:" + escape(m.task))
            var description = [m.dueText]
            if let spanStart { description.append("Bắt đầu: \(spanStart)") }
            if let r = m.responsible { description.append("Thực hiện: \(r)") }
            if let n = m.number { description.append("Văn bản: \(n)\(m.documentTitle.map { " – \($0)" } ?? "")") }
            lines.append("DESCRIPTION:" + escape(description.joined(separator: "\n")))
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func hash(_ s: String, _ n: Int) -> String { String(SHA256.hex(Data(s.utf8)).prefix(n)) }

    /// DTSTART and the exclusive DTEND (yyyymmdd) of a milestone, and the start of a range
    /// too long to show as days (ISO, for the description); nil where no day is known.
    static func days(_ m: StoredMilestone, defaultYear: Int) -> (String, String, String?)? {
        var first = m.dueStart
        var last = m.dueEnd
        if first == nil, m.recurrence == "yearly" {
            // "ngày 15 tháng 12 hàng năm" (XXXX-12-15): the first occurrence in the document's year.
            let parts = m.dueValue.split(separator: "-")
            guard parts.count == 3, let mo = Int(parts[1]), let d = Int(parts[2]) else { return nil }
            let day = String(format: "%04d-%02d-%02d", m.documentYear ?? defaultYear, mo, d)
            first = day
            last = day
        }
        guard let first, let last, var s = date(first), let e = date(last) else { return nil }
        var spanStart: String?
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = utc
        if let length = gregorian.dateComponents([.day], from: s, to: e).day, length >= longestSpanDays {
            spanStart = first
            s = e
        }
        let next = gregorian.date(byAdding: .day, value: 1, to: e) ?? e
        return (compact(s), compact(next), spanStart)
    }

    private static let utc = TimeZone(identifier: "UTC")!

    static func date(_ iso: String) -> Date? {
        let p = iso.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return nil }
        var c = DateComponents()
        c.year = p[0]; c.month = p[1]; c.day = p[2]
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = utc
        return cal.date(from: c)
    }

    static func compact(_ d: Date) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = utc
        let c = cal.dateComponents([.year, .month, .day], from: d)
        return String(format: "%04d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// 2026-11-23T18:00:00Z → 20261123T180000Z
    static func stamp(_ iso: String) -> String {
        let s = iso.filter { $0 != "-" && $0 != ":" }
        return s.isEmpty ? "19700101T000000Z" : s
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Folds a content line into 75-octet pieces, never splitting a UTF-8 sequence;
    /// each continuation starts with one space.
    public static func fold(_ line: String) -> String {
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for u in line.unicodeScalars {
            let n = String(u).utf8.count
            let limit = pieces.isEmpty ? 75 : 74
            if octets + n > limit {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(u)
            octets += n
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }
}
