import Foundation

/// A value bound into or read out of a SQL statement, the same for both backends.
public enum SQLValue: Sendable, Equatable {
    case null
    case int(Int64)
    case real(Double)
    case text(String)

    public var string: String? { if case let .text(s) = self { return s }; return nil }
    public var int: Int64? {
        switch self {
        case let .int(i): return i
        case let .real(d): return d.isFinite && abs(d) < 9e18 ? Int64(d) : nil
        case let .text(s): return Int64(s)
        case .null: return nil
        }
    }
    public var isNull: Bool { self == .null }

    init(_ s: String?) { self = s.map(SQLValue.text) ?? .null }
    init(_ i: Int?) { self = i.map { .int(Int64($0)) } ?? .null }
    init(_ i: Int64?) { self = i.map(SQLValue.int) ?? .null }
}

typealias SQLRow = [SQLValue]

/// How the two SQL dialects differ in the few places the shared statements care about.
enum SQLDialect: Sendable {
    case sqlite, postgres

    /// "haystack contains needle" without LIKE's wildcards.
    func contains(_ haystack: String) -> String {
        self == .sqlite ? "instr(\(haystack), ?) > 0" : "strpos(\(haystack), ?) > 0"
    }
}

/// Runs statements inside one transaction.
protocol SQLTransaction {
    func query(_ sql: String, _ args: [SQLValue]) throws -> [SQLRow]
    func execute(_ sql: String, _ args: [SQLValue]) throws
}

/// The little a store needs from a database: statements with `?` placeholders,
/// and transactions. Implemented over GRDB (SQLite) and postgres-nio.
protocol SQLBackend: Sendable {
    var dialect: SQLDialect { get }
    var location: String { get }
    func query(_ sql: String, _ args: [SQLValue]) throws -> [SQLRow]
    func transaction<T>(_ body: (any SQLTransaction) throws -> T) throws -> T
    /// Inserts the document row; nil when a row with the same sha256 exists.
    func insertDocument(_ columns: [(String, SQLValue)], in tx: any SQLTransaction) throws -> Int64?
    func close()
}
