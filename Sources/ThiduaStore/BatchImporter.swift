import Foundation
import Crypto
import Synchronization
import ThiduaCore

/// What happened to one file of a batch.
public struct ImportResult: Sendable {
    public enum Status: String, Sendable { case imported, unchanged, updated, failed }
    public var file: String
    public var status: Status
    public var id: Int64?
    public var previousID: Int64?
    public var sha256: String?
    /// The one-line cause of a failure.
    public var error: String?
    /// The failure's stable code (`ThiduaError.Code`, or `crashed`, `timeout`, `memory`, … for a worker's end).
    public var cause: String?
    public var diagnostics: [Severity: Int]
    /// The failure was the store's (cannot write, connection lost), not the file's.
    public var storeFailure = false
    /// A store failure that may pass (a lost PostgreSQL connection): worth trying again.
    public var retryable = false

    public init(file: String, status: Status, diagnostics: [Severity: Int] = [:]) {
        self.file = file
        self.status = status
        self.diagnostics = diagnostics
    }

    /// The worker's reply: the report line with the store flags beside it.
    var workerReply: JSONValue {
        json.setting("storeFailure", to: .bool(storeFailure)).setting("retryable", to: .bool(retryable))
    }

    init?(workerReply j: JSONValue, file: String) {
        guard let s = j["status"]?.stringValue, let status = Status(rawValue: s) else { return nil }
        self.init(file: file, status: status)
        id = j["id"]?.intValue.map(Int64.init)
        previousID = j["previousId"]?.intValue.map(Int64.init)
        sha256 = j["sha256"]?.stringValue
        error = j["error"]?.stringValue
        cause = j["cause"]?.stringValue
        for sev in Severity.allCases { if let n = j.value(at: "diagnostics.\(sev.rawValue)")?.intValue, n > 0 { diagnostics[sev] = n } }
        if case .bool(true)? = j["storeFailure"] { storeFailure = true }
        if case .bool(true)? = j["retryable"] { retryable = true }
    }

    /// One JSON line for `--report`.
    public var json: JSONValue {
        .object([
            ("file", .string(file)), ("status", .string(status.rawValue)), ("id", id.map { .int(Int($0)) } ?? .null),
            ("previousId", previousID.map { .int(Int($0)) } ?? .null), ("sha256", sha256.json),
            ("error", error.json), ("cause", cause.json),
            ("diagnostics", .object(Severity.allCases.reversed().map { ($0.rawValue, .int(diagnostics[$0] ?? 0)) })),
        ])
    }
}

public struct ImportProgress: Sendable {
    public var done: Int
    public var total: Int
    public var failed: Int
    public var elapsed: Double
    public var docsPerSecond: Double { elapsed > 0 ? Double(done) / elapsed : 0 }
    /// Seconds left at the current rate; nil before the first file is done.
    public var eta: Double? { done > 0 && elapsed > 0 ? Double(total - done) / docsPerSecond : nil }
}

public struct ImportSummary: Sendable {
    public var imported = 0
    public var unchanged = 0
    public var updated = 0
    public var failed = 0
    /// (file, one-line cause), in the order the files were listed.
    public var failures: [(file: String, cause: String)] = []
    /// Diagnostics of the records stored by this batch, by severity.
    public var diagnostics: [Severity: Int] = [:]
    public var elapsed: Double = 0
    /// Set when the store failed (and stayed failed through the retries): the batch stopped.
    public var storeFailure: String?
    /// Files not attempted, or not finished, because the store failed.
    public var undone = 0
    public var total: Int { imported + unchanged + updated + failed }

    public var lines: [String] {
        var out = ["imported \(imported), unchanged \(unchanged), updated \(updated), failed \(failed) "
            + "(\(total) files in \(String(format: "%.1f", elapsed)) s)"]
        out.append("diagnostics: " + Severity.allCases.reversed().map { "\($0.rawValue) \(diagnostics[$0] ?? 0)" }
            .joined(separator: ", "))
        return out
    }
}

/// Imports files into a store: content-sniffed, extracted in parallel by a fixed
/// number of worker threads, each document saved in its own transaction. A file
/// whose bytes the store already holds is not extracted again.
public final class BatchImporter: Sendable {
    public let store: any RecordStore
    public let pipeline: Pipeline
    public let jobs: Int
    /// Extract each document in a worker process (crash, hang and memory isolation); nil: in this process.
    public let isolation: WorkerLaunch?
    /// How long a store that fails with a passing error (a lost connection) is tried again.
    public let storeRetrySeconds: Double

    public init(store: any RecordStore, pipeline: Pipeline, jobs: Int? = nil, isolation: WorkerLaunch? = nil,
                storeRetrySeconds: Double = 60) {
        self.store = store
        self.pipeline = pipeline
        self.jobs = max(1, min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, Self.maxJobs))
        self.isolation = isolation
        self.storeRetrySeconds = storeRetrySeconds
    }

    /// Never more workers than four per core.
    public static var maxJobs: Int { max(1, 4 * ProcessInfo.processInfo.activeProcessorCount) }

    /// The files under `paths` (folders walked recursively, hidden entries and
    /// `excluding` skipped), sorted; a path that does not exist is listed as is and fails.
    public static func collect(_ paths: [String], excluding: Set<String> = []) -> [String] {
        FolderWalk.collect(paths, excluding: excluding).files
    }

    /// The files a store at `location` writes beside itself, never to be imported.
    public static func storeFiles(_ location: String) -> Set<String> {
        Stores.isPostgres(location) ? [] : [location, location + "-wal", location + "-shm", location + "-journal"]
    }

    public static func absolute(_ path: String) -> String {
        let p = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: p).standardizedFileURL.path
    }

    private final class Shared: Sendable {
        struct State {
            var next = 0
            var stopped = false
            var summary = ImportSummary()
            var results: [ImportResult?]
        }
        let state: Mutex<State>
        init(count: Int) { state = Mutex(State(results: Array(repeating: nil, count: count))) }
    }

    /// Imports `files`; `onResult` is called once per file, serialized, with the progress so far.
    public func run(_ files: [String], onResult: @escaping @Sendable (ImportResult, ImportProgress) -> Void = { _, _ in })
        -> ImportSummary
    {
        let start = DispatchTime.now().uptimeNanoseconds
        @Sendable func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        // One query up front spares a round trip per file on a re-import.
        let known = (try? store.knownSHA256s()) ?? []
        let failedBefore = (try? store.failedPaths()) ?? []
        let shared = Shared(count: files.count)
        let workers = min(jobs, max(1, files.count))
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                let worker = isolation.map(WorkerProcess.init)
                defer { worker?.stop() }
                while true {
                    let i = shared.state.withLock { s -> Int in
                        if s.stopped { return files.count }
                        defer { s.next += 1 }
                        return s.next
                    }
                    guard i < files.count else { return }
                    var result = importWithRetry(files[i], known: known, worker: worker) {
                        shared.state.withLock { $0.stopped }
                    }
                    if result.storeFailure {
                        shared.state.withLock { s in
                            if !s.stopped {
                                s.stopped = true
                                s.summary.storeFailure = result.error ?? "the store failed"
                            }
                        }
                        return
                    }
                    result.storeFailure = false
                    noteOutcome(result, failedBefore: failedBefore)
                    shared.state.withLock { s in
                        s.results[i] = result
                        switch result.status {
                        case .imported: s.summary.imported += 1
                        case .unchanged: s.summary.unchanged += 1
                        case .updated: s.summary.updated += 1
                        case .failed: s.summary.failed += 1
                        }
                        for (k, v) in result.diagnostics { s.summary.diagnostics[k, default: 0] += v }
                        let progress = ImportProgress(
                            done: s.summary.total, total: files.count, failed: s.summary.failed, elapsed: elapsed())
                        onResult(result, progress)
                    }
                }
            }
            // Decoders recurse over nested structures: give them room.
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
        return shared.state.withLock { s in
            var summary = s.summary
            summary.failures = s.results.compactMap { r in
                guard let r, r.status == .failed else { return nil }
                return (r.file, r.error ?? "failed")
            }
            summary.elapsed = elapsed()
            if summary.storeFailure != nil { summary.undone = files.count - summary.total }
            return summary
        }
    }

    /// Failures are data: a failed file is stored with its cause, and a file that imports (or is
    /// found unchanged) clears its earlier failure. The store failing here fails no file.
    func noteOutcome(_ r: ImportResult, failedBefore: Set<String>) {
        let path = Self.absolute(r.file)
        if r.status == .failed {
            try? store.recordFailure(FailedFile(
                path: path, file: FileName.display(r.file), sha256: r.sha256,
                cause: r.cause ?? ThiduaError.Code.internalError.rawValue, message: r.error ?? "failed"))
        } else if failedBefore.contains(path) {
            try? store.clearFailure(path: path)
        }
    }

    /// An entry a folder walk refused (a link out of the folder, a loop): a failure like any other.
    public func noteSkipped(_ path: String, reason: String, cause: String) {
        var r = ImportResult(file: path, status: .failed)
        r.error = reason
        r.cause = cause
        noteOutcome(r, failedBefore: [])
    }

    /// The same digest as `ThiduaCore.SHA256.hex`, from BoringSSL's assembly (several times faster).
    public static func sha256(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in Crypto.SHA256.hash(data: data) {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One file, tried again with growing pauses while the store fails with a passing
    /// error, for at most `storeRetrySeconds` (or until `stopped` says another slot gave up).
    func importWithRetry(_ file: String, known: Set<String>, worker: WorkerProcess?,
                         stopped: () -> Bool) -> ImportResult {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, storeRetrySeconds) * 1e9)
        var pause = 0.25
        while true {
            let result = worker.map { importIsolated(file, known: known, worker: $0) } ?? importOne(file, known: known)
            guard result.storeFailure, result.retryable, !stopped(),
                DispatchTime.now().uptimeNanoseconds + UInt64(pause * 1e9) < deadline
            else { return result }
            usleep(UInt32(pause * 1e6))
            pause = min(pause * 2, 8)
        }
    }

    /// One file read from `file` and stored under the name `storedAs` (its record's `source.file`
    /// and the path its versions link by): an upload kept in a temporary file. In `worker` when given.
    public func importFile(_ file: String, storedAs: String, worker: WorkerProcess?) -> ImportResult {
        worker.map { importIsolated(file, known: [], worker: $0, storedAs: storedAs) }
            ?? importOne(file, storedAs: storedAs)
    }

    /// Read and hashed here (a file the store holds costs no worker); extracted and saved by a worker.
    func importIsolated(_ file: String, known: Set<String>, worker: WorkerProcess, storedAs: String? = nil) -> ImportResult {
        var result = ImportResult(file: file, status: .failed)
        do {
            let data = try Intake.read(path: file)
            let sha = Self.sha256(data)
            result.sha256 = sha
            if try known.contains(sha) || store.contains(sha256: sha) {
                result.status = .unchanged
                if storedAs != nil { result.id = try? store.find(sha).first?.id }
                return result
            }
        } catch {
            return Self.failed(result, error)
        }
        let request = JSONValue.object([("file", .string(file)), ("as", storedAs.json)]).serialized()
        var outcome = worker.request(request)
        // A crash is tried once more in a fresh worker: it may come from the worker's store
        // connection rather than the file (postgres-nio's debug builds trap on a connection the
        // server dropped). A file that crashes twice is the file's.
        if case .crashed = outcome { outcome = worker.request(request) }
        switch outcome {
        case let .reply(text):
            guard let j = try? JSONValue.parse(text), let r = ImportResult(workerReply: j, file: file) else {
                result.error = "the worker's reply was unreadable"
                result.cause = ThiduaError.Code.internalError.rawValue
                return result
            }
            return r
        case let .exited(2, lastWords) where lastWords.contains("cannot open the store"):
            // The worker could not open the store: the store's failure, not this file's.
            result.error = lastWords.hasPrefix("thidua: ") ? String(lastWords.dropFirst(8)) : lastWords
            result.storeFailure = true
            result.retryable = !lastWords.contains("does not exist") && !lastWords.contains("not a thidua store")
            return result
        case let outcome:
            result.error = outcome.cause
            result.cause = outcome.code
            return result
        }
    }

    /// The stable code of a worker's end (`WorkerOutcome.code`), `internal` when it answered.
    public static func code(_ outcome: WorkerOutcome) -> String {
        outcome.code ?? ThiduaError.Code.internalError.rawValue
    }

    static func failed(_ r: ImportResult, _ error: any Error) -> ImportResult {
        var result = r
        result.status = .failed
        result.error = "\(error)".replacingOccurrences(of: "\n", with: " ")
        result.cause = (error as? ThiduaError)?.code.rawValue
            ?? (error is StoreError ? ThiduaError.Code.store.rawValue : ThiduaError.Code.internalError.rawValue)
        if let e = error as? StoreError {
            result.storeFailure = e.isStoreFault
            result.retryable = e.retryable
        }
        return result
    }

    /// The worker's side of `importIsolated`: extracts and saves one file, and says so in one JSON value.
    public func serveWorkerRequest(_ request: JSONValue) -> JSONValue {
        let file = request["file"]?.stringValue ?? ""
        return importOne(file, storedAs: request["as"]?.stringValue).workerReply
    }

    /// Reads, hashes, and — only when the bytes are new — extracts and saves one file.
    public func importOne(_ file: String, known: Set<String> = [], storedAs: String? = nil) -> ImportResult {
        var result = ImportResult(file: file, status: .failed, diagnostics: [:])
        do {
            let data = try Intake.read(path: file)
            let sha = Self.sha256(data)
            result.sha256 = sha
            if known.contains(sha) {
                result.status = .unchanged
                return result
            }
            if try store.contains(sha256: sha) {
                result.status = .unchanged
                if storedAs != nil { result.id = try? store.find(sha).first?.id }
                return result
            }
            let (record, pages) = try pipeline.extractWithText(data: data, file: storedAs ?? file, sha256: sha)
            switch try store.save(record, path: storedAs ?? Self.absolute(file), pages: pages) {
            case let .imported(id):
                result.status = .imported
                result.id = id
            case let .updated(id, previousID, _):
                result.status = .updated
                result.id = id
                result.previousID = previousID
            case let .unchanged(id):
                // Another importer stored the same bytes meanwhile.
                result.status = .unchanged
                result.id = id
                return result
            }
            for d in record.diagnostics { result.diagnostics[d.severity, default: 0] += 1 }
        } catch {
            return Self.failed(result, error)
        }
        return result
    }
}
