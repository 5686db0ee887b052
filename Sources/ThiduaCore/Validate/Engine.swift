import Foundation

/// Applies one rule to a record's JSON.
enum Engine {
    /// What a check found wrong at one place.
    struct Violation {
        var path: [String]
        var value: JSONValue
        var other: JSONValue?
        var bindings: [String: Int]
        /// What the check wanted, for `{expected}` (a lookup's row).
        var expected: [String]? = nil
    }

    static func run(_ rule: Rule, on record: JSONValue) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for path in rule.paths {
            for hit in places(path, rule.check, in: record) {
                guard applies(rule, at: hit, in: record) else { continue }
                if let v = evaluate(rule.check, at: hit, in: record) {
                    out.append(diagnostic(rule, v, record: record))
                }
            }
        }
        return out
    }

    static func diagnostic(for finding: Finding, rule: Rule, record: JSONValue) -> Diagnostic {
        let parts = finding.path.split(separator: ".").map(String.init)
        let value = RecordPath(finding.path).flatMap { $0.resolve(in: record).first?.value } ?? .null
        let message = interpolate(rule.message, value: finding.evidence.map(JSONValue.string) ?? value, other: nil,
                                  expected: nil, path: parts, evidence: finding.evidence, bindings: bindings(of: parts),
                                  record: record)
        return Diagnostic(rule: rule.id, severity: rule.severity, path: finding.path, message: message,
                          evidence: finding.evidence)
    }

    /// The places a path reaches; a list at the end is one place for `required`
    /// and `count-range`, and one place per item for the other checks.
    private static func places(_ path: RecordPath, _ check: Check, in record: JSONValue) -> [PathHit] {
        let hits = path.resolve(in: record)
        if check.wholeValue { return hits }
        return hits.flatMap { hit -> [PathHit] in
            guard case let .array(items) = hit.value else { return [hit] }
            return items.enumerated().map { PathHit(path: hit.path + [String($0.offset)], value: $0.element, bindings: hit.bindings) }
        }
    }

    private static func applies(_ rule: Rule, at place: PathHit, in record: JSONValue) -> Bool {
        for c in rule.when where !holds(c, place, record) { return false }
        for c in rule.unless where holds(c, place, record) { return false }
        return true
    }

    /// A condition holds where its value is present and its check finds nothing wrong.
    private static func holds(_ c: Condition, _ place: PathHit, _ record: JSONValue) -> Bool {
        let hits = c.path.resolve(in: record, at: place)
        guard !hits.isEmpty else { return false }
        return hits.allSatisfy { hit in
            !hit.value.isAbsent && evaluate(c.check, at: hit, in: record) == nil
        }
    }

    // MARK: - Checks

    static func evaluate(_ check: Check, at hit: PathHit, in record: JSONValue) -> Violation? {
        let value = hit.value
        func violation(other: JSONValue? = nil) -> Violation {
            Violation(path: hit.path, value: value, other: other, bindings: hit.bindings)
        }
        func others(_ path: RecordPath) -> [JSONValue] {
            path.resolve(in: record, at: hit).map(\.value).filter { !$0.isAbsent }
        }

        switch check {
        case .finding:
            return nil

        case .required:
            return value.isAbsent ? violation() : nil

        case let .pattern(pattern, expectMatch):
            guard !value.isNull, let s = value.scalarText else { return nil }
            return pattern.matches(s) == expectMatch ? nil : violation()

        case let .oneOf(set):
            guard let s = value.scalarText else { return nil }
            return set.contains(s) ? nil : violation()

        case let .notOneOf(set):
            guard let s = value.scalarText else { return nil }
            return set.contains(s) ? violation() : nil

        case let .dateOrder(order, otherPath, strict):
            guard let a = DateSpan(value) else { return nil }
            for o in others(otherPath) {
                guard let b = DateSpan(o) else { continue }
                // Only what is certain: a blank day covers its whole month, so a
                // date "2023-XX-XX" is not after anything in 2023.
                let wrong: Bool
                switch order {
                case .notAfter: wrong = strict ? a.start >= b.end : a.start > b.end
                case .notBefore: wrong = strict ? a.end <= b.start : a.end < b.start
                }
                if wrong { return violation(other: o) }
            }
            return nil

        case let .dateWithin(periodPath, from, to, margin):
            guard let a = DateSpan(value) else { return nil }
            if let periodPath {
                for p in others(periodPath) {
                    guard let span = DateSpan(p) else { continue }
                    if a.start > span.end + margin || a.end < span.start - margin { return violation(other: p) }
                }
            }
            if let from, a.end < from - margin { return violation() }
            if let to, a.start > to + margin { return violation() }
            return nil

        case let .equalsAcrossFields(otherPath, compare):
            guard let a = comparable(value, compare) else { return nil }
            let bs = others(otherPath).compactMap { o in comparable(o, compare).map { (o, $0) } }
            guard let first = bs.first else { return nil }
            return bs.contains(where: { $0.1 == a }) ? nil : violation(other: first.0)

        case let .countRange(min, max):
            let n: Int
            switch value {
            case .null: n = 0
            case let .array(items): n = items.count
            default: n = 1
            }
            if let min, n < min { return violation() }
            if let max, n > max { return violation() }
            return nil

        case let .threshold(below, above):
            guard let x = value.numberValue else { return nil }
            if let below, x < below { return violation() }
            if let above, x > above { return violation() }
            return nil

        case let .blankPart(part):
            return isBlank(value, part) ? violation() : nil

        case let .lookup(otherPath, table, match, unknownTriggers):
            guard let key = value.scalarText else { return nil }
            let candidates = others(otherPath).flatMap { o -> [JSONValue] in
                if case let .array(items) = o { return items }
                return [o]
            }.compactMap { $0.scalarText }
            guard !candidates.isEmpty else { return nil }
            let otherValue: JSONValue = candidates.count == 1 ? .string(candidates[0]) : .array(candidates.map(JSONValue.string))
            guard let row = table[key] else { return unknownTriggers ? violation(other: otherValue) : nil }
            let ok: Bool
            switch match {
            // As written first: folding is the slow path.
            case .any: ok = candidates.contains { row.shown.contains($0) || row.folded.contains(Fold.key($0)) }
            case .all: ok = candidates.allSatisfy { row.shown.contains($0) || row.folded.contains(Fold.key($0)) }
            }
            if ok { return nil }
            var v = violation(other: otherValue)
            v.expected = row.shown
            return v
        }
    }

    private static func comparable(_ v: JSONValue, _ compare: Check.Comparison) -> String? {
        switch compare {
        case .exact: return v.isNull ? nil : v.scalarText
        case .fold: return v.scalarText.map(Fold.key)
        case .year:
            if case let .int(y) = v { return String(y) }
            return DateSpan(v)?.year.map(String.init)
        }
    }

    /// A blank left in a draft: a DocNumber without its serial, or an EDTF date
    /// with `XX` in that part (a recurrence "XXXX-12-15" is not a blank).
    private static func isBlank(_ v: JSONValue, _ part: Check.BlankPart) -> Bool {
        if case .object = v {
            if let serial = v["serial"] {
                return (part == .serial || part == .any) && serial.isAbsent
            }
            if let r = v["recurrence"], !r.isNull { return false }
            guard let edtf = v["value"]?.stringValue else { return false }
            return edtfBlank(edtf, part)
        }
        if let s = v.stringValue { return edtfBlank(s, part) }
        return false
    }

    private static func edtfBlank(_ edtf: String, _ part: Check.BlankPart) -> Bool {
        for side in edtf.split(separator: "/") {
            let c = side.split(separator: "-").map { $0.contains("X") }
            switch part {
            case .any: if c.contains(true) { return true }
            case .year: if c.count > 0 && c[0] { return true }
            case .month: if c.count > 1 && c[1] { return true }
            case .day: if c.count > 2 && c[2] { return true }
            case .serial: break
            }
        }
        return false
    }

    // MARK: - Messages

    private static func diagnostic(_ rule: Rule, _ v: Violation, record: JSONValue) -> Diagnostic {
        var evidence: String?
        if let p = rule.evidencePath {
            evidence = p.resolve(in: record, bindings: v.bindings, from: v.path).first.flatMap { $0.value.isAbsent ? nil : $0.value.display }
        } else {
            switch v.value {
            case .object: evidence = v.value["text"]?.stringValue
            case .string, .int, .double: evidence = v.value.scalarText
            default: evidence = nil
            }
        }
        let path = v.path.joined(separator: ".")
        let message = interpolate(rule.message, value: v.value, other: v.other, expected: v.expected, path: v.path,
                                  evidence: evidence, bindings: v.bindings, record: record)
        return Diagnostic(rule: rule.id, severity: rule.severity, path: path, message: message, evidence: evidence)
    }

    private static func bindings(of parts: [String]) -> [String: Int] {
        var out: [String: Int] = [:]
        var abstract: [String] = []
        for p in parts {
            if let i = Int(p) { out[abstract.joined(separator: ".")] = i } else { abstract.append(p) }
        }
        return out
    }

    static func interpolate(_ template: String, value: JSONValue, other: JSONValue?, expected: [String]?, path: [String],
                            evidence: String?,
                            bindings: [String: Int], record: JSONValue) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            switch name {
            case "value": out += value.display
            case "other": out += other?.display ?? "(none)"
            case "expected": out += expected.map { $0.isEmpty ? "(nothing)" : $0.joined(separator: " or ") } ?? "(none)"
            case "path": out += path.joined(separator: ".")
            case "evidence": out += evidence ?? "(none)"
            default:
                if let p = RecordPath(name) {
                    out += p.resolve(in: record, bindings: bindings, from: path).first?.value.display ?? "(none)"
                } else {
                    out += rest[open...close]
                }
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
