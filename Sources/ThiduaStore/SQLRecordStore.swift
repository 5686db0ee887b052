import Foundation
import ThiduaCore

/// The store's behaviour over either backend: the statements are shared, with
/// `?` placeholders; the backends differ only in DDL and the document insert.
final class SQLRecordStore: RecordStore {
    let backend: any SQLBackend
    var location: String { backend.location }

    init(backend: any SQLBackend) { self.backend = backend }

    func knownSHA256s() throws -> Set<String> {
        Set(try backend.query("SELECT sha256 FROM document", []).compactMap { $0[0].string })
    }

    func contains(sha256: String) throws -> Bool {
        // In a transaction: the importer's short statement bound applies (a dropped connection is noticed soon).
        try backend.transaction { try !$0.query("SELECT 1 FROM document WHERE sha256 = ?", [.text(sha256)]).isEmpty }
    }

    func save(_ record: Record, path: String, fullText: String) throws -> SaveOutcome {
        try save(record, path: path, fullText: fullText, pages: nil)
    }

    func save(_ record: Record, path: String, pages: [String]) throws -> SaveOutcome {
        try save(record, path: path, fullText: pages.joined(separator: "\n"), pages: pages)
    }

    private func save(_ record: Record, path: String, fullText: String, pages: [String]?) throws -> SaveOutcome {
        let columns = RecordRows.documentColumns(record, path: path, fullText: fullText)
        let children = RecordRows.children(record)
        return try backend.transaction { tx in
            let previous = try tx.query(
                "SELECT id, version FROM document WHERE source_path = ? ORDER BY version DESC, id DESC LIMIT 1",
                [.text(path)]
            ).first
            var cols = columns
            if let previous, let pid = previous[0].int, let pv = previous[1].int {
                cols.append(("version", .int(pv + 1)))
                cols.append(("previous_id", .int(pid)))
            }
            guard let id = try backend.insertDocument(cols, in: tx) else {
                let existing = try tx.query("SELECT id FROM document WHERE sha256 = ?", [.text(record.source.sha256)])
                return .unchanged(id: existing.first?.first?.int)
            }
            for child in children {
                try tx.execute(child.sql, [.int(id)] + child.values)
            }
            for (i, text) in (pages ?? []).enumerated() {
                try tx.execute("INSERT INTO page_text (document_id, page, text) VALUES (?, ?, ?)",
                               [.int(id), .int(Int64(i + 1)), .text(text)])
            }
            if let previous, let pid = previous[0].int, let pv = previous[1].int {
                return .updated(id: id, previousID: pid, version: Int(pv + 1))
            }
            return .imported(id: id)
        }
    }

    static let documentColumns = """
        d.id, d.sha256, d.source_file, d.source_path, d.format, d.kind_code, d.kind_name, d.number_canonical, \
        d.issuer, d.parent, d.place, d.date_value, d.date_start, d.date_end, d.title, d.signer, d.signer_title, \
        d.version, d.previous_id, d.imported_at, d.record_json
        """
    static let current = "NOT EXISTS (SELECT 1 FROM document n WHERE n.previous_id = d.id)"

    func documents(_ filter: DocumentFilter) throws -> [StoredDocument] {
        var clauses: [String] = []
        var args: [SQLValue] = []
        if !filter.includeOldVersions { clauses.append(Self.current) }
        if let after = filter.afterID {
            clauses.append("d.id > ?")
            args.append(.int(after))
        }
        if let kind = filter.kind {
            clauses.append("d.kind_code = ?")
            args.append(.text(kind))
        }
        if let issuer = filter.issuer {
            clauses.append(backend.dialect.contains("d.issuer_key"))
            args.append(.text(RecordRows.fold(issuer)))
        }
        if let from = filter.from {
            clauses.append("d.date_end >= ?")
            args.append(.text(from))
        }
        if let to = filter.to {
            clauses.append("d.date_start <= ?")
            args.append(.text(to))
        }
        return try select(clauses, args, limit: filter.limit)
    }

    func find(_ idOrNumber: String) throws -> [StoredDocument] {
        let key = idOrNumber.trimmingCharacters(in: .whitespaces)
        if let id = Int64(key) {
            return try select(["d.id = ?"], [.int(id)], limit: nil)
        }
        let byNumber = try select(
            [Self.current, "(d.number_canonical = ? OR d.number_text = ?)"], [.text(key), .text(key)], limit: nil)
        if !byNumber.isEmpty { return byNumber }
        // A sha256 (or a prefix of one, at least 8 hex digits) names a document too.
        if key.count >= 8, key.allSatisfy(\.isHexDigit) {
            return try select(["d.sha256 LIKE ?"], [.text(key.lowercased() + "%")], limit: nil)
        }
        return []
    }

    func search(_ text: String, limit: Int?) throws -> [StoredDocument] {
        let needle = RecordRows.fold(text)
        guard !needle.isEmpty else { return [] }
        return try select([Self.current, backend.dialect.contains("d.search_text")], [.text(needle)], limit: limit)
    }

    private func select(_ clauses: [String], _ args: [SQLValue], limit: Int?) throws -> [StoredDocument] {
        var sql = "SELECT \(Self.documentColumns) FROM document d"
        if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
        sql += " ORDER BY d.id"
        var args = args
        if let limit {
            sql += " LIMIT ?"
            args.append(.int(Int64(limit)))
        }
        return try backend.query(sql, args).map { r in
            StoredDocument(
                id: r[0].int ?? 0, sha256: r[1].string ?? "", file: r[2].string ?? "", path: r[3].string ?? "",
                format: r[4].string ?? "", kindCode: r[5].string, kindName: r[6].string, number: r[7].string,
                issuer: r[8].string, parent: r[9].string, place: r[10].string, date: r[11].string,
                dateStart: r[12].string, dateEnd: r[13].string, title: r[14].string, signer: r[15].string,
                signerTitle: r[16].string, version: Int(r[17].int ?? 1), previousID: r[18].int,
                importedAt: r[19].string ?? "", recordJSON: r[20].string ?? "")
        }
    }

    func milestones(from: String?, to: String?) throws -> [StoredMilestone] {
        var range: [String] = []
        var args: [SQLValue] = []
        if let from {
            range.append("m.due_end >= ?")
            args.append(.text(from))
        }
        if let to {
            range.append("m.due_start <= ?")
            args.append(.text(to))
        }
        let inRange = range.isEmpty ? "m.due_start IS NOT NULL" : "(m.due_start IS NOT NULL AND \(range.joined(separator: " AND ")))"
        let sql = """
            SELECT d.id, d.sha256, m.seq, d.number_canonical, d.title, d.date_start, d.imported_at,
             m.task, m.responsible, m.text, m.due_text, m.due_value, m.due_start, m.due_end,
             m.due_precision, m.due_relation, m.due_recurrence
            FROM milestone m JOIN document d ON d.id = m.document_id
            WHERE m.due_value IS NOT NULL AND \(Self.current)
             AND (\(inRange) OR m.due_recurrence IS NOT NULL)
            ORDER BY CASE WHEN m.due_start IS NULL THEN 1 ELSE 0 END, m.due_start, d.id, m.seq
            """
        return try backend.query(sql, args).map { r in
            StoredMilestone(
                documentID: r[0].int ?? 0, sha256: r[1].string ?? "", seq: Int(r[2].int ?? 0), number: r[3].string,
                documentTitle: r[4].string, documentYear: r[5].string.flatMap { Int($0.prefix(4)) },
                importedAt: r[6].string ?? "", task: r[7].string ?? "", responsible: r[8].string, text: r[9].string,
                dueText: r[10].string ?? "", dueValue: r[11].string ?? "", dueStart: r[12].string,
                dueEnd: r[13].string, precision: r[14].string ?? "day", relation: r[15].string,
                recurrence: r[16].string)
        }
    }

    func counts() throws -> StoreCounts {
        var t: [String: Int] = [:]
        for table in ["document"] + StoreSchema.childTables {
            t[table] = Int(try backend.query("SELECT count(*) FROM \(table)", []).first?.first?.int ?? 0)
        }
        return StoreCounts(tables: t)
    }

    func backup(to path: String) throws {
        guard let sqlite = backend as? SQLiteBackend else {
            throw StoreError("backup of a PostgreSQL store is not supported: use pg_dump", isStoreFault: false)
        }
        try sqlite.backup(to: path)
    }

    func close() { backend.close() }
}
