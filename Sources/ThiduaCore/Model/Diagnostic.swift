import Foundation

public enum Severity: String, Sendable, Comparable, CaseIterable {
    case info, warning, error

    private var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A finding about a record: never fatal for the record.
public struct Diagnostic: Sendable, Equatable, JSONRepresentable {
    public var rule: String
    public var severity: Severity
    public var path: String?
    public var message: String
    /// The text the finding is about, where there is one.
    public var evidence: String?

    public init(rule: String, severity: Severity, path: String? = nil, message: String, evidence: String? = nil) {
        self.rule = rule
        self.severity = severity
        self.path = path
        self.message = message
        self.evidence = evidence
    }

    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("rule", .string(rule)), ("severity", .string(severity.rawValue)),
            ("path", path.json), ("message", .string(message)),
        ]
        if let evidence { pairs.append(("evidence", .string(evidence))) }
        return .object(pairs)
    }
}
