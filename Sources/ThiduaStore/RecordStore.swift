import Foundation
import ThiduaCore

public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// The store cannot do its work (read-only, full, gone, not a store) — as opposed to
    /// refusing one record (a constraint): a batch stops rather than fail every file.
    public var isStoreFault: Bool
    /// The fault may pass (a lost connection, a server restarting): try again after a pause.
    public var retryable: Bool
    public init(_ message: String, isStoreFault: Bool = true, retryable: Bool = false) {
        self.message = message
        self.isStoreFault = isStoreFault
        self.retryable = retryable
    }
    public var description: String { message }
}

/// What saving a record did.
public enum SaveOutcome: Sendable, Equatable {
    /// A new document (no earlier version at its path).
    case imported(id: Int64)
    /// A changed file at a known path: a new version linked to the previous one.
    case updated(id: Int64, previousID: Int64, version: Int)
    /// The same bytes are already stored (under this path or another).
    case unchanged(id: Int64?)
}

/// A stored document: the columns a listing needs, and the record's exact JSON text.
public struct StoredDocument: Sendable, Equatable {
    public var id: Int64
    public var sha256: String
    public var file: String
    public var path: String
    public var format: String
    public var kindCode: String?
    public var kindName: String?
    public var number: String?
    public var issuer: String?
    public var parent: String?
    public var place: String?
    public var date: String?
    public var dateStart: String?
    public var dateEnd: String?
    public var title: String?
    public var signer: String?
    public var signerTitle: String?
    public var version: Int
    public var previousID: Int64?
    public var importedAt: String
    /// The line `thidua extract` printed for the file, byte for byte.
    public var recordJSON: String
}

/// A reviewer's correction: a JSON Merge Patch (RFC 7386) over the extracted record.
public struct StoredCorrection: Sendable, Equatable {
    public var id: Int64
    public var sha256: String
    public var documentID: Int64?
    public var patchJSON: String
    public var author: String
    public var createdAt: String

    public init(id: Int64, sha256: String, documentID: Int64?, patchJSON: String, author: String, createdAt: String) {
        self.id = id
        self.sha256 = sha256
        self.documentID = documentID
        self.patchJSON = patchJSON
        self.author = author
        self.createdAt = createdAt
    }
}

/// A reviewer's word that a document's record (with its corrections) is right.
public struct ReviewMark: Sendable, Equatable {
    public var accepted: Bool
    public var author: String
    public var createdAt: String
}

/// A milestone with a due date, and the document it comes from.
public struct StoredMilestone: Sendable, Equatable {
    public var documentID: Int64
    public var sha256: String
    public var seq: Int
    public var number: String?
    public var documentTitle: String?
    public var documentYear: Int?
    public var importedAt: String
    public var task: String
    public var responsible: String?
    public var text: String?
    public var dueText: String
    public var dueValue: String
    public var dueStart: String?
    public var dueEnd: String?
    public var precision: String
    public var relation: String?
    public var recurrence: String?
}

public struct DocumentFilter: Sendable {
    public var kind: String?
    /// Matched case- and diacritic-insensitively against the issuer and its parent.
    public var issuer: String?
    /// ISO dates: documents whose date overlaps [from, to].
    public var from: String?
    public var to: String?
    public var includeOldVersions: Bool
    public var limit: Int?
    /// Only documents with a larger id: pages through a large store in id order.
    public var afterID: Int64?

    public init(kind: String? = nil, issuer: String? = nil, from: String? = nil, to: String? = nil,
                includeOldVersions: Bool = false, limit: Int? = nil, afterID: Int64? = nil) {
        self.kind = kind
        self.issuer = issuer
        self.from = from
        self.to = to
        self.includeOldVersions = includeOldVersions
        self.limit = limit
        self.afterID = afterID
    }
}

/// Row counts per table, for summaries and tests.
public struct StoreCounts: Sendable, Equatable {
    public var tables: [String: Int]
    public subscript(table: String) -> Int { tables[table] ?? 0 }
}

/// The store: one owner of a database, SQLite or PostgreSQL, with the same
/// schema and behaviour. Calls are synchronous and safe from any thread.
public protocol RecordStore: Sendable {
    /// Where the store is (a file path, or a URL without its password).
    var location: String { get }
    func knownSHA256s() throws -> Set<String>
    func contains(sha256: String) throws -> Bool
    /// Saves a record in one transaction. `path` is the file's absolute path (versions
    /// link by it); `fullText` is the document's text, folded into the search column.
    func save(_ record: Record, path: String, fullText: String) throws -> SaveOutcome
    /// Saves a record as `save(_:path:fullText:)` does, and keeps each page's text beside it
    /// (what the record's evidence offsets point into).
    func save(_ record: Record, path: String, pages: [String]) throws -> SaveOutcome
    /// The page texts saved with a document; nil when none were (imported before they were kept).
    func pageTexts(documentID: Int64) throws -> [String]?
    /// A reviewer's corrections of the document with these bytes, oldest first.
    func corrections(sha256: String) throws -> [StoredCorrection]
    /// Appends a correction (a JSON Merge Patch of record fields) for the document with these bytes.
    func addCorrection(sha256: String, documentID: Int64?, patch: String, author: String) throws -> StoredCorrection
    /// The stored diagnostics of a document, counted by severity ("error", "warning", "info").
    func diagnosticCounts(documentID: Int64) throws -> [String: Int]
    /// The latest accepted mark of the document with these bytes; nil when none was set.
    func reviewMark(sha256: String) throws -> ReviewMark?
    func addReviewMark(sha256: String, accepted: Bool, author: String) throws -> ReviewMark
    func documents(_ filter: DocumentFilter) throws -> [StoredDocument]
    /// By id, or by document number (canonical or as printed).
    func find(_ idOrNumber: String) throws -> [StoredDocument]
    /// Case- and diacritic-insensitive: titles, movements, issuers, numbers and full text.
    func search(_ text: String, limit: Int?) throws -> [StoredDocument]
    /// Milestones with a due date overlapping [from, to] (ISO dates), and yearly ones.
    func milestones(from: String?, to: String?) throws -> [StoredMilestone]
    func counts() throws -> StoreCounts
    /// A consistent copy of the whole store in a new SQLite file at `path`.
    func backup(to path: String) throws
    /// Ends the use of the store; a SQLite store is left whole in its one file (WAL checkpointed).
    func close()
}

public enum Stores {
    /// The default store: `thidua.sqlite` in the working directory.
    public static let defaultLocation = "thidua.sqlite"

    /// Opens a store: a `postgres://` URL, or a SQLite file (created with its schema when new).
    /// `readOnly` opens a SQLite file for reading only: it need not be writable, and is never migrated.
    public static func open(_ location: String, readOnly: Bool = false) throws -> any RecordStore {
        if isPostgres(location) {
            return SQLRecordStore(backend: try PostgresBackend(url: location))
        }
        return SQLRecordStore(backend: try SQLiteBackend(path: location, readOnly: readOnly))
    }

    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }
}
