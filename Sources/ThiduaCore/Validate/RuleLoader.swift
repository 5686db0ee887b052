import Foundation

/// Reads one rule file. Every mistake names the file and the key path
/// (`rules/checks/x.yaml: check.kind: unknown kind 'foo' (expected one of …)`).
struct RuleLoader {
    let file: String
    /// The lexicon, loaded only if a rule names one of its lists.
    let lexicon: () throws -> Lexicon

    static let idSyntax = try! NSRegularExpression(pattern: "^[a-z0-9]+(-[a-z0-9]+)*$")
    static let placeholder = try! NSRegularExpression(pattern: "\\{([^{}]*)\\}")
    static let topKeys = ["id", "severity", "message", "description", "paths", "check", "when", "unless", "evidence",
                          "enabled", "examples"]

    func fail(_ key: String, _ message: String) -> ThiduaError {
        ThiduaError(.rules, key.isEmpty ? "\(file): \(message)" : "\(file): \(key): \(message)")
    }

    func load(text: String) throws -> Rule {
        let root: JSONValue
        do { root = try YAMLValue.parse(text) } catch let e as YAMLValue.YAMLSyntaxError { throw fail("", e.message) }
        guard case let .object(pairs) = root else { throw fail("", "expected a mapping of rule keys (id, severity, message, paths, check, examples)") }
        try onlyKeys(pairs, RuleLoader.topKeys, at: "")

        let id = try string(root, "id", at: "")
        guard RuleLoader.idSyntax.firstMatch(in: id, range: NSRange(id.startIndex..., in: id)) != nil else {
            throw fail("id", "'\(id)' is not kebab-case (lowercase letters, digits and single hyphens)")
        }
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        guard stem == id else { throw fail("id", "'\(id)' must match the file name '\(stem).yaml'") }

        var enabled = true
        if let e = root["enabled"] {
            guard case let .bool(b) = e else { throw fail("enabled", "expected true or false") }
            enabled = b
        }
        if !enabled {
            // A house rule switching a built-in one off needs nothing else.
            return Rule(id: id, severity: .info, message: "", description: nil, paths: [], check: .finding, when: [],
                        unless: [], evidencePath: nil, enabled: false, examples: .init(), file: file)
        }

        let severityText = try string(root, "severity", at: "")
        guard let severity = Severity(rawValue: severityText) else {
            throw fail("severity", "unknown severity '\(severityText)' (expected one of error, warning, info)")
        }
        let message = try string(root, "message", at: "")
        try checkPlaceholders(message, at: "message")
        let description = try optionalString(root, "description", at: "")

        guard let checkValue = root["check"] else { throw fail("check", "missing (a mapping with a 'kind')") }
        let check = try parseCheck(checkValue, at: "check")

        var paths: [RecordPath] = []
        if let p = root["paths"] {
            paths = try pathList(p, at: "paths")
        }
        if check.kind == .finding {
            // Documentation only: the extractor gives the path of each finding.
        } else if paths.isEmpty {
            throw fail("paths", "missing (the record path or paths the check applies to)")
        }

        let when = try conditions(root["when"], at: "when")
        let unless = try conditions(root["unless"], at: "unless")
        let evidence = try root["evidence"].map { try path($0, at: "evidence") }
        let examples = try parseExamples(root["examples"], isFinding: check.kind == .finding, id: id)

        return Rule(id: id, severity: severity, message: message, description: description, paths: paths,
                    check: check, when: when, unless: unless, evidencePath: evidence, enabled: true,
                    examples: examples, file: file)
    }

    // MARK: - Checks

    func parseCheck(_ value: JSONValue, at key: String) throws -> Check {
        guard case let .object(pairs) = value else { throw fail(key, "expected a mapping with a 'kind'") }
        let kindText = try string(value, "kind", at: key)
        guard let kind = Check.Kind(rawValue: kindText) else {
            throw fail(key + ".kind", "unknown kind '\(kindText)' (expected one of \(Check.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        func allow(_ keys: [String]) throws { try onlyKeys(pairs, ["kind"] + keys, at: key) }

        switch kind {
        case .required:
            try allow([])
            return .required
        case .finding:
            try allow([])
            return .finding
        case .pattern:
            try allow(["regex", "expect", "ignore-case"])
            let source = try string(value, "regex", at: key)
            let ignoreCase = try bool(value, "ignore-case", at: key) ?? false
            let regex: NSRegularExpression
            do { regex = try NSRegularExpression(pattern: source, options: ignoreCase ? [.caseInsensitive] : []) } catch {
                throw fail(key + ".regex", "not a valid regular expression: \(source)")
            }
            let expect = try choice(value, "expect", ["match", "no-match"], at: key) ?? "match"
            return .pattern(Pattern(source: source, regex: regex), expectMatch: expect == "match")
        case .oneOf, .notOneOf:
            try allow(["values", "lexicon", "ignore-case"])
            let ignoreCase = try bool(value, "ignore-case", at: key) ?? false
            let set = try valueSet(value, at: key, ignoreCase: ignoreCase)
            return kind == .oneOf ? .oneOf(set) : .notOneOf(set)
        case .dateOrder:
            try allow(["not-after", "not-before", "strict"])
            let strict = try bool(value, "strict", at: key) ?? false
            switch (value["not-after"], value["not-before"]) {
            case let (a?, nil): return .dateOrder(.notAfter, other: try path(a, at: key + ".not-after"), strict: strict)
            case let (nil, b?): return .dateOrder(.notBefore, other: try path(b, at: key + ".not-before"), strict: strict)
            default: throw fail(key, "needs exactly one of 'not-after' or 'not-before' (a record path)")
            }
        case .dateWithin:
            try allow(["period", "from", "to", "margin-days"])
            let period = try value["period"].map { try path($0, at: key + ".period") }
            let from = try value["from"].map { try isoDay($0, at: key + ".from").start }
            let to = try value["to"].map { try isoDay($0, at: key + ".to").end }
            guard period != nil || from != nil || to != nil else {
                throw fail(key, "needs 'period' (a record path) or 'from'/'to' (ISO dates)")
            }
            let margin = try int(value, "margin-days", at: key) ?? 0
            guard margin >= 0 else { throw fail(key + ".margin-days", "must not be negative") }
            return .dateWithin(period: period, from: from, to: to, marginDays: margin)
        case .equalsAcrossFields:
            try allow(["other", "compare"])
            guard let o = value["other"] else { throw fail(key + ".other", "missing (the record path to compare with)") }
            let compare = try choice(value, "compare", Check.Comparison.allCases.map(\.rawValue), at: key) ?? "exact"
            return .equalsAcrossFields(other: try path(o, at: key + ".other"), compare: Check.Comparison(rawValue: compare)!)
        case .countRange:
            try allow(["min", "max"])
            let min = try int(value, "min", at: key), max = try int(value, "max", at: key)
            guard min != nil || max != nil else { throw fail(key, "needs 'min' or 'max'") }
            if let min, let max, min > max { throw fail(key, "min \(min) is greater than max \(max)") }
            return .countRange(min: min, max: max)
        case .threshold:
            try allow(["below", "above"])
            let below = try number(value, "below", at: key), above = try number(value, "above", at: key)
            guard below != nil || above != nil else { throw fail(key, "needs 'below' or 'above' (triggers when the value is below / above it)") }
            return .threshold(below: below, above: above)
        case .blankPart:
            try allow(["part"])
            let part = try choice(value, "part", Check.BlankPart.allCases.map(\.rawValue), at: key) ?? "any"
            return .blankPart(Check.BlankPart(rawValue: part)!)
        case .lookup:
            try allow(["other", "table", "lexicon", "match", "unknown"])
            guard let o = value["other"] else { throw fail(key + ".other", "missing (the record path the table relates the value to)") }
            let table = try lookupTable(value, at: key)
            let match = try choice(value, "match", Check.Match.allCases.map(\.rawValue), at: key) ?? "any"
            let unknown = try choice(value, "unknown", ["skip", "trigger"], at: key) ?? "skip"
            return .lookup(other: try path(o, at: key + ".other"), table: table, match: Check.Match(rawValue: match)!,
                           unknownTriggers: unknown == "trigger")
        }
    }

    static let lexiconSets = ["kind-codes", "kind-names", "provinces", "titles", "awards", "signing-prefixes"]

    private func valueSet(_ value: JSONValue, at key: String, ignoreCase: Bool) throws -> Check.ValueSet {
        let norm: (String) -> String = { ignoreCase ? Fold.key($0) : $0 }
        switch (value["values"], value["lexicon"]) {
        case let (v?, nil):
            guard case let .array(items) = v, !items.isEmpty else { throw fail(key + ".values", "expected a non-empty list") }
            return .init(values: Set(try items.enumerated().map { i, item in
                guard let s = item.scalarText else { throw fail("\(key).values[\(i)]", "expected a string or number") }
                return norm(s)
            }), ignoreCase: ignoreCase)
        case let (nil, l?):
            guard let name = l.stringValue, RuleLoader.lexiconSets.contains(name) else {
                throw fail(key + ".lexicon", "unknown list '\(l.display)' (expected one of \(RuleLoader.lexiconSets.joined(separator: ", ")))")
            }
            let lex = try lexicon()
            let list: [String]
            switch name {
            case "kind-codes": list = Array(lex.kindCodes)
            case "kind-names": list = lex.kinds.flatMap(\.names)
            case "provinces": list = lex.provinces
            case "titles": list = lex.titles
            case "awards": list = lex.awards
            default: list = lex.signingPrefixes.map(\.code)
            }
            return .init(values: Set(list.map(norm)), ignoreCase: ignoreCase)
        default:
            throw fail(key, "needs exactly one of 'values' (a list) or 'lexicon' (\(RuleLoader.lexiconSets.joined(separator: ", ")))")
        }
    }

    private func lookupTable(_ value: JSONValue, at key: String) throws -> [String: Check.LookupRow] {
        switch (value["table"], value["lexicon"]) {
        case let (t?, nil):
            guard case let .object(rows) = t, !rows.isEmpty else {
                throw fail(key + ".table", "expected a mapping from a value to the list of values it goes with")
            }
            var table: [String: Check.LookupRow] = [:]
            for (k, v) in rows {
                let allowed: [JSONValue]
                switch v {
                case let .array(items): allowed = items
                case .string, .int: allowed = [v]
                default: throw fail("\(key).table.\(k)", "expected a list of values")
                }
                table[k] = Check.LookupRow(try allowed.enumerated().map { i, item in
                    guard let s = item.scalarText else { throw fail("\(key).table.\(k)[\(i)]", "expected a string") }
                    return s
                })
            }
            return table
        case let (nil, l?):
            guard l.stringValue == "kind-names" else {
                throw fail(key + ".lexicon", "unknown table '\(l.display)' (expected kind-names: kind code → kind names)")
            }
            var names: [String: [String]] = [:]
            for kind in try lexicon().kinds {
                guard let code = kind.code else { continue }
                names[code, default: []] += kind.names
            }
            return names.mapValues(Check.LookupRow.init)
        default:
            throw fail(key, "needs exactly one of 'table' (a mapping) or 'lexicon' (kind-names)")
        }
    }

    private func conditions(_ value: JSONValue?, at key: String) throws -> [Condition] {
        guard let value else { return [] }
        let items: [(String, JSONValue)]
        switch value {
        case .object: items = [(key, value)]
        case let .array(list): items = list.enumerated().map { ("\(key)[\($0.offset)]", $0.element) }
        default: throw fail(key, "expected a mapping with 'path' and 'check' (or a list of them)")
        }
        return try items.map { k, item in
            guard case let .object(pairs) = item else { throw fail(k, "expected a mapping with 'path' and 'check'") }
            try onlyKeys(pairs, ["path", "check"], at: k)
            guard let p = item["path"] else { throw fail(k + ".path", "missing") }
            guard let c = item["check"] else { throw fail(k + ".check", "missing") }
            let check = try parseCheck(c, at: k + ".check")
            guard check.kind != .finding else { throw fail(k + ".check.kind", "'finding' cannot be a condition") }
            return Condition(path: try path(p, at: k + ".path"), check: check)
        }
    }

    // MARK: - Examples

    private func parseExamples(_ value: JSONValue?, isFinding: Bool, id: String) throws -> RuleExamples {
        guard let value else { return .init() }
        guard case let .object(pairs) = value else { throw fail("examples", "expected a mapping with 'trigger' and 'pass' lists") }
        try onlyKeys(pairs, ["trigger", "pass"], at: "examples")
        func list(_ name: String) throws -> [RuleExample] {
            guard let v = value[name] else { return [] }
            guard case let .array(items) = v else { throw fail("examples.\(name)", "expected a list of record fragments") }
            return try items.enumerated().map { i, item in
                try example(item, at: "examples.\(name)[\(i)]", isFinding: isFinding, id: id)
            }
        }
        return RuleExamples(trigger: try list("trigger"), pass: try list("pass"))
    }

    private static let wrapperKeys: Set<String> = ["record", "findings", "paths"]
    private static let findingKeys: Set<String> = ["rule", "path", "evidence"]

    private func example(_ item: JSONValue, at key: String, isFinding: Bool, id: String) throws -> RuleExample {
        guard case let .object(pairs) = item else { throw fail(key, "expected a mapping (a record fragment)") }
        let keys = Set(pairs.map(\.0))
        if !keys.isEmpty, keys.isSubset(of: RuleLoader.wrapperKeys) {
            let fragment = item["record"] ?? .object([])
            guard case .object = fragment else { throw fail(key + ".record", "expected a mapping (a record fragment)") }
            var findings: [Finding] = []
            if let f = item["findings"] {
                guard case let .array(list) = f else { throw fail(key + ".findings", "expected a list of findings") }
                findings = try list.enumerated().map { try finding($0.element, at: "\(key).findings[\($0.offset)]", id: id) }
            }
            var paths: [String]?
            if let p = item["paths"] {
                guard case let .array(list) = p else { throw fail(key + ".paths", "expected a list of record paths") }
                paths = try list.enumerated().map { i, v in
                    guard let s = v.stringValue else { throw fail("\(key).paths[\(i)]", "expected a string") }
                    return s
                }
            }
            return RuleExample(fragment: fragment, findings: findings, paths: paths)
        }
        if isFinding, keys.isSubset(of: RuleLoader.findingKeys), keys.contains("path") {
            return RuleExample(fragment: .object([]), findings: [try finding(item, at: key, id: id)], paths: nil)
        }
        return RuleExample(fragment: item, findings: [], paths: nil)
    }

    private func finding(_ item: JSONValue, at key: String, id: String) throws -> Finding {
        guard case let .object(pairs) = item else { throw fail(key, "expected a mapping with 'path' (and 'rule', 'evidence')") }
        try onlyKeys(pairs, Array(RuleLoader.findingKeys), at: key)
        let rule = try optionalString(item, "rule", at: key) ?? id
        let p = try string(item, "path", at: key)
        return Finding(rule: rule, path: p, evidence: try optionalString(item, "evidence", at: key))
    }

    // MARK: - Typed readers

    private func onlyKeys(_ pairs: [(String, JSONValue)], _ allowed: [String], at key: String) throws {
        for (k, _) in pairs where !allowed.contains(k) {
            let at = key.isEmpty ? k : key + "." + k
            throw fail(at, "unknown key (expected one of \(allowed.joined(separator: ", ")))")
        }
    }

    private func join(_ key: String, _ name: String) -> String { key.isEmpty ? name : key + "." + name }

    private func string(_ obj: JSONValue, _ name: String, at key: String) throws -> String {
        guard let v = obj[name], !v.isNull else { throw fail(join(key, name), "missing") }
        guard let s = v.stringValue, !s.isEmpty else { throw fail(join(key, name), "expected a string") }
        return s
    }

    private func optionalString(_ obj: JSONValue, _ name: String, at key: String) throws -> String? {
        guard let v = obj[name], !v.isNull else { return nil }
        guard let s = v.stringValue else { throw fail(join(key, name), "expected a string") }
        return s
    }

    private func bool(_ obj: JSONValue, _ name: String, at key: String) throws -> Bool? {
        guard let v = obj[name] else { return nil }
        guard case let .bool(b) = v else { throw fail(join(key, name), "expected true or false") }
        return b
    }

    private func int(_ obj: JSONValue, _ name: String, at key: String) throws -> Int? {
        guard let v = obj[name] else { return nil }
        guard case let .int(i) = v else { throw fail(join(key, name), "expected a whole number") }
        return i
    }

    private func number(_ obj: JSONValue, _ name: String, at key: String) throws -> Double? {
        guard let v = obj[name] else { return nil }
        switch v {
        case let .int(i): return Double(i)
        case let .double(d): return d
        default: throw fail(join(key, name), "expected a number")
        }
    }

    private func choice(_ obj: JSONValue, _ name: String, _ options: [String], at key: String) throws -> String? {
        guard let v = obj[name] else { return nil }
        guard let s = v.stringValue, options.contains(s) else {
            throw fail(join(key, name), "unknown value '\(v.display)' (expected one of \(options.joined(separator: ", ")))")
        }
        return s
    }

    private func path(_ v: JSONValue, at key: String) throws -> RecordPath {
        guard let s = v.stringValue else { throw fail(key, "expected a record path (a string such as document.date)") }
        guard let p = RecordPath(s) else { throw fail(key, "'\(s)' is not a record path (dotted names such as references.date.start)") }
        return p
    }

    private func pathList(_ v: JSONValue, at key: String) throws -> [RecordPath] {
        switch v {
        case .string: return [try path(v, at: key)]
        case let .array(items):
            guard !items.isEmpty else { throw fail(key, "expected at least one record path") }
            return try items.enumerated().map { try path($0.element, at: "\(key)[\($0.offset)]") }
        default: throw fail(key, "expected a record path or a list of them")
        }
    }

    private func isoDay(_ v: JSONValue, at key: String) throws -> DateSpan {
        guard let s = v.scalarText, let span = DateSpan(iso: s) else {
            throw fail(key, "expected an ISO date (YYYY-MM-DD, YYYY-MM or YYYY), got '\(v.display)'")
        }
        return span
    }

    private func checkPlaceholders(_ message: String, at key: String) throws {
        let ns = message as NSString
        for m in RuleLoader.placeholder.matches(in: message, range: NSRange(location: 0, length: ns.length)) {
            let name = ns.substring(with: m.range(at: 1))
            if ["value", "other", "expected", "path", "evidence"].contains(name) || RecordPath(name) != nil { continue }
            throw fail(key, "unknown placeholder '{\(name)}' (expected {value}, {other}, {expected}, {path}, {evidence} or a record path)")
        }
    }
}
