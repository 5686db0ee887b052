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
        d.version, d.previous_id, d.imported_at, d.record_json, d.identity_key
        """
    /// The file is no earlier version of a changed file.
    static let current = "NOT EXISTS (SELECT 1 FROM document n WHERE n.previous_id = d.id)"
    /// The file is the one its document is built from (`document_file`, migration office-document-identity).
    static let best = "d.id IN (SELECT f.id FROM document_file f WHERE f.file_rank = 1)"

    /// The clauses that pick what a listing shows: each document's best file, every current
    /// file, or every stored version.
    static func shown(allFiles: Bool, oldVersions: Bool = false) -> [String] {
        oldVersions ? [] : allFiles ? [current] : [best]
    }

    func documents(_ filter: DocumentFilter) throws -> [StoredDocument] {
        var clauses = Self.shown(allFiles: filter.allFiles, oldVersions: filter.includeOldVersions)
        var args: [SQLValue] = []
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

    func find(_ idOrNumber: String, allFiles: Bool) throws -> [StoredDocument] {
        let key = idOrNumber.trimmingCharacters(in: .whitespaces)
        if let id = Int64(key) {
            return try select(["d.id = ?"], [.int(id)], limit: nil)
        }
        let byNumber = try select(
            Self.shown(allFiles: allFiles) + ["(d.number_canonical = ? OR d.number_text = ?)"], [.text(key), .text(key)],
            limit: nil)
        if !byNumber.isEmpty { return byNumber }
        // A sha256 (or a prefix of one, at least 8 hex digits) names a document too.
        if key.count >= 8, key.allSatisfy(\.isHexDigit) {
            return try select(["d.sha256 LIKE ?"], [.text(key.lowercased() + "%")], limit: nil)
        }
        return []
    }

    func files(of identities: [String]) throws -> [String: [StoredFile]] {
        var out: [String: [StoredFile]] = [:]
        // In slices: a statement takes a bounded number of parameters.
        for start in stride(from: 0, to: identities.count, by: 500) {
            let slice = Array(identities[start..<min(start + 500, identities.count)])
            let marks = Array(repeating: "?", count: slice.count).joined(separator: ", ")
            let rows = try backend.query("""
                SELECT f.identity, f.id, f.sha256, f.source_path, f.source_file, f.format, f.text_layer, f.version,
                 f.imported_at, f.file_rank
                FROM document_file f WHERE f.identity IN (\(marks)) ORDER BY f.identity, f.file_rank
                """, slice.map(SQLValue.text))
            for r in rows {
                out[r[0].string ?? "", default: []].append(StoredFile(
                    id: r[1].int ?? 0, sha256: r[2].string ?? "", path: r[3].string ?? "", file: r[4].string ?? "",
                    format: r[5].string ?? "", textLayer: r[6].string, version: Int(r[7].int ?? 1),
                    importedAt: r[8].string ?? "", best: r[9].int == 1))
            }
        }
        return out
    }

    func searchHits(_ text: String, limit: Int?, allFiles: Bool) throws -> [SearchHit] {
        let words = FullTextQuery.words(text)
        guard !words.isEmpty else { return [] }
        let shown = Self.shown(allFiles: allFiles).joined(separator: " AND ")
        var sql: String
        if backend.dialect == .sqlite {
            sql = """
                SELECT \(Self.documentColumns), snippet(document_fts, 0, '[', ']', '...', 16)
                FROM document_fts JOIN document d ON d.id = document_fts.rowid
                WHERE document_fts MATCH ? AND \(shown) ORDER BY bm25(document_fts), d.id
                """
        } else {
            sql = """
                SELECT \(Self.documentColumns), ts_headline('simple', d.search_text, q,
                 'StartSel=[, StopSel=], MaxWords=20, MinWords=8, MaxFragments=1, FragmentDelimiter=" ... "')
                FROM document d CROSS JOIN to_tsquery('simple', ?) AS q
                WHERE d.search_vector @@ q AND \(shown) ORDER BY ts_rank(d.search_vector, q) DESC, d.id
                """
        }
        var args: [SQLValue] = [.text(FullTextQuery.expression(words, backend.dialect))]
        if let limit {
            sql += " LIMIT ?"
            args.append(.int(Int64(limit)))
        }
        let rows = try backend.query(sql, args)
        let docs = try withFiles(rows.map(Self.document))
        return zip(docs, rows).map { SearchHit(document: $0, snippet: $1.last?.string ?? "") }
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
        return try withFiles(try backend.query(sql, args).map(Self.document))
    }

    /// The documents with their files (one query for all of them).
    private func withFiles(_ docs: [StoredDocument]) throws -> [StoredDocument] {
        let files = try self.files(of: Array(Set(docs.map(\.identity))))
        var out = docs
        for i in out.indices { out[i].files = files[out[i].identity] ?? [] }
        return out
    }

    static func document(_ r: SQLRow) -> StoredDocument {
        StoredDocument(
            id: r[0].int ?? 0, sha256: r[1].string ?? "", file: r[2].string ?? "", path: r[3].string ?? "",
            format: r[4].string ?? "", kindCode: r[5].string, kindName: r[6].string, number: r[7].string,
            issuer: r[8].string, parent: r[9].string, place: r[10].string, date: r[11].string,
            dateStart: r[12].string, dateEnd: r[13].string, title: r[14].string, signer: r[15].string,
            signerTitle: r[16].string, version: Int(r[17].int ?? 1), previousID: r[18].int,
            importedAt: r[19].string ?? "", recordJSON: r[20].string ?? "", identity: r[21].string ?? "")
    }

    /// Rows stored before the identity column existed (or keyed by an earlier identity rule) get
    /// their key and text layer from their record, once, by the first process that opens the
    /// store for writing.
    func fillIdentity() throws {
        let rows = try backend.query(
            "SELECT d.id, d.sha256, d.record_json FROM document d WHERE \(DocumentIdentity.stale)", [])
        guard !rows.isEmpty else { return }
        try backend.transaction { tx in
            for r in rows {
                guard let id = r[0].int, let sha = r[1].string else { continue }
                let json = (try? JSONValue.parse(r[2].string ?? "")) ?? .null
                try tx.execute("UPDATE document SET identity_key = ?, text_layer = ? WHERE id = ?",
                               [.text(DocumentIdentity.key(json: json, sha256: sha)),
                                SQLValue(json.value(at: "source.textLayer")?.stringValue), .int(id)])
            }
        }
    }

    func milestones(from: String?, to: String?, allFiles: Bool) throws -> [StoredMilestone] {
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
             m.due_precision, m.due_relation, m.due_recurrence, d.identity_key
            FROM milestone m JOIN document d ON d.id = m.document_id
            WHERE m.due_value IS NOT NULL AND \(Self.shown(allFiles: allFiles)[0])
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
                recurrence: r[16].string, identity: r[17].string ?? "")
        }
    }

    func failures() throws -> [FailedFile] {
        try backend.query("SELECT path, file, sha256, cause, message, failed_at FROM failure ORDER BY path", []).map { r in
            FailedFile(path: r[0].string ?? "", file: r[1].string ?? "", sha256: r[2].string, cause: r[3].string ?? "",
                       message: r[4].string ?? "", failedAt: r[5].string ?? "")
        }
    }

    func failedPaths() throws -> Set<String> {
        Set(try backend.query("SELECT path FROM failure", []).compactMap { $0[0].string })
    }

    func recordFailure(_ f: FailedFile) throws {
        try backend.transaction { tx in
            try tx.execute("""
                INSERT INTO failure (path, file, sha256, cause, message, failed_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (path) DO UPDATE SET file = excluded.file, sha256 = excluded.sha256, cause = excluded.cause,
                 message = excluded.message, failed_at = excluded.failed_at
                """, [.text(f.path), .text(f.file), SQLValue(f.sha256), .text(f.cause), .text(f.message), .text(f.failedAt)])
        }
    }

    func clearFailure(path: String) throws {
        try backend.transaction { try $0.execute("DELETE FROM failure WHERE path = ?", [.text(path)]) }
    }

    func forget(documentID: Int64) throws -> Int {
        // Child rows go with their document (ON DELETE CASCADE); a later version's link is cleared.
        try backend.transaction { tx in
            try tx.query("""
                DELETE FROM document WHERE identity_key = (SELECT identity_key FROM document WHERE id = ?) OR id = ?
                RETURNING id
                """, [.int(documentID), .int(documentID)]).count
        }
    }

    func forget(path: String) throws -> Int {
        try backend.transaction { tx in
            try tx.query("DELETE FROM document WHERE source_path = ? RETURNING id", [.text(path)]).count
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
