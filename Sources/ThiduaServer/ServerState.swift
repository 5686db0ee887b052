import Foundation
import Synchronization
import ThiduaCore
import ThiduaStore

/// What every handler shares: the store, the pipeline (its rules and schema), the worker pools.
public final class ServerState: Sendable {
    public let store: any RecordStore
    public let pipeline: Pipeline
    public let settings: ServerSettings
    let schema: SchemaValidator
    let extractPool: WorkerPool
    let importPool: WorkerPool
    let importer: BatchImporter
    let openAPI: String
    let assets: [String: (type: String, body: String)]

    public init(store: any RecordStore, pipeline: Pipeline, settings: ServerSettings, rulesDirectory: URL? = nil) throws {
        self.store = store
        self.pipeline = pipeline
        self.settings = settings
        schema = try SchemaValidator.recordSchema(rulesDirectory: rulesDirectory)
        extractPool = WorkerPool(launch: settings.extractLaunch, slots: settings.jobs)
        importPool = WorkerPool(launch: settings.importLaunch, slots: settings.jobs)
        importer = BatchImporter(store: store, pipeline: pipeline, jobs: 1)
        openAPI = try OpenAPIDocument.text(recordSchema: schema.schema)
        assets = [
            "review.js": ("text/javascript; charset=utf-8", try Resources.text("static/review.js")),
            "review.css": ("text/css; charset=utf-8", try Resources.text("static/review.css")),
        ]
    }

    /// Stops the worker processes (the store is the caller's to close).
    public func shutdown() {
        extractPool.stop()
        importPool.stop()
    }
}

/// Files shipped in the target's bundle, read once at start: no request path reaches the filesystem.
enum Resources {
    static func text(_ name: String) throws -> String {
        guard let base = Bundle.module.resourceURL,
            let text = try? String(contentsOf: base.appendingPathComponent(name), encoding: .utf8)
        else { throw ThiduaError(.internalError, "the server's resource \(name) is missing") }
        return text
    }
}

/// At most `slots` documents in worker processes at once; idle workers are kept for the next request.
final class WorkerPool: Sendable {
    let launch: WorkerLaunch?
    private let idle = Mutex<[WorkerProcess]>([])
    private let free: DispatchSemaphore

    init(launch: WorkerLaunch?, slots: Int) {
        self.launch = launch
        free = DispatchSemaphore(value: max(1, slots))
    }

    /// Runs `body` with a worker of its own (nil when isolation is off), off the event loops.
    func run<T: Sendable>(_ body: @escaping @Sendable (WorkerProcess?) throws -> T) async throws -> T {
        try await Blocking.run { [self] in
            free.wait()
            defer { free.signal() }
            let worker = idle.withLock { $0.popLast() } ?? launch.map(WorkerProcess.init)
            defer { if let worker { idle.withLock { $0.append(worker) } } }
            return try body(worker)
        }
    }

    func stop() {
        for w in idle.withLock({ all -> [WorkerProcess] in defer { all.removeAll() }; return all }) { w.stop() }
    }
}

/// `/openapi.json`: the hand-written document, with the record schema the library ships put in
/// as `components.schemas.Record` (one source for both; its `$ref`s rewritten to their new place).
public enum OpenAPIDocument {
    public static func text(recordSchema: JSONValue) throws -> String {
        let spec = try JSONValue.parse(try Resources.text("openapi.json"))
        guard case let .object(pairs) = recordSchema else { return spec.serialized(pretty: true) }
        let record = JSONValue.object(pairs.filter { $0.0 != "$schema" && $0.0 != "$id" })
        return spec.setting("components.schemas.Record", to: moved(record)).serialized(pretty: true)
    }

    static func moved(_ v: JSONValue) -> JSONValue {
        switch v {
        case let .object(pairs):
            return .object(pairs.map { k, x in
                if k == "$ref", let ref = x.stringValue, ref.hasPrefix("#/$defs/") {
                    return (k, .string("#/components/schemas/Record/$defs/" + ref.dropFirst("#/$defs/".count)))
                }
                return (k, moved(x))
            })
        case let .array(items): return .array(items.map(moved))
        default: return v
        }
    }
}
