import Foundation
import Testing
import ThiduaCore

/// `thidua serve` run as a real process on a loopback port, and plain HTTP calls to it.
final class LiveServer: @unchecked Sendable {
    let process: Process
    let port: Int
    let dir: URL
    private let stderrPipe: Pipe

    init(_ extra: [String] = [], store: String? = nil) throws {
        guard let binary = Paths.binary else { throw HTTPFailure("the thidua binary is not built (swift build)") }
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        port = LiveServer.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--store", store ?? dir.appendingPathComponent("thidua.sqlite").path, "--port", String(port)] + extra
        stderrPipe = Pipe()
        process.standardError = stderrPipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// Waits until `/healthz` answers (or the process ended).
    func waitUntilUp(seconds: Double = 90) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, process.isRunning {
            if let r = try? await HTTP.call("GET", base + "/healthz", timeout: 5), r.status == 200 { return }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        throw HTTPFailure("thidua serve did not come up on port \(port): \(stopAndReadLog())")
    }

    /// SIGTERM, then the exit status and what the server logged.
    func stopAndReadLog() -> String {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return String(decoding: stderrPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        try? FileManager.default.removeItem(at: dir)
    }

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}

struct HTTPFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

enum HTTP {
    struct Result {
        var status: Int
        var body: Data
        var json: JSONValue { (try? JSONValue.parse(String(decoding: body, as: UTF8.self))) ?? .null }
    }

    /// One request, made by curl: Foundation's client on Linux was seen to hang on a loaded machine.
    static func call(_ method: String, _ url: String, body: Data? = nil, headers: [String: String] = [:],
                     timeout: Double = 120) async throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        var args = ["-sS", "--max-time", String(Int(timeout)), "-X", method, "-o", "-", "-w", "\n%{http_code}"]
        for (k, v) in headers { args += ["-H", "\(k): \(v)"] }
        if body != nil { args += ["--data-binary", "@-"] }
        p.arguments = args + [url]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = FileHandle.nullDevice
        try p.run()
        if let body { input.fileHandleForWriting.write(body) }
        try input.fileHandleForWriting.close()
        var data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard let cut = data.lastIndex(of: UInt8(ascii: "\n")) else { throw HTTPFailure("curl \(method) \(url): no answer") }
        let status = Int(String(decoding: data[(cut + 1)...], as: UTF8.self)) ?? 0
        data = data[..<cut]
        guard status > 0 else { throw HTTPFailure("curl \(method) \(url): no answer") }
        return Result(status: status, body: Data(data))
    }
}

@Suite(.serialized) struct ServeCommandTests {
    @Test func refusesAnOpenAddressWithoutAToken() throws {
        guard let binary = Paths.binary else { Issue.record("the thidua binary is not built"); return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["serve", "--host", "0.0.0.0", "--store", "/nonexistent/never.sqlite"]
        let err = Pipe()
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 2)
        #expect(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("without --token"))
    }

    @Test func servesLogsLimitsUploadsAndStopsOnSIGTERM() async throws {
        let server = try LiveServer(["--max-upload", "1KB", "--jobs", "1"])
        try await server.waitUntilUp()
        let big = try await HTTP.call("POST", server.base + "/v1/documents?name=big.txt", body: Data(repeating: 0x61, count: 4096))
        #expect(big.status == 413)
        #expect(big.json.value(at: "error.code") == .string("too-large"))
        let small = try await HTTP.call("POST", server.base + "/v1/extract?name=a.txt",
                                        body: Data("KẾ HOẠCH\nTổ chức phong trào thi đua năm 2024\n".utf8))
        #expect(small.status == 200, "\(String(decoding: small.body, as: UTF8.self))")
        let log = server.stopAndReadLog()
        #expect(server.process.terminationStatus == 0, "\(log)")
        #expect(log.contains("path=/healthz") && log.contains("status=200") && log.contains("request_id="), "\(log)")
        #expect(log.contains("status=413"), "\(log)")
    }

    @Test func withATokenARequestWithoutItIs401() async throws {
        let token = "live-token-0123456789abcdef"
        let server = try LiveServer(["--host", "127.0.0.1", "--token", token])
        let deadline = Date().addingTimeInterval(90)
        var status = 0
        while Date() < deadline, status == 0 {
            status = (try? await HTTP.call("GET", server.base + "/v1/documents", timeout: 5))?.status ?? 0
            if status == 0 { try await Task.sleep(nanoseconds: 100_000_000) }
        }
        #expect(status == 401)
        let ok = try await HTTP.call("GET", server.base + "/v1/documents", headers: ["Authorization": "Bearer \(token)"])
        #expect(ok.status == 200)
        _ = server.stopAndReadLog()
    }
}
