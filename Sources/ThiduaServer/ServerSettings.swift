import Foundation
import ThiduaStore

/// How `thidua serve` runs: where it listens, who may call it, how much it takes in.
public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int
    /// When set, every request needs `Authorization: Bearer <token>` (or the login cookie).
    public var token: String?
    public var maxUploadBytes: Int
    /// Documents extracted at once (one worker process each).
    public var jobs: Int
    /// Worker launches for `POST /v1/extract` and `POST /v1/documents` (the same isolation as
    /// `thidua extract` and `thidua import`); nil extracts in the server's own process.
    public var extractLaunch: WorkerLaunch?
    public var importLaunch: WorkerLaunch?

    public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, maxUploadBytes: Int = 50 << 20,
                jobs: Int = 2, extractLaunch: WorkerLaunch? = nil, importLaunch: WorkerLaunch? = nil) {
        self.host = host
        self.port = port
        self.token = token
        self.maxUploadBytes = maxUploadBytes
        self.jobs = jobs
        self.extractLaunch = extractLaunch
        self.importLaunch = importLaunch
    }

    /// Loopback addresses only: 127.0.0.0/8, ::1 and localhost.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if h == "localhost" || h == "::1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Why the server must not start with these settings, or nil.
    public var refusal: String? {
        if !Self.isLoopback(host), (token ?? "").isEmpty {
            return "refusing to listen on \(host) without --token (only loopback addresses may go without one)"
        }
        if let token, token.count < 16, !token.isEmpty, !Self.isLoopback(host) {
            return "--token must be at least 16 characters when listening on \(host)"
        }
        return nil
    }

    /// "50MB", "512KB", "1GB", "1048576" (bytes); units are powers of 1024.
    public static func parseSize(_ text: String) -> Int? {
        let s = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, Int)] = [("GB", 1 << 30), ("G", 1 << 30), ("MB", 1 << 20), ("M", 1 << 20),
                                      ("KB", 1 << 10), ("K", 1 << 10), ("B", 1)]
        for (suffix, factor) in units where s.hasSuffix(suffix) {
            guard let n = Int(s.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), n > 0 else { return nil }
            return n.multipliedReportingOverflow(by: factor).overflow ? nil : n * factor
        }
        return Int(s).flatMap { $0 > 0 ? $0 : nil }
    }
}
