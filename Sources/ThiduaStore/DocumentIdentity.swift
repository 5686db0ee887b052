import Foundation
import ThiduaCore

/// Which document a file carries, whatever its format: the same plan as a PDF, a scan,
/// a DOCX and a TCVN3 text file is one document with four files. The key is stored
/// with each file (`document.identity_key`), so that SQLite and PostgreSQL group files
/// the same way and the analysts' views (`current_document`, `document_file`) use it.
public enum DocumentIdentity {
    /// The rule's version opens every key: a store whose keys an earlier rule made has them
    /// computed again from the records (`SQLRecordStore.fillIdentity`) before it is read.
    static let rule = "1"

    /// Number + issuer + date; a draft with a blank number (none, or only its blank serial
    /// printed: `Số: /KH-SNN`): issuer + date + title; a file with neither number nor title is a
    /// document of its own (its bytes). The issuer is the body with its parent (every province
    /// has a "Sở Nông nghiệp và PTNT"). Names are compared folded (case, diacritics, spacing),
    /// so OCR's lost marks do not split a document.
    public static func key(number: String?, serial: String?, issuer: String?, parent: String?, date: String?,
                           title: String?, sha256: String) -> String {
        let issuerKey = RecordRows.fold([issuer, parent].compactMap { $0 }.joined(separator: " "))
        if let number, !number.isEmpty, let serial, !serial.isEmpty {
            return [rule, "number", number, issuerKey, date ?? ""].joined(separator: "|")
        }
        let titleKey = RecordRows.fold(title ?? "")
        if !titleKey.isEmpty {
            return [rule, "title", issuerKey, date ?? "", titleKey].joined(separator: "|")
        }
        return [rule, "sha256", sha256].joined(separator: "|")
    }

    public static func key(_ r: Record) -> String {
        key(number: r.document.number?.canonical, serial: r.document.number?.serial, issuer: r.document.issuer?.name,
            parent: r.document.issuer?.parent, date: r.document.date?.value, title: r.document.title,
            sha256: r.source.sha256)
    }

    /// Rows whose key is missing or was made by another rule (SQL, for `document d`).
    static let stale = "(d.identity_key IS NULL OR d.identity_key NOT LIKE '\(rule)|%')"

    /// The same key from a stored record's JSON (to fill the column of rows stored before it existed).
    static func key(json r: JSONValue, sha256: String) -> String {
        func s(_ path: String) -> String? { r.value(at: path)?.stringValue }
        return key(number: s("document.number.canonical"), serial: s("document.number.serial"),
                   issuer: s("document.issuer.name"), parent: s("document.issuer.parent"),
                   date: s("document.date.value"), title: s("document.title"), sha256: sha256)
    }
}
