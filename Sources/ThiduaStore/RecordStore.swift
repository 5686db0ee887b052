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
    /// The document the file carries (`DocumentIdentity`), shared by all its files.
    public var identity: String = ""
    /// The current files that carry the document, the best first (the one this row is read
    /// from, unless it was asked for by id or with every file).
    public var files: [StoredFile] = []
}

/// A document a search found: the best-ranked first, with the matching words in context.
public struct SearchHit: Sendable, Equatable {
    public var document: StoredDocument
    /// A few words around the match from the folded search text, the match in [brackets], cuts
    /// marked "..." (a table cut on a terminal ends with "…").
    public var snippet: String
}

/// One file of a document: a rendering (PDF, scan, DOCX, …) or a re-issued copy.
public struct StoredFile: Sendable, Equatable {
    public var id: Int64
    public var sha256: String
    public var path: String
    public var file: String
    public var format: String
    public var textLayer: String?
    public var version: Int
    public var importedAt: String
    /// The file the document is built from (a text layer over OCR, then the newest).
    public var best: Bool
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
    /// The document's identity (`DocumentIdentity`): calendars key their events by it.
    public var identity: String = ""
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
    /// Every current file, not each document once from its best file (implied by `includeOldVersions`).
    public var allFiles: Bool

    public init(kind: String? = nil, issuer: String? = nil, from: String? = nil, to: String? = nil,
                includeOldVersions: Bool = false, limit: Int? = nil, afterID: Int64? = nil, allFiles: Bool = false) {
        self.allFiles = allFiles
        self.kind = kind
        self.issuer = issuer
        self.from = from
        self.to = to
        self.includeOldVersions = includeOldVersions
        self.limit = limit
        self.afterID = afterID
    }
}

/// A file that could not be imported: its latest failure.
public struct FailedFile: Sendable, Equatable {
    /// The absolute path (the key: a later import of the same path clears it).
    public var path: String
    /// The name as given to `import`.
    public var file: String
    /// nil when the file could not be read at all.
    public var sha256: String?
    /// A stable code: `ThiduaError.Code` (`empty`, `pdf-damaged`, …), or the worker's end
    /// (`crashed`, `timeout`, `memory`), or a walk's refusal (`outside-folder`, `link-loop`).
    public var cause: String
    public var message: String
    /// ISO 8601, UTC.
    public var failedAt: String

    public init(path: String, file: String, sha256: String?, cause: String, message: String, failedAt: String? = nil) {
        self.path = path
        self.file = file
        self.sha256 = sha256
        self.cause = cause
        self.message = message
        self.failedAt = failedAt ?? RecordRows.timestamp()
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
    /// Each document once, from its best file (or every file: `DocumentFilter.allFiles`).
    func documents(_ filter: DocumentFilter) throws -> [StoredDocument]
    /// By id (that file), by document number (canonical or as printed: each document once,
    /// or every file with `allFiles`), or by a sha256 prefix (that file).
    func find(_ idOrNumber: String, allFiles: Bool) throws -> [StoredDocument]
    /// Full-text search (FTS5 / tsvector), case- and diacritic-insensitive: the words in this order
    /// (the last one may be the start of a word) in titles, movements, issuers, numbers or full text;
    /// the best-ranked first, each document once (or every file with `allFiles`).
    func searchHits(_ text: String, limit: Int?, allFiles: Bool) throws -> [SearchHit]
    /// Milestones with a due date overlapping [from, to] (ISO dates), and yearly ones: of each
    /// document's best file, or of every file with `allFiles`.
    func milestones(from: String?, to: String?, allFiles: Bool) throws -> [StoredMilestone]
    /// Failed files, by path.
    func failures() throws -> [FailedFile]
    /// The paths of failed files (an importer clears only those: a re-import costs no extra writes).
    func failedPaths() throws -> Set<String>
    /// Records the latest failure of a path.
    func recordFailure(_ failure: FailedFile) throws
    func clearFailure(path: String) throws
    /// Removes a document — every file that carries it, every version — with its child rows, in
    /// one transaction. Returns the stored files removed (0: no such id).
    func forget(documentID: Int64) throws -> Int
    /// Removes what was stored from the file at `path` (absolute; every version), with its child rows.
    func forget(path: String) throws -> Int
    func counts() throws -> StoreCounts
    /// A consistent copy of the whole store in a new SQLite file at `path`.
    func backup(to path: String) throws
    /// Ends the use of the store; a SQLite store is left whole in its one file (WAL checkpointed).
    func close()
}

extension RecordStore {
    public func find(_ idOrNumber: String) throws -> [StoredDocument] { try find(idOrNumber, allFiles: false) }
    public func search(_ text: String, limit: Int?) throws -> [StoredDocument] {
        try searchHits(text, limit: limit, allFiles: false).map(\.document)
    }
    public func milestones(from: String?, to: String?) throws -> [StoredMilestone] {
        try milestones(from: from, to: to, allFiles: false)
    }
}

public enum Stores {
    /// The default store: `thidua.sqlite` in the working directory.
    public static let defaultLocation = "thidua.sqlite"

    /// Opens a store: a `postgres://` URL, or a SQLite file (created with its schema when new).
    /// `readOnly` opens a SQLite file for reading only: it need not be writable, and is never migrated.
    public static func open(_ location: String, readOnly: Bool = false) throws -> any RecordStore {
        if isPostgres(location) {
            return try upgraded(SQLRecordStore(backend: try PostgresBackend(url: location)))
        }
        if readOnly, try SQLiteBackend.needsMigration(location) {
            // A store an earlier release wrote: upgraded by the first command that may write it.
            do { try upgraded(SQLRecordStore(backend: try SQLiteBackend(path: location))).close() } catch {
                throw StoreError("cannot open the store \(location): it was written by an earlier thidua and needs "
                                 + "upgrading, which needs write access (\(error))")
            }
        }
        let store = SQLRecordStore(backend: try SQLiteBackend(path: location, readOnly: readOnly))
        return readOnly ? store : try upgraded(store)
    }

    private static func upgraded(_ store: SQLRecordStore) throws -> SQLRecordStore {
        do { try store.fillIdentity() } catch {
            store.close()
            throw error
        }
        return store
    }

    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }
}
