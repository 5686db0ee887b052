import Foundation

/// A store URL, parsed strictly: `postgres[ql]://user[:password]@host[:port][/database][?sslmode=…]`.
/// The password may hold any character but `@` unescaped (`#`, `/`, `:` included) or be
/// percent-encoded; it never appears in a message — `redacted` is the only form printed.
struct PostgresURL: Equatable {
    enum SSLMode: String, CaseIterable { case disable, allow, prefer, require, verifyCA = "verify-ca", verifyFull = "verify-full" }

    var user: String
    var password: String?
    var host: String
    var port: Int
    var database: String?
    var sslmode: SSLMode?

    static func parse(_ url: String) throws -> PostgresURL {
        let safe = redacted(url)
        func bad(_ why: String) -> StoreError {
            StoreError("not a valid PostgreSQL URL (\(why)): \(safe); expected postgres://user@host:port/database")
        }
        guard let schemeEnd = url.range(of: "://") else { throw bad("no scheme") }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else { throw bad("the scheme is not postgres") }
        var rest = Substring(url[schemeEnd.upperBound...])
        var user = "postgres"
        var password: String?
        // The user part ends at the last '@' (a password may hold '/', '#', ':').
        if let at = rest.lastIndex(of: "@") {
            let info = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = info.firstIndex(of: ":") {
                user = try decode(info[..<colon], bad)
                password = try decode(info[info.index(after: colon)...], bad)
            } else {
                user = try decode(info, bad)
            }
            if user.isEmpty { throw bad("empty user name") }
        }
        var query: Substring = ""
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var host: String
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw bad("unclosed [ in the host") }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw bad("text after the bracketed host") }
                portText = after.dropFirst()
            }
        } else {
            if let colon = rest.firstIndex(of: ":") {
                portText = rest[rest.index(after: colon)...]
                rest = rest[..<colon]
            }
            host = String(rest)
        }
        guard !host.isEmpty else { throw bad("no host") }
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || "-._:%".contains($0) }) else {
            throw bad("the host has characters a host name cannot have")
        }
        var port = 5432
        if let portText {
            guard let p = Int(portText), (1...65535).contains(p) else { throw bad("the port is not a number from 1 to 65535") }
            port = p
        }
        let database = try decode(path, bad)
        guard !database.contains("/") else { throw bad("the database name holds '/'") }
        var sslmode: SSLMode?
        for item in query.split(separator: "&") where !item.isEmpty {
            let kv = item.split(separator: "=", maxSplits: 1)
            let key = String(kv[0]), value = kv.count > 1 ? try decode(kv[1], bad) : ""
            switch key {
            case "sslmode":
                guard let m = SSLMode(rawValue: value) else {
                    throw bad("sslmode must be one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                sslmode = m
            default: throw bad("unknown parameter '\(key)'")
            }
        }
        return PostgresURL(user: user, password: password, host: host, port: port,
                           database: database.isEmpty ? nil : database, sslmode: sslmode)
    }

    private static func decode(_ s: Substring, _ bad: (String) -> StoreError) throws -> String {
        guard s.contains("%") else { return String(s) }
        guard let d = s.removingPercentEncoding else { throw bad("a malformed %-escape") }
        return d
    }

    var isLoopback: Bool { host == "localhost" || host == "127.0.0.1" || host == "::1" }

    /// The URL with any password replaced by `***`, whatever else is wrong with it.
    static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else {
            // No scheme: whatever follows a ':' and precedes an '@' may be a password.
            guard let at = url.lastIndex(of: "@"), let colon = url[..<at].firstIndex(of: ":") else { return url }
            return String(url[...colon]) + "***" + String(url[at...])
        }
        let rest = url[schemeEnd.upperBound...]
        guard let at = rest.lastIndex(of: "@") else { return url }
        let info = rest[..<at]
        guard let colon = info.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(rest[at...])
    }
}
