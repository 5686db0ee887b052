import Foundation
import ThiduaCore

/// The tables `thidua export` writes: the documents, and one table per list of the
/// record, one row per item with the document's id and number. Child rows are read
/// from the stored record JSON, so they are exactly what `export --format jsonl` holds.
public enum ExportTable: String, CaseIterable, Sendable {
    case documents, references, milestones, awards, movements
    /// Files that could not be imported (not documents: filters do not apply).
    case failures

    public var header: [String] {
        switch self {
        case .documents: return CSVExport.header
        case .references:
            return Self.documentKey + ["seq", "text", "kind_code", "kind_name", "number", "date", "date_start", "date_end",
                                       "issuer"]
        case .milestones:
            return Self.documentKey + ["seq", "task", "responsible", "time_text", "due", "due_start", "due_end",
                                       "due_precision", "due_relation", "due_recurrence", "status"]
        case .awards: return Self.documentKey + ["seq", "type", "name", "grantor", "quota"]
        case .movements: return Self.documentKey + ["seq", "name"]
        case .failures: return ["path", "file", "sha256", "cause", "message", "failed_at"]
        }
    }

    /// The `failures` table's row of a failed file.
    public static func row(_ f: FailedFile) -> [ExportCell] {
        [.text(f.path), .text(f.file), .text(f.sha256), .text(f.cause), .text(f.message), .text(f.failedAt)]
    }

    /// A failed file as one JSON line (`list --failed --format jsonl`).
    public static func json(_ f: FailedFile) -> JSONValue {
        .object([("path", .string(f.path)), ("file", .string(f.file)), ("sha256", f.sha256.json),
                 ("cause", .string(f.cause)), ("message", .string(f.message)), ("failedAt", .string(f.failedAt))])
    }

    static let documentKey = ["document_id", "document_number"]

    /// The rows one stored document gives in this table (`seq` counts from 0, as the
    /// record's paths do: `campaign.milestones.0`).
    public func rows(_ d: StoredDocument) -> [[ExportCell]] {
        rows(d, record: (try? JSONValue.parse(d.recordJSON)) ?? .null)
    }

    /// The same, from the record already parsed (a workbook reads each record once for all its sheets).
    public func rows(_ d: StoredDocument, record: JSONValue) -> [[ExportCell]] {
        if self == .documents { return [CSVExport.cells(d, record: record)] }
        let key: [ExportCell] = [.number(Int(d.id)), .text(d.number)]
        func items(_ path: String) -> [JSONValue] { record.value(at: path)?.arrayValue ?? [] }
        func s(_ v: JSONValue, _ path: String) -> String? { v.value(at: path)?.stringValue }
        switch self {
        case .documents, .failures: return []
        case .references:
            return items("references").enumerated().map { i, r in
                key + [.number(i), .text(s(r, "text")), .text(s(r, "kind.code")), .text(s(r, "kind.name")),
                       .text(s(r, "number.canonical")), .text(s(r, "date.value")), .day(s(r, "date.start")),
                       .day(s(r, "date.end")), .text(s(r, "issuer"))]
            }
        case .milestones:
            return items("campaign.milestones").enumerated().map { i, m in
                key + [.number(i), .text(s(m, "task")), .text(s(m, "responsible")),
                       .text(s(m, "text") ?? s(m, "due.text")), .text(s(m, "due.value")), .day(s(m, "due.start")),
                       .day(s(m, "due.end")), .text(s(m, "due.precision")), .text(s(m, "due.relation")),
                       .text(s(m, "due.recurrence")), .text(s(m, "status"))]
            }
        case .awards:
            return items("campaign.awards").enumerated().map { i, a in
                key + [.number(i), .text(s(a, "type")), .text(s(a, "name")), .text(s(a, "grantor")), .text(s(a, "quota"))]
            }
        case .movements:
            return items("campaign.movements").enumerated().map { i, m in key + [.number(i), .text(m.stringValue)] }
        }
    }
}
