import Foundation
import NIOSSL
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
        do { try migrate() } catch let e as StoreError {
            throw StoreError("cannot open the store \(location): \(e.message)", retryable: e.retryable)
        }
    }

    deinit { close() }

    /// Runs one statement on a server without touching the store's schema
    /// (creating and dropping test databases).
    static func administer(url: String, _ sql: String) throws {
        let c = try bounded(PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.next(), configuration: configuration(url), id: 0,
            logger: logger
        ), seconds: Double(connectTimeout) + 5, what: "connecting to \(redacted(url))")
        defer { discard(c) }
        _ = try run(c, sql, [])
    }

    /// Seconds to wait for a connection, and for one statement's reply.
    static let connectTimeout: Int64 = 10
    // Short: a connection the server dropped while idle can leave a query unanswered (postgres-nio);
    // the importer then tries again on a new connection.
    static let statementTimeout: Double = 10
    /// Reads (a search over every document's text) may take longer.
    static let readTimeout: Double = 120

    /// postgres://user[:password]@host[:port]/database[?sslmode=…] (see `PostgresURL`).
    /// sslmode as libpq: disable (clear text); allow and prefer (TLS when the server offers it;
    /// the default, except on loopback, where it is disable); require (TLS or no connection,
    /// certificate not checked); verify-ca (the chain checked); verify-full (chain and host name).
    static func configuration(_ url: String) throws -> PostgresConnection.Configuration {
        let u = try PostgresURL.parse(url)
        let tls: PostgresConnection.Configuration.TLS
        func context(_ verification: CertificateVerification) throws -> NIOSSLContext {
            var c = TLSConfiguration.makeClientConfiguration()
            c.certificateVerification = verification
            do { return try NIOSSLContext(configuration: c) } catch {
                throw StoreError("cannot set up TLS for \(PostgresURL.redacted(url)): \(error)")
            }
        }
        switch u.sslmode ?? (u.isLoopback ? .disable : .prefer) {
        case .disable: tls = .disable
        case .allow, .prefer: tls = .prefer(try context(.fullVerification))
        case .require: tls = .require(try context(.none))
        case .verifyCA: tls = .require(try context(.noHostnameVerification))
        case .verifyFull: tls = .require(try context(.fullVerification))
        }
        var config = PostgresConnection.Configuration(
            host: u.host, port: u.port, username: u.user, password: u.password, database: u.database, tls: tls)
        config.options.connectTimeout = .seconds(connectTimeout)
        return config
    }

    static func redacted(_ url: String) -> String { PostgresURL.redacted(url) }

    private func lease() throws -> PostgresConnection {
        while let c = idle.withLock({ $0.popLast() }) {
            if !c.isClosed { return c }
            Self.discardLater(c)
        }
        let id = nextID.add(1, ordering: .relaxed).oldValue
        let connecting = PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.next(), configuration: configuration, id: id, logger: Self.logger)
        do {
            // A connection that arrives after we gave up on it is closed, not dropped.
            return try Self.bounded(connecting, seconds: Double(Self.connectTimeout) + 5, what: "connecting",
                                    onTimeout: { connecting.whenSuccess { Self.discardLater($0) } })
        } catch {
            // A server that is down may come back: the importer tries again for a while. One
            // that answers "no such database" or "wrong password" will say so again.
            let state = (error as? PSQLError)?.serverInfo?[.sqlState] ?? ""
            let final = state.hasPrefix("3D") || state.hasPrefix("28")
            throw StoreError("cannot connect: \(Self.message(error))", retryable: !final)
        }
    }

    /// Waits for `future` at most `seconds`: a server that stopped answering must not hang the caller.
    static func bounded<T: Sendable>(_ future: EventLoopFuture<T>, seconds: Double, what: String,
                                     onTimeout: () -> Void = {}) throws -> T {
        let box = FutureBox<T>()
        let done = DispatchSemaphore(value: 0)
        future.whenComplete { r in
            box.result = r
            done.signal()
        }
        if done.wait(timeout: .now() + seconds) == .timedOut {
            onTimeout()
            throw StoreError("no answer from the server after \(Int(seconds)) s (\(what))", retryable: true)
        }
        return try box.result!.get()
    }

    private func release(_ c: PostgresConnection) {
        // A connection the server closed is still closed on our side before it is dropped
        // (postgres-nio asserts that every connection is closed before it goes away).
        if c.isClosed { Self.discardLater(c); return }
        idle.withLock { $0.append(c) }
    }

    /// Statement errors leave the connection usable (a failed transaction is rolled
    /// back first); a connection the server or network closed is dropped.
    /// After a lost connection or an unanswered statement, that connection and every idle
    /// one (the server likely dropped them all) are closed; the next caller connects afresh.
    private func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let c = try lease()
        do {
            let v = try body(c)
            release(c)
            return v
        } catch let e as StoreError where e.retryable {
            Self.discardLater(c)
            for other in idle.withLock({ all -> [PostgresConnection] in defer { all.removeAll() }; return all }) {
                Self.discardLater(other)
            }
            throw e
        } catch {
            release(c)
            throw error
        }
    }

    /// Closes a connection without waiting for the server (which may not answer).
    /// The connection is kept alive until it is closed: closing from this thread only schedules
    /// it on the event loop, and postgres-nio traps (debug builds) on a connection freed while open.
    private static func discardLater(_ c: PostgresConnection) {
        let closing: EventLoopFuture<Void> = c.close()
        closing.whenComplete { _ in withExtendedLifetime(c) {} }
    }

    private static func discard(_ c: PostgresConnection) {
        let closing: EventLoopFuture<Void> = c.close()
        try? closing.wait()
    }

    func query(_ sql: String, _ args: [SQLValue]) throws -> [SQLRow] {
        try withConnection { try Self.run($0, sql, args, timeout: Self.readTimeout) }
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

    /// Applies the named migrations not yet in the ledger, one transaction each. All of
    /// it — the ledger's creation too — runs under a session advisory lock taken first, so
    /// that importers starting together on a fresh database migrate once and never race
    /// on `CREATE TABLE` (whose catalog rows collide: pg_type_typname_nsp_index).
    private func migrate() throws {
        try withConnection { c in
            _ = try Self.run(c, "SELECT pg_advisory_lock(7405)", [])
            defer { _ = try? Self.run(c, "SELECT pg_advisory_unlock(7405)", []) }
            let hasLedger = try Self.run(
                c, "SELECT CASE WHEN to_regclass('thidua_migration') IS NULL THEN 0 ELSE 1 END", []
            ).first?.first?.int == 1
            if !hasLedger {
                let others = try Self.run(
                    c, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                        + "ORDER BY table_name LIMIT 6", []).compactMap { $0.first?.string }
                if !others.isEmpty {
                    let shown = others.prefix(5).joined(separator: ", ") + (others.count > 5 ? ", …" : "")
                    throw StoreError("not a thidua store (the database holds other tables: \(shown)); give an empty database")
                }
            }
            _ = try Self.run(
                c, "CREATE TABLE IF NOT EXISTS thidua_migration (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                [])
            for (name, statements) in StoreSchema.migrations(.postgres) {
                _ = try Self.run(c, "BEGIN", [])
                do {
                    if try Self.run(c, "SELECT 1 FROM thidua_migration WHERE name = $1", [.text(name)]).isEmpty {
                        for s in statements { _ = try Self.run(c, s, []) }
                        _ = try Self.run(c, "INSERT INTO thidua_migration (name) VALUES ($1)", [.text(name)])
                    }
                    _ = try Self.run(c, "COMMIT", [])
                } catch {
                    _ = try? Self.run(c, "ROLLBACK", [])
                    throw error
                }
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

    static func run(_ c: PostgresConnection, _ sql: String, _ args: [SQLValue],
                    timeout: Double = statementTimeout) throws -> [SQLRow] {
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
            result = try bounded(c.query(PostgresQuery(unsafeSQL: numbered(sql), binds: binds), logger: logger),
                                 seconds: timeout, what: "a statement") { discardLater(c) }
        } catch let e as StoreError {
            throw e
        } catch {
            throw storeError(error)
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

    /// A refused record (constraint, bad value) is that record's failure; a lost connection
    /// or a server shutting down may pass; anything else is the store's.
    static func storeError(_ error: any Error) -> StoreError {
        let text = "PostgreSQL: \(message(error))"
        guard let e = error as? PSQLError, let state = e.serverInfo?[.sqlState] else {
            return StoreError(text, retryable: true)
        }
        switch state.prefix(2) {
        case "22", "23": return StoreError(text, isStoreFault: false)
        case "08", "57": return StoreError(text, retryable: true)
        case "40": return StoreError(text, retryable: true)
        default: return StoreError(text)
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

/// The result of a future, handed from the event loop to the waiting thread.
private final class FutureBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
