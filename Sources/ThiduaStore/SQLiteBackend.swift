import Foundation
import GRDB

/// SQLite through GRDB: a WAL database pool, foreign keys on, append-only named migrations.
final class SQLiteBackend: SQLBackend {
    let pool: DatabasePool
    let location: String
    var dialect: SQLDialect { .sqlite }

    init(path: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Several importers may write at once: wait for the lock rather than fail.
        config.busyMode = .timeout(60)
        config.prepareDatabase { db in
            // WAL with NORMAL sync survives a killed process (not a power cut) and keeps imports fast.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            location = path
            try SQLiteSchema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError("cannot open the store \(path): \(error.message ?? "\(error.resultCode)")")
        }
    }

    func query(_ sql: String, _ args: [SQLValue]) throws -> [SQLRow] {
        try wrap { try pool.read { db in try Self.rows(db, sql, args) } }
    }

    func transaction<T>(_ body: (any SQLTransaction) throws -> T) throws -> T {
        try wrap { try pool.write { db in try body(Tx(db: db)) } }
    }

    func insertDocument(_ columns: [(String, SQLValue)], in tx: any SQLTransaction) throws -> Int64? {
        let names = columns.map(\.0).joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let rows = try tx.query(
            "INSERT INTO document (\(names)) VALUES (\(marks)) ON CONFLICT (sha256) DO NOTHING RETURNING id",
            columns.map(\.1))
        return rows.first?.first?.int
    }

    func close() { try? pool.close() }

    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError {
            throw StoreError("SQLite: \(error.message ?? "\(error.resultCode)")")
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
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-documents") { db in
            for statement in StoreSchema.v1(.sqlite) { try db.execute(sql: statement) }
        }
        return m
    }
}
