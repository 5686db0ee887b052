import Foundation
import PostgresNIO
import Synchronization

/// PostgreSQL through postgres-nio. The store's API is synchronous (importer
/// workers are plain threads), so statements run as NIO futures waited on from
/// the calling thread, one pooled connection per concurrent caller.
final class PostgresBackend: SQLBackend {
    let location: String
    var dialect: SQLDialect { .postgres }
    private let configuration: PostgresConnection.Configuration
    private let idle = Mutex<[PostgresConnection]>([])
    private let nextID = Atomic<Int>(1)
    private static let logger = Logger(label: "thidua.store.postgres")

    init(url: String) throws {
        configuration = try Self.configuration(url)
        location = Self.redacted(url)
        try migrate()
    }

    /// Runs one statement on a server without touching the store's schema
    /// (creating and dropping test databases).
    static func administer(url: String, _ sql: String) throws {
        let c = try PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.next(), configuration: configuration(url), id: 0,
            logger: logger
        ).wait()
        defer { discard(c) }
        _ = try run(c, sql, [])
    }

    /// postgres://user[:password]@host[:port]/database — loopback and sslmode=disable connect in clear text.
    static func configuration(_ url: String) throws -> PostgresConnection.Configuration {
        guard let c = URLComponents(string: url), c.scheme == "postgres" || c.scheme == "postgresql",
            let host = c.host, !host.isEmpty
        else { throw StoreError("not a PostgreSQL URL (postgres://user@host:port/database): \(redacted(url))") }
        let database = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        let sslmode = c.queryItems?.first(where: { $0.name == "sslmode" })?.value
        let loopback = host == "localhost" || host == "127.0.0.1" || host == "::1"
        let tls: PostgresConnection.Configuration.TLS
        if sslmode == "disable" || (sslmode == nil && loopback) {
            tls = .disable
        } else {
            tls = .prefer(try .init(configuration: .makeClientConfiguration()))
        }
        return .init(
            host: host, port: c.port ?? 5432, username: c.user ?? "postgres", password: c.password,
            database: database.isEmpty ? nil : database, tls: tls)
    }

    static func redacted(_ url: String) -> String {
        guard var c = URLComponents(string: url) else { return url }
        if c.password != nil { c.password = "***" }
        return c.string ?? url
    }

    private func lease() throws -> PostgresConnection {
        if let c = idle.withLock({ $0.popLast() }), !c.isClosed { return c }
        let id = nextID.add(1, ordering: .relaxed).oldValue
        do {
            return try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.next(), configuration: configuration, id: id,
                logger: Self.logger
            ).wait()
        } catch {
            throw StoreError("cannot connect to \(location): \(Self.message(error))")
        }
    }

    private func release(_ c: PostgresConnection) {
        if c.isClosed { return }
        idle.withLock { $0.append(c) }
    }

    /// Statement errors leave the connection usable (a failed transaction is rolled
    /// back first); a connection the server or network closed is dropped.
    private func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let c = try lease()
        defer { release(c) }
        return try body(c)
    }

    private static func discard(_ c: PostgresConnection) {
        let closing: EventLoopFuture<Void> = c.close()
        try? closing.wait()
    }

    func query(_ sql: String, _ args: [SQLValue]) throws -> [SQLRow] {
        try withConnection { try Self.run($0, sql, args) }
    }

    func transaction<T>(_ body: (any SQLTransaction) throws -> T) throws -> T {
        try withConnection { c in
            _ = try Self.run(c, "BEGIN", [])
            do {
                let v = try body(Tx(connection: c))
                _ = try Self.run(c, "COMMIT", [])
                return v
            } catch {
                if (try? Self.run(c, "ROLLBACK", [])) == nil { Self.discard(c) }
                throw error
            }
        }
    }

    func insertDocument(_ columns: [(String, SQLValue)], in tx: any SQLTransaction) throws -> Int64? {
        var names = columns.map(\.0)
        var marks = Array(repeating: "?", count: columns.count)
        var values = columns.map(\.1)
        if let json = columns.first(where: { $0.0 == "record_json" })?.1 {
            names.append("record")
            marks.append("?::jsonb")
            values.append(json)
        }
        let rows = try tx.query(
            "INSERT INTO document (\(names.joined(separator: ", "))) VALUES (\(marks.joined(separator: ", "))) "
                + "ON CONFLICT (sha256) DO NOTHING RETURNING id", values)
        return rows.first?.first?.int
    }

    func close() {
        let all = idle.withLock { c -> [PostgresConnection] in
            let all = c
            c.removeAll()
            return all
        }
        for c in all { Self.discard(c) }
    }

    /// Applies the named migrations not yet in the ledger, one transaction each,
    /// under an advisory lock so that importers starting together migrate once.
    private func migrate() throws {
        _ = try query(
            "CREATE TABLE IF NOT EXISTS thidua_migration (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
            [])
        for (name, statements) in StoreSchema.migrations(.postgres) {
            try transaction { tx in
                try tx.execute("SELECT pg_advisory_xact_lock(7405)", [])
                if try !tx.query("SELECT 1 FROM thidua_migration WHERE name = ?", [.text(name)]).isEmpty { return }
                for s in statements { try tx.execute(s, []) }
                try tx.execute("INSERT INTO thidua_migration (name) VALUES (?)", [.text(name)])
            }
        }
    }

    struct Tx: SQLTransaction {
        let connection: PostgresConnection
        func query(_ sql: String, _ args: [SQLValue]) throws -> [SQLRow] { try PostgresBackend.run(connection, sql, args) }
        func execute(_ sql: String, _ args: [SQLValue]) throws { _ = try PostgresBackend.run(connection, sql, args) }
    }

    /// `?` placeholders become `$1…$n` (the shared statements hold no `?` in literals).
    static func numbered(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        for ch in sql {
            if ch == "?" {
                n += 1
                out += "$\(n)"
            } else {
                out.append(ch)
            }
        }
        return out
    }

    static func run(_ c: PostgresConnection, _ sql: String, _ args: [SQLValue]) throws -> [SQLRow] {
        var binds = PostgresBindings(capacity: args.count)
        for a in args {
            switch a {
            case .null: binds.appendNull()
            case let .int(i): binds.append(i)
            case let .real(d): binds.append(d)
            case let .text(s): binds.append(s)
            }
        }
        let result: PostgresQueryResult
        do {
            result = try c.query(PostgresQuery(unsafeSQL: numbered(sql), binds: binds), logger: logger).wait()
        } catch {
            throw StoreError("PostgreSQL: \(message(error))")
        }
        return try result.rows.map { row in
            try row.map { cell -> SQLValue in
                guard cell.bytes != nil else { return .null }
                switch cell.dataType {
                case .int2, .int4, .int8: return .int(Int64(try cell.decode(Int.self)))
                case .float4, .float8: return .real(try cell.decode(Double.self))
                default: return .text(try cell.decode(String.self))
                }
            }
        }
    }

    static func message(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            if let m = e.serverInfo?[.message] { return m }
            return "\(e.code)"
        }
        return "\(error)"
    }
}
