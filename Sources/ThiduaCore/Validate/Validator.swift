import Foundation

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

/// Runs the validation rules of `rules/checks/*.yaml` over a record's JSON, so
/// it validates records from `thidua extract`, from the store, or YAML fragments
/// alike. Rules from `extra` folders (a province's house rules) are added, and
/// replace built-in rules with the same id.
public struct Validator: Sendable {
    /// The rules in force, built-in ones first (sorted by id), then house rules;
    /// switched-off rules are left out.
    public let rules: [Rule]
    private let byID: [String: Int]
    /// Ids switched off by a house rule (`enabled: false`): their findings are dropped.
    private let disabled: Set<String>

    /// `lexicon`, where the caller has it loaded already (the pipeline does), saves reading it twice.
    public init(rulesDirectory: URL, extra: [URL] = [], lexicon: Lexicon? = nil) throws {
        let lexiconBox = LazyLexicon(rulesDirectory: rulesDirectory, cached: lexicon)
        let builtInDir = rulesDirectory.appendingPathComponent("checks")
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: builtInDir.path, isDirectory: &isDir), isDir.boolValue else {
            throw ThiduaError(.rules, "\(builtInDir.path): no checks folder (the built-in validation rules)")
        }
        let builtIn = try Validator.loadFolder(builtInDir, lexicon: lexiconBox.get)
        var house: [Rule] = []
        for url in extra { house += try Validator.loadHouse(url, lexicon: lexiconBox.get) }

        var ordered = builtIn
        var index = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1.id, $0) })
        var seenHouse: [String: String] = [:]
        for rule in house {
            if let other = seenHouse[rule.id] {
                throw ThiduaError(.rules, "\(rule.file): id: '\(rule.id)' is also defined in \(other)")
            }
            seenHouse[rule.id] = rule.file
            if let i = index[rule.id] { ordered[i] = rule } else { index[rule.id] = ordered.count; ordered.append(rule) }
        }
        self.disabled = Set(ordered.filter { !$0.enabled }.map(\.id))
        self.rules = ordered.filter(\.enabled)
        self.byID = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })

        // A house rule's examples are checked when it is loaded: a province sees
        // at once that its rule does not do what its examples say.
        for rule in house where rule.enabled {
            if let problem = exampleProblems(rule).first { throw ThiduaError(.rules, "\(rule.file): \(problem)") }
        }
    }

    public func rule(id: String) -> Rule? { byID[id].map { rules[$0] } }

    public func validate(_ record: JSONValue, findings: [Finding] = []) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var seen = Set<String>()
        func add(_ d: Diagnostic) {
            if seen.insert(d.rule + "\u{1F}" + (d.path ?? "")).inserted { out.append(d) }
        }
        for rule in rules where rule.check.kind != .finding {
            for d in Engine.run(rule, on: record) { add(d) }
        }
        for finding in findings where !disabled.contains(finding.rule) {
            if let rule = rule(id: finding.rule) {
                // A data check may already have seen it (a Party number written
                // state-style is visible in the record too): say it once.
                if rule.check.kind != .finding,
                   out.contains(where: { $0.rule == rule.id && ($0.path ?? "").hasPrefix(finding.path) }) { continue }
                add(Engine.diagnostic(for: finding, rule: rule, record: record))
            } else {
                // Never drop what the extractor saw, even if no rule file describes it.
                add(Diagnostic(rule: finding.rule, severity: .warning, path: finding.path,
                               message: "\(finding.rule) (no rule file describes this finding)", evidence: finding.evidence))
            }
        }
        return out
    }

    /// The diagnostics a record already validated (from the store, or `thidua extract`)
    /// gets under the rules in force now: data checks run again; what only the
    /// extractor could see (`finding` rules) is taken from its `diagnostics` and
    /// given the current rule's severity and message; diagnostics of no known rule
    /// (the decoders') are kept as they are.
    public func revalidate(_ record: JSONValue) -> [Diagnostic] {
        var findings: [Finding] = []
        var kept: [Diagnostic] = []
        for d in record["diagnostics"]?.arrayValue ?? [] {
            guard let id = d["rule"]?.stringValue else { continue }
            let path = d["path"]?.stringValue ?? ""
            if disabled.contains(id) { continue }
            if let rule = rule(id: id) {
                if rule.check.kind == .finding { findings.append(Finding(rule: id, path: path, evidence: d["evidence"]?.stringValue)) }
            } else if let severity = d["severity"]?.stringValue.flatMap(Severity.init(rawValue:)) {
                kept.append(Diagnostic(rule: id, severity: severity, path: d["path"]?.stringValue,
                                       message: d["message"]?.stringValue ?? id, evidence: d["evidence"]?.stringValue))
            }
        }
        return kept + validate(record, findings: findings)
    }

    /// The diagnostics one rule gives for one of its examples (merged over an empty record).
    public func diagnostics(of rule: Rule, example: RuleExample) -> [Diagnostic] {
        let record = Validator.emptyRecord.merging(example.fragment)
        var out = rule.check.kind == .finding ? [] : Engine.run(rule, on: record)
        for f in example.findings where f.rule == rule.id {
            out.append(Engine.diagnostic(for: f, rule: rule, record: record))
        }
        return out
    }

    /// What is wrong with a rule's examples ("examples.trigger[0]: does not trigger"); empty when all hold.
    public func exampleProblems(_ rule: Rule) -> [String] {
        var problems: [String] = []
        for (i, ex) in rule.examples.trigger.enumerated() {
            let found = diagnostics(of: rule, example: ex)
            if found.isEmpty {
                problems.append("examples.trigger[\(i)]: does not trigger")
            } else if let paths = ex.paths, Set(found.compactMap(\.path)) != Set(paths) {
                problems.append("examples.trigger[\(i)]: triggers at \(found.compactMap(\.path).joined(separator: ", ")), expected \(paths.joined(separator: ", "))")
            }
        }
        for (i, ex) in rule.examples.pass.enumerated() {
            let found = diagnostics(of: rule, example: ex)
            if !found.isEmpty {
                problems.append("examples.pass[\(i)]: triggers at \(found.compactMap(\.path).joined(separator: ", ")): \(found[0].message)")
            }
        }
        return problems
    }

    /// The record an example fragment is merged over: what the pipeline gives for an empty text file.
    public static let emptyRecord: JSONValue = Record(source: Source(file: "example.txt", sha256: "", format: .text)).json

    // MARK: - Loading

    static func loadFolder(_ dir: URL, lexicon: @escaping () throws -> Lexicon) throws -> [Rule] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: dir.path) } catch {
            throw ThiduaError(.rules, "\(dir.relativePath): cannot list the folder")
        }
        var rules: [Rule] = []
        var seen: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let rule = try loadFile(dir.appendingPathComponent(name), lexicon: lexicon)
            if let other = seen[rule.id] { throw ThiduaError(.rules, "\(rule.file): id: '\(rule.id)' is also defined in \(other)") }
            seen[rule.id] = rule.file
            rules.append(rule)
        }
        return rules
    }

    /// A house-rules folder (its *.yaml, and checks/*.yaml if it has that folder) or one rule file.
    static func loadHouse(_ url: URL, lexicon: @escaping () throws -> Lexicon) throws -> [Rule] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw ThiduaError(.rules, "\(url.relativePath): no such rules folder")
        }
        guard isDir.boolValue else { return [try loadFile(url, lexicon: lexicon)] }
        var rules = try loadFolder(url, lexicon: lexicon)
        let checks = url.appendingPathComponent("checks")
        if FileManager.default.fileExists(atPath: checks.path, isDirectory: &isDir), isDir.boolValue {
            rules += try loadFolder(checks, lexicon: lexicon)
        }
        return rules
    }

    static func loadFile(_ url: URL, lexicon: @escaping () throws -> Lexicon) throws -> Rule {
        let file = url.relativePath
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ThiduaError(.rules, "\(file): cannot read the rule file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ThiduaError(.rules, "\(file): not UTF-8 text") }
        return try RuleLoader(file: file, lexicon: lexicon).load(text: text)
    }
}

/// Loads `rules/lexicon` once, and only if a rule names one of its lists.
private final class LazyLexicon {
    let rulesDirectory: URL
    var cached: Lexicon?
    init(rulesDirectory: URL, cached: Lexicon?) {
        self.rulesDirectory = rulesDirectory
        self.cached = cached
    }
    func get() throws -> Lexicon {
        if let cached { return cached }
        let lex = try Lexicon.load(from: rulesDirectory)
        cached = lex
        return lex
    }
}
