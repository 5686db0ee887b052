import Foundation
import ThiduaCore

/// Page texts, corrections and accepted marks (the `serve-page-text-corrections-review-marks` migration).
extension SQLRecordStore {
    func pageTexts(documentID: Int64) throws -> [String]? {
        let rows = try backend.query("SELECT text FROM page_text WHERE document_id = ? ORDER BY page", [.int(documentID)])
        return rows.isEmpty ? nil : rows.map { $0[0].string ?? "" }
    }

    func corrections(sha256: String) throws -> [StoredCorrection] {
        try backend.query(
            "SELECT id, document_sha256, document_id, patch_json, author, created_at FROM correction "
                + "WHERE document_sha256 = ? ORDER BY id", [.text(sha256)]
        ).map(Self.correction)
    }

    func addCorrection(sha256: String, documentID: Int64?, patch: String, author: String) throws -> StoredCorrection {
        try backend.transaction { tx in
            let rows = try tx.query(
                "INSERT INTO correction (document_sha256, document_id, patch_json, author, created_at) "
                    + "VALUES (?, ?, ?, ?, ?) RETURNING id, document_sha256, document_id, patch_json, author, created_at",
                [.text(sha256), SQLValue(documentID), .text(patch), .text(author), .text(RecordRows.timestamp())])
            guard let row = rows.first else { throw StoreError("the correction was not saved") }
            return Self.correction(row)
        }
    }

    func diagnosticCounts(documentID: Int64) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for r in try backend.query(
            "SELECT severity, count(*) FROM diagnostic WHERE document_id = ? GROUP BY severity", [.int(documentID)])
        {
            if let severity = r[0].string { counts[severity] = Int(r[1].int ?? 0) }
        }
        return counts
    }

    func reviewMark(sha256: String) throws -> ReviewMark? {
        try backend.query(
            "SELECT accepted, author, created_at FROM review_mark WHERE document_sha256 = ? ORDER BY id DESC LIMIT 1",
            [.text(sha256)]
        ).first.map { ReviewMark(accepted: $0[0].int == 1, author: $0[1].string ?? "", createdAt: $0[2].string ?? "") }
    }

    func addReviewMark(sha256: String, accepted: Bool, author: String) throws -> ReviewMark {
        let mark = ReviewMark(accepted: accepted, author: author, createdAt: RecordRows.timestamp())
        try backend.transaction { tx in
            try tx.execute(
                "INSERT INTO review_mark (document_sha256, accepted, author, created_at) VALUES (?, ?, ?, ?)",
                [.text(sha256), .int(accepted ? 1 : 0), .text(author), .text(mark.createdAt)])
        }
        return mark
    }

    private static func correction(_ r: SQLRow) -> StoredCorrection {
        StoredCorrection(id: r[0].int ?? 0, sha256: r[1].string ?? "", documentID: r[2].int,
                         patchJSON: r[3].string ?? "{}", author: r[4].string ?? "", createdAt: r[5].string ?? "")
    }
}

/// A record with its corrections applied, and who changed which field when.
public struct CorrectedRecord: Sendable {
    /// The extracted record with every correction merged over it, oldest first.
    public var record: JSONValue
    /// Record path ("document.title") → the correction that last set it.
    public var provenance: [(path: String, correction: StoredCorrection)]

    public init(extracted: JSONValue, corrections: [StoredCorrection]) {
        var record = extracted
        var marks: [(path: String, correction: StoredCorrection)] = []
        for c in corrections {
            guard let patch = try? JSONValue.parse(c.patchJSON) else { continue }
            record = MergePatch.apply(patch, to: record, keepingNulls: true)
            for path in MergePatch.leafPaths(patch) {
                marks.removeAll { $0.path == path || $0.path.hasPrefix(path + ".") }
                marks.append((path, c))
            }
        }
        self.record = record
        provenance = marks
    }

    public func correction(of path: String) -> StoredCorrection? {
        provenance.last { $0.path == path || path.hasPrefix($0.path + ".") }?.correction
    }

    /// `{"document.title": {"by": …, "at": …, "correction": id}, …}`.
    public var provenanceJSON: JSONValue {
        .object(provenance.map { p in
            (p.path, .object([("by", .string(p.correction.author)), ("at", .string(p.correction.createdAt)),
                              ("correction", .int(Int(p.correction.id)))]))
        })
    }
}

/// JSON Merge Patch (RFC 7386): objects merge key by key, `null` removes, anything else replaces.
/// Over a record (`keepingNulls`), `null` clears a field instead: the record states a field it
/// does not know as null, and its schema requires the key.
public enum MergePatch {
    public static func apply(_ patch: JSONValue, to target: JSONValue, keepingNulls: Bool = false) -> JSONValue {
        guard case let .object(changes) = patch else { return patch }
        var pairs: [(String, JSONValue)] = []
        if case let .object(p) = target { pairs = p }
        for (key, value) in changes {
            let i = pairs.firstIndex { $0.0 == key }
            if value.isNull, let i {
                if keepingNulls { pairs[i].1 = .null } else { pairs.remove(at: i) }
            } else if value.isNull {
                continue
            } else if let i {
                pairs[i].1 = apply(value, to: pairs[i].1, keepingNulls: keepingNulls)
            } else {
                pairs.append((key, apply(value, to: .null, keepingNulls: keepingNulls)))
            }
        }
        return .object(pairs)
    }

    /// The dotted paths a patch sets or removes (its leaves: non-object values).
    public static func leafPaths(_ patch: JSONValue, prefix: String = "") -> [String] {
        guard case let .object(pairs) = patch else { return prefix.isEmpty ? [] : [prefix] }
        return pairs.flatMap { k, v -> [String] in
            let path = prefix.isEmpty ? k : prefix + "." + k
            if case .object = v { return leafPaths(v, prefix: path) }
            return [path]
        }
    }
}
