import Foundation

/// One validation rule, read from one YAML file of `rules/checks/`
/// (or of a house-rules folder given with `--rules`).
public struct Rule: Sendable {
    /// Stable kebab-case id; a house rule with the same id replaces the built-in one.
    public var id: String
    public var severity: Severity
    /// For a person; may interpolate `{value}`, `{other}`, `{path}`, `{evidence}`
    /// or any record path (`{document.number.text}`).
    public var message: String
    public var description: String?
    /// Record paths the check applies to (none for `finding` rules).
    var paths: [RecordPath]
    var check: Check
    /// All must hold for the rule to apply at a place (value present and the check passing).
    var when: [Condition]
    /// The rule is skipped at a place where any of these holds.
    var unless: [Condition]
    /// Where the evidence text comes from; by default the checked value's `text`.
    var evidencePath: RecordPath?
    /// False in a house rule that switches a built-in rule off.
    public var enabled: Bool
    public var examples: RuleExamples
    /// The file it came from, as given (for messages).
    public var file: String

    /// The check kind's name as written in the YAML (`date-order`, `finding`, …).
    public var checkKind: String { check.kind.rawValue }
}

public struct RuleExamples: Sendable {
    public var trigger: [RuleExample]
    public var pass: [RuleExample]
    public init(trigger: [RuleExample] = [], pass: [RuleExample] = []) {
        self.trigger = trigger
        self.pass = pass
    }
}

/// A record fragment merged over an empty record, with the extractor findings
/// that go with it; `paths`, where given, are the exact diagnostic paths a
/// triggering example must produce.
public struct RuleExample: Sendable {
    public var fragment: JSONValue
    public var findings: [Finding]
    public var paths: [String]?
}

struct Condition: Sendable {
    var path: RecordPath
    var check: Check
}

/// A compiled regular expression (NSRegularExpression is immutable and thread-safe).
struct Pattern: @unchecked Sendable {
    let source: String
    let regex: NSRegularExpression
    func matches(_ s: String) -> Bool {
        regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }
}

/// The closed set of checks the engine implements.
enum Check: Sendable {
    enum Kind: String, CaseIterable, Sendable {
        case required, pattern
        case oneOf = "one-of", notOneOf = "not-one-of"
        case dateOrder = "date-order", dateWithin = "date-within"
        case equalsAcrossFields = "equals-across-fields"
        case countRange = "count-range", threshold
        case blankPart = "blank-part", lookup, finding
    }

    enum Comparison: String, CaseIterable, Sendable { case exact, fold, year }
    enum BlankPart: String, CaseIterable, Sendable { case day, month, year, serial, any }
    enum Match: String, CaseIterable, Sendable { case any, all }
    enum Order: Sendable { case notAfter, notBefore }

    struct LookupRow: Sendable {
        var shown: [String]
        var folded: Set<String>
        init(_ values: [String]) {
            shown = values
            folded = Set(values.map(Fold.key))
        }
    }

    struct ValueSet: Sendable {
        var values: Set<String>
        var ignoreCase: Bool
        func contains(_ s: String) -> Bool { values.contains(ignoreCase ? Fold.key(s) : s) }
    }

    case required
    case pattern(Pattern, expectMatch: Bool)
    case oneOf(ValueSet)
    case notOneOf(ValueSet)
    case dateOrder(Order, other: RecordPath, strict: Bool)
    case dateWithin(period: RecordPath?, from: Int?, to: Int?, marginDays: Int)
    case equalsAcrossFields(other: RecordPath, compare: Comparison)
    case countRange(min: Int?, max: Int?)
    case threshold(below: Double?, above: Double?)
    case blankPart(BlankPart)
    /// `table` maps a key to the values it goes with (as written, and folded for comparing).
    case lookup(other: RecordPath, table: [String: LookupRow], match: Match, unknownTriggers: Bool)
    case finding

    var kind: Kind {
        switch self {
        case .required: return .required
        case .pattern: return .pattern
        case .oneOf: return .oneOf
        case .notOneOf: return .notOneOf
        case .dateOrder: return .dateOrder
        case .dateWithin: return .dateWithin
        case .equalsAcrossFields: return .equalsAcrossFields
        case .countRange: return .countRange
        case .threshold: return .threshold
        case .blankPart: return .blankPart
        case .lookup: return .lookup
        case .finding: return .finding
        }
    }

    /// Checks that look at the whole value at the end of the path, even a list;
    /// the others look at each item of a list.
    var wholeValue: Bool { kind == .required || kind == .countRange }
}
