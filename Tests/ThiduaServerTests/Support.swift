import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ThiduaCore
import ThiduaServer
@testable import ThiduaStore

enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func seed(_ name: String, plan: String = "001") throws -> Data {
        try Data(contentsOf: packageRoot.appendingPathComponent("fixtures/seeds/\(plan)/\(name)"))
    }
    /// The built `thidua` binary: worker processes for uploads, and the live server tests.
    static var binary: String? {
        if let b = ProcessInfo.processInfo.environment["THIDUA_BIN"] { return b }
        let p = packageRoot.appendingPathComponent(".build/debug/thidua").path
        return FileManager.default.isExecutableFile(atPath: p) ? p : nil
    }
}

/// A server over a fresh store (a SQLite file, or a new database on the server that
/// `scripts/with-postgres.sh` started), with uploads extracted in worker processes.
final class Served: @unchecked Sendable {
    let location: String
    let store: any RecordStore
    let state: ServerState
    let dir: URL
    private let admin: (url: String, database: String)?

    static func make(_ backend: Backend, token: String? = nil, maxUpload: Int = 50 << 20, timeout: Double = 60) throws -> Served? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-serve-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        switch backend {
        case .sqlite:
            return try Served(dir.appendingPathComponent("thidua.sqlite").path, dir, nil, token, maxUpload, timeout)
        case .postgres:
            let env = ProcessInfo.processInfo.environment
            guard let url = env["THIDUA_TEST_POSTGRES_URL"], !url.isEmpty else {
                if env["THIDUA_SKIP_POSTGRES"] != "1" {
                    Issue.record("THIDUA_TEST_POSTGRES_URL is not set: run the tests as `scripts/with-postgres.sh swift test`")
                }
                return nil
            }
            let name = "thidua_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
            try PostgresBackend.administer(url: url, "CREATE DATABASE \(name)")
            var c = URLComponents(string: url)!
            c.path = "/" + name
            return try Served(c.string!, dir, (url, name), token, maxUpload, timeout)
        }
    }

    private init(_ location: String, _ dir: URL, _ admin: (url: String, database: String)?, _ token: String?, _ maxUpload: Int,
                 _ timeout: Double) throws {
        self.location = location
        self.dir = dir
        self.admin = admin
        store = try Stores.open(location)
        guard let binary = Paths.binary else { throw StoreError("the thidua binary is not built (swift build)") }
        let worker = ["--max-memory", "2048", "--ocr", "auto"]
        let settings = ServerSettings(
            token: token, maxUploadBytes: maxUpload, jobs: 2,
            extractLaunch: WorkerLaunch(executable: binary, arguments: ["__worker", "extract"] + worker + ["--format", "json"],
                                        timeout: timeout, maxMemoryMB: 2048),
            importLaunch: WorkerLaunch(executable: binary, arguments: ["__worker", "import"] + worker + ["--store", location],
                                       timeout: timeout, maxMemoryMB: 2048))
        state = try ServerState(store: store, pipeline: try Pipeline(), settings: settings)
    }

    var app: some ApplicationProtocol { Application(router: ThiduaHTTP.router(state)) }

    func scalar(_ sql: String) throws -> Int64? {
        try (store as! SQLRecordStore).backend.query(sql, []).first?.first?.int
    }

    deinit {
        state.shutdown()
        store.close()
        if let admin { try? PostgresBackend.administer(url: admin.url, "DROP DATABASE IF EXISTS \(admin.database) WITH (FORCE)") }
        try? FileManager.default.removeItem(at: dir)
    }
}

/// A response read whole.
struct Reply {
    var status: Int
    var headers: HTTPFields
    var text: String
    var json: JSONValue { (try? JSONValue.parse(text)) ?? .null }
    func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }
}

/// Calls the API and checks each JSON answer against the response schema `/openapi.json` gives for it.
struct Client {
    let client: any TestClientProtocol

    func call(_ method: HTTPRequest.Method, _ uri: String, body: Data? = nil, headers: HTTPFields = [:],
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> Reply {
        let buffer = body.map { ByteBuffer(bytes: $0) }
        let reply = try await client.execute(uri: uri, method: method, headers: headers, body: buffer) { r in
            Reply(status: Int(r.status.code), headers: r.headers, text: String(decoding: r.body.readableBytesView, as: UTF8.self))
        }
        if uri.hasPrefix("/v1/") || uri == "/healthz", reply.headers[.contentType]?.hasPrefix("application/json") == true {
            let problems = OpenAPI.check(reply, method: method.rawValue.lowercased(), uri: uri)
            #expect(problems.isEmpty, "\(method) \(uri) → \(reply.status) does not fit /openapi.json: \(problems)",
                    sourceLocation: sourceLocation)
        }
        return reply
    }

    func json(_ method: HTTPRequest.Method, _ uri: String, _ value: JSONValue, headers: HTTPFields = [:],
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> Reply {
        var h = headers
        h[.contentType] = "application/merge-patch+json"
        return try await call(method, uri, body: Data(value.serialized().utf8), headers: h, sourceLocation: sourceLocation)
    }
}

enum OpenAPI {
    /// The document the server serves: the shipped one with the full record schema in it.
    static let spec: JSONValue = {
        guard let schema = try? SchemaValidator.recordSchema().schema, let text = try? OpenAPIDocument.text(recordSchema: schema) else {
            return .null
        }
        return (try? JSONValue.parse(text)) ?? .null
    }()

    /// "/v1/documents/12/text?x=1" → "/v1/documents/{id}/text".
    static func template(_ uri: String) -> String {
        let path = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.allSatisfy(\.isNumber) && !$0.isEmpty ? "{id}" : String($0) }.joined(separator: "/")
    }

    static func check(_ reply: Reply, method: String, uri: String) -> [String] {
        guard let op = spec["paths"]?[template(uri)]?[method] else { return ["no operation \(method) \(template(uri))"] }
        guard let schema = op["responses"]?[String(reply.status)]?["content"]?["application/json"]?["schema"],
            case let .object(pairs) = schema
        else { return ["no JSON response \(reply.status) for \(method) \(template(uri))"] }
        guard let body = try? JSONValue.parse(reply.text) else { return ["the body is not JSON"] }
        let root = JSONValue.object(pairs + [("components", spec["components"] ?? .null)])
        return SchemaValidator(schema: root).validate(body)
    }
}

extension HTTPFields {
    static func with(_ pairs: [(String, String)]) -> HTTPFields {
        var h = HTTPFields()
        for (k, v) in pairs { h[HTTPField.Name(k)!] = v }
        return h
    }
}
