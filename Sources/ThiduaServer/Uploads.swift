import Foundation
import Hummingbird
import ThiduaCore
import ThiduaStore

/// `POST /v1/extract` and `POST /v1/documents`: the body is a document's bytes. It is kept in
/// a private temporary file for the worker to read, and removed when the request ends.
enum Uploads {
    static func body(_ request: Request, limit: Int) async throws -> Data {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError(.contentTooLarge, ThiduaError.Code.tooLarge.rawValue, "the document is larger than \(limit) bytes")
        }
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: limit) } catch let e as any HTTPResponseError where e.status == .contentTooLarge {
            throw APIError(.contentTooLarge, ThiduaError.Code.tooLarge.rawValue, "the document is larger than \(limit) bytes")
        }
        guard buffer.readableBytes > 0 else {
            throw APIError.cause(ThiduaError.Code.empty.rawValue, "the request body is empty: send the document's bytes")
        }
        return Data(buffer.readableBytesView)
    }

    /// The name a document is stored under: the last path component of `?name=`, printable, at most 200 characters.
    static func name(_ request: Request) -> String {
        let given = request.uri.queryParameters.get("name") ?? ""
        let last = given.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(String.UnicodeScalarView(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
            .trimmingCharacters(in: .whitespaces)
        let short = String(clean.prefix(200))
        return short.isEmpty || short == "." || short == ".." ? "upload" : short
    }

    /// Writes `data` to a new file in a folder only this process may read; `body` gets its path.
    /// The file is named after the upload (its ASCII letters, digits, `.-_`), for the worker's last words.
    static func withTemporaryFile<T>(_ data: Data, name: String, _ body: (String) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: dir) }
        let safe = String(String.UnicodeScalarView(name.unicodeScalars.filter {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0))
        }.prefix(80)))
        let file = dir.appendingPathComponent("upload-" + safe)
        try data.write(to: file)
        return try body(file.path)
    }

    /// The record of an uploaded document, extracted in a worker (or in process without isolation).
    static func extract(_ data: Data, name: String, state: ServerState) async throws -> JSONValue {
        let pipeline = state.pipeline
        return try await state.extractPool.run { worker in
            guard let worker else { return try pipeline.extract(data: data, file: name).json }
            return try withTemporaryFile(data, name: name) { path in
                let request = JSONValue.object([("file", .string(path)), ("as", .string(name))]).serialized()
                switch worker.request(request) {
                case let .reply(text):
                    let j = try JSONValue.parse(text)
                    if case .bool(true)? = j["ok"], let out = j["output"]?.stringValue { return try JSONValue.parse(out) }
                    throw APIError.cause(j["code"]?.stringValue, j["error"]?.stringValue ?? "extraction failed")
                case let outcome:
                    throw APIError.cause(BatchImporter.code(outcome), outcome.cause ?? "extraction failed")
                }
            }
        }
    }

    /// Imports an uploaded document; `201 {id, status: imported|updated}` or `200 {id, status: unchanged}`.
    static func importDocument(_ data: Data, name: String, state: ServerState) async throws -> Response {
        let importer = state.importer
        let result = try await state.importPool.run { worker in
            try withTemporaryFile(data, name: name) { importer.importFile($0, storedAs: name, worker: worker) }
        }
        var body: [(String, JSONValue)] = [("id", result.id.map { .int(Int($0)) } ?? .null),
                                           ("status", .string(result.status.rawValue))]
        switch result.status {
        case .failed:
            if result.storeFailure { throw APIError(.serviceUnavailable, "store", result.error ?? "the store failed") }
            throw APIError.cause(result.cause, result.error ?? "import failed")
        case .unchanged:
            return Reply.json(.object(body))
        case .imported, .updated:
            if let p = result.previousID { body.append(("previousId", .int(Int(p)))) }
            return Reply.json(.object(body), status: .created)
        }
    }
}
