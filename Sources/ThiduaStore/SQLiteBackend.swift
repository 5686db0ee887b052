import Foundation
import GRDB
import Synchronization

/// SQLite through GRDB: a WAL database pool (a read-only queue for a store this
/// process may not write), foreign keys on, append-only named migrations.
final class SQLiteBackend: SQLBackend {
    let db: any DatabaseWriter
    let location: String
    let readOnly: Bool
    var dialect: SQLDialect { .sqlite }

    init(path: String, readOnly: Bool = false) throws {
        location = path
        self.readOnly = readOnly
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw StoreError("cannot open the store \(path): no such folder \(folder)")
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Several importers may write at once: wait for the lock rather than fail.
        config.busyMode = .timeout(60)
        config.readonly = readOnly
        if !readOnly {
            config.prepareDatabase { db in
                // WAL with NORMAL sync survives a killed process (not a power cut) and keeps imports fast.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        do {
            db = try Self.open(path, config: config, readOnly: readOnly)
        } catch let error as DatabaseError {
            throw StoreError("cannot open the store \(path): \(Self.message(error))")
        } catch let error as StoreError {
            throw StoreError("cannot open the store \(path): \(error.message)")
        }
    }

    /// Opens the store and migrates it. Switching a file to WAL (or back, as the last
    /// writer does on leaving) can meet a lock that SQLite reports at once, without its busy
    /// handler: two importers starting together on a fresh store saw "database is locked".
    /// Such a lock passes in moments, so the open is tried again for a bounded time.
    static func open(_ path: String, config: Configuration, readOnly: Bool) throws -> any DatabaseWriter {
        var attempt = 0
        while true {
            do {
                if readOnly {
                    let q = try DatabaseQueue(path: path, configuration: config)
                    try q.read { try SQLiteSchema.checkIsStore($0) }
                    return q
                }
                let pool = try DatabasePool(path: path, configuration: config)
                try SQLiteSchema.migrate(pool)
                return pool
            } catch let error as DatabaseError
                where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode.primaryResultCode) && attempt < 100 {
                attempt += 1
                Thread.sleep(forTimeInterval: min(0.02 * Double(attempt), 0.5))
            }
        }
    }

    static func message(_ error: DatabaseError) -> String {
        switch error.resultCode.primaryResultCode {
        case .SQLITE_NOTADB: return "not a SQLite database"
        case .SQLITE_READONLY: return "the store is read-only (\(error.message ?? "readonly"))"
        case .SQLITE_FULL: return "the disk is full"
        case .SQLITE_CANTOPEN: return "cannot open the file (\(error.message ?? "unable to open"))"
        default: return error.message ?? "\(error.resultCode)"
        }
    }

    func query(_ sql: String, _ args: [SQLValue]) throws -> [SQLRow] {
        try wrap { try db.read { db in try Self.rows(db, sql, args) } }
    }

    func transaction<T>(_ body: (any SQLTransaction) throws -> T) throws -> T {
        try wrap { try db.write { db in try body(Tx(db: db)) } }
    }

    /// Moves everything from the write-ahead log into the database file and empties
    /// the log, so that the `.sqlite` file alone holds the store (copied, mailed, backed up).
    func checkpoint() throws {
        guard !readOnly else { return }
        try wrap { _ = try db.writeWithoutTransaction { try $0.checkpoint(.truncate) } }
    }

    /// A consistent copy of the store, made while others may read or write it (SQLite's online backup).
    func backup(to path: String) throws {
        do {
            let target = try DatabaseQueue(path: path)
            try db.backup(to: target)
            try target.writeWithoutTransaction { db in
                // The copy stands alone: no WAL beside it.
                _ = try db.execute(sql: "PRAGMA journal_mode = DELETE")
            }
            try target.close()
        } catch let error as DatabaseError {
            throw StoreError("cannot back up the store \(location) to \(path): \(Self.message(error))")
        }
    }

    func insertDocument(_ columns: [(String, SQLValue)], in tx: any SQLTransaction) throws -> Int64? {
        let names = columns.map(\.0).joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let rows = try tx.query(
            "INSERT INTO document (\(names)) VALUES (\(marks)) ON CONFLICT (sha256) DO NOTHING RETURNING id",
            columns.map(\.1))
        return rows.first?.first?.int
    }

    private let closed = Mutex(false)

    func close() {
        // Once: a second close would reach into connections already gone.
        guard closed.withLock({ c in defer { c = true }; return !c }) else { return }
        try? checkpoint()
        if let pool = db as? DatabasePool { try? pool.close() } else if let q = db as? DatabaseQueue { try? q.close() }
        if !readOnly { Self.leaveRollbackJournal(location) }
    }

    /// The last writer to leave switches the file back to a rollback journal: a reader
    /// who may not write the file or its folder cannot open a WAL database (it would need
    /// to create the `-shm` file). While anyone else has the store open this fails at
    /// once and changes nothing; the next writer turns WAL on again.
    static func leaveRollbackJournal(_ path: String) {
        var config = Configuration()
        config.busyMode = .immediateError
        guard let q = try? DatabaseQueue(path: path, configuration: config) else { return }
        _ = try? q.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
        try? q.close()
    }

    /// A record the schema refuses is that record's failure; anything else is the store's.
    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError {
            let code = error.resultCode.primaryResultCode
            let recordFault = code == .SQLITE_CONSTRAINT || code == .SQLITE_TOOBIG || code == .SQLITE_MISMATCH
            throw StoreError("SQLite: \(Self.message(error))", isStoreFault: !recordFault,
                             retryable: code == .SQLITE_BUSY || code == .SQLITE_LOCKED)
        }
    }

    struct Tx: SQLTransaction {
        let db: Database
        func query(_ sql: String, _ args: [SQLValue]) throws -> [SQLRow] { try SQLiteBackend.rows(db, sql, args) }
        func execute(_ sql: String, _ args: [SQLValue]) throws {
            try db.execute(sql: sql, arguments: SQLiteBackend.arguments(args))
        }
    }

    static func arguments(_ args: [SQLValue]) -> StatementArguments {
        StatementArguments(args.map { v -> DatabaseValue in
            switch v {
            case .null: return .null
            case let .int(i): return i.databaseValue
            case let .real(d): return d.databaseValue
            case let .text(s): return s.databaseValue
            }
        })
    }

    static func rows(_ db: Database, _ sql: String, _ args: [SQLValue]) throws -> [SQLRow] {
        try Row.fetchAll(db, sql: sql, arguments: arguments(args)).map { row in
            row.databaseValues.map { v -> SQLValue in
                switch v.storage {
                case .null: return .null
                case let .int64(i): return .int(i)
                case let .double(d): return .real(d)
                case let .string(s): return .text(s)
                case let .blob(b): return .text(String(decoding: b, as: UTF8.self))
                }
            }
        }
    }
}

/// The SQLite schema. Migrations are append-only: never edit one that has shipped, add a new one.
/// The ledger is GRDB's (`grdb_migrations`), so stores made by earlier builds carry on.
enum SQLiteSchema {
    static let ledger = "grdb_migrations"

    /// Applies the migrations not yet in the ledger, ledger included, in one IMMEDIATE
    /// transaction: it takes the write lock before looking, so two processes creating a
    /// fresh store together take turns (the second waits, then finds everything done).
    static func migrate(_ writer: any DatabaseWriter) throws {
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try checkIsStore(db)
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS \(ledger) (identifier TEXT NOT NULL PRIMARY KEY)")
                let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM \(ledger)"))
                for (name, statements) in StoreSchema.migrations(.sqlite) where !applied.contains(name) {
                    for statement in statements { try db.execute(sql: statement) }
                    try db.execute(sql: "INSERT INTO \(ledger) (identifier) VALUES (?)", arguments: [name])
                }
                return .commit
            }
        }
    }

    /// Names of migrations not yet applied to a store file (none for a file that is missing
    /// or not a store: opening it says what is wrong).
    static func pending(_ db: Database) throws -> [String] {
        guard try db.tableExists(ledger), try db.tableExists("document") else { return [] }
        let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM \(ledger)"))
        return StoreSchema.migrations(.sqlite).map(\.name).filter { !applied.contains($0) }
    }

    /// A database with tables but no thidua ledger belongs to something else: refused, never written.
    static func checkIsStore(_ db: Database) throws {
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        guard !tables.isEmpty else { return }
        if tables.contains(ledger), tables.contains("document") { return }
        if tables == [ledger] { return }
        let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
        throw StoreError("not a thidua store (it holds other tables: \(shown)); give an empty or new file")
    }
}

extension SQLiteBackend {
    /// The store file at `path` was written by an earlier release (migrations pending, or document
    /// identities made by an earlier rule): a reader must have it upgraded first.
    static func needsMigration(_ path: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        var config = Configuration()
        config.readonly = true
        guard let q = try? DatabaseQueue(path: path, configuration: config) else { return false }
        defer { try? q.close() }
        return (try? q.read { db in
            try !SQLiteSchema.pending(db).isEmpty
                || !Row.fetchAll(db, sql: "SELECT 1 FROM document d WHERE \(DocumentIdentity.stale) LIMIT 1").isEmpty
        }) ?? false
    }

    /// A plain queue on a SQLite file, no schema work: for tests and tools that look inside.
    static func raw(_ path: String) throws -> DatabaseQueue { try DatabaseQueue(path: path) }
}
