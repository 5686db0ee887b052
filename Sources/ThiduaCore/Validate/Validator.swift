import Foundation

// Placeholder until the rules engine lands; replaced wholesale (keep this API).

/// Something only the extractor can see (the text of an impossible date, a malformed
/// number): it names a rule, and the rule's YAML gives the severity and message.
public struct Finding: Sendable, Equatable {
    /// A rule id of rules/checks/*.yaml whose check kind is `finding`.
    public var rule: String
    /// Record path the finding is about ("document.date", "references.2.date").
    public var path: String
    /// The source text that caused it.
    public var evidence: String?
    public init(rule: String, path: String, evidence: String? = nil) {
        self.rule = rule
        self.path = path
        self.evidence = evidence
    }
}

/// Runs the validation rules of `rules/checks/*.yaml` over a record's JSON.
public struct Validator: Sendable {
    public init(rulesDirectory: URL, extra: [URL] = []) throws {}

    public func validate(_ record: JSONValue, findings: [Finding] = []) -> [Diagnostic] { [] }
}
