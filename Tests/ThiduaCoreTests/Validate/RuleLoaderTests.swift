import Foundation
import Testing
@testable import ThiduaCore

@Suite struct RuleLoaderTests {
    static let good = """
        id: x
        severity: warning
        message: "m {value}"
        paths: [document.title]
        check: { kind: required }
        """

    /// The loading error for one house rule file named x.yaml.
    func loadError(_ yaml: String, name: String = "x.yaml") throws -> String {
        let dir = try houseRules([name: yaml])
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try Validator(rulesDirectory: checkoutRules, extra: [dir])
        } catch let e as ThiduaError {
            #expect(e.code == .rules)
            return e.message.replacingOccurrences(of: dir.path + "/", with: "")
        }
        Issue.record("loaded without an error")
        return ""
    }

    @Test func unknownCheckKindNamesFileKeyPathAndTheKinds() throws {
        let msg = try loadError(Self.good.replacingOccurrences(of: "kind: required", with: "kind: foo"))
        #expect(msg == "x.yaml: check.kind: unknown kind 'foo' (expected one of required, pattern, one-of, not-one-of, date-order, date-within, equals-across-fields, count-range, threshold, blank-part, lookup, finding)")
    }

    @Test(arguments: [
        ("severity: warning", "severity: fatal", "x.yaml: severity: unknown severity 'fatal' (expected one of error, warning, info)"),
        ("severity: warning\n", "", "x.yaml: severity: missing"),
        ("paths: [document.title]", "paths: [document..title]", "x.yaml: paths[0]: 'document..title' is not a record path (dotted names such as references.date.start)"),
        ("paths: [document.title]\n", "", "x.yaml: paths: missing (the record path or paths the check applies to)"),
        ("id: x", "id: X_1", "x.yaml: id: 'X_1' is not kebab-case (lowercase letters, digits and single hyphens)"),
        ("id: x", "id: y", "x.yaml: id: 'y' must match the file name 'x.yaml'"),
        ("message: \"m {value}\"", "message: \"m {valu e}\"", "x.yaml: message: unknown placeholder '{valu e}' (expected {value}, {other}, {expected}, {path}, {evidence} or a record path)"),
        ("check: { kind: required }", "check: { kind: required, min: 1 }", "x.yaml: check.min: unknown key (expected one of kind)"),
        ("check: { kind: required }", "check: { kind: pattern, regex: '([' }", "x.yaml: check.regex: not a valid regular expression: (["),
        ("check: { kind: required }", "check: { kind: count-range, min: 3, max: 1 }", "x.yaml: check: min 3 is greater than max 1"),
        ("check: { kind: required }", "check: { kind: threshold, below: seventy }", "x.yaml: check.below: expected a number"),
        ("check: { kind: required }", "check: { kind: one-of, lexicon: colours }", "x.yaml: check.lexicon: unknown list 'colours' (expected one of kind-codes, kind-names, provinces, titles, awards, signing-prefixes)"),
        ("check: { kind: required }", "check: { kind: date-order }", "x.yaml: check: needs exactly one of 'not-after' or 'not-before' (a record path)"),
        ("check: { kind: required }", "check: { kind: date-within, from: 2023-02-30 }", "x.yaml: check.from: expected an ISO date (YYYY-MM-DD, YYYY-MM or YYYY), got '2023-02-30'"),
        ("check: { kind: required }", "check: { kind: blank-part, part: hour }", "x.yaml: check.part: unknown value 'hour' (expected one of day, month, year, serial, any)"),
        ("check: { kind: required }", "check: { kind: lookup, other: document.kind.name }", "x.yaml: check: needs exactly one of 'table' (a mapping) or 'lexicon' (kind-names)"),
        ("check: { kind: required }", "check: { kind: required }\nwhen: { path: document.kind.code }", "x.yaml: when.check: missing"),
        ("check: { kind: required }", "check: { kind: required }\nunless: [ { path: document.kind.code, check: { kind: finding } } ]", "x.yaml: unless[0].check.kind: 'finding' cannot be a condition"),
        ("check: { kind: required }", "check: { kind: required }\nsevrity: error", "x.yaml: sevrity: unknown key (expected one of id, severity, message, description, paths, check, when, unless, evidence, enabled, examples)"),
        ("check: { kind: required }", "check: { kind: required }\nexamples: { trigger: [ 3 ] }", "x.yaml: examples.trigger[0]: expected a mapping (a record fragment)"),
        ("check: { kind: required }", "check: { kind: required }\nexamples: { fails: [] }", "x.yaml: examples.fails: unknown key (expected one of trigger, pass)"),
    ])
    func malformedRuleNamesFileAndKeyPath(_ c: (String, String, String)) throws {
        let yaml = Self.good.replacingOccurrences(of: c.0, with: c.1)
        #expect(yaml != Self.good)
        #expect(try loadError(yaml) == c.2)
    }

    @Test func yamlSyntaxErrorGivesTheLine() throws {
        let msg = try loadError("id: x\nseverity: [warning\nmessage: m\n")
        #expect(msg.hasPrefix("x.yaml: YAML syntax error at line "))
        #expect(!msg.contains("\n"))
    }

    @Test func notAMapping() throws {
        #expect(try loadError("- id: x\n") == "x.yaml: expected a mapping of rule keys (id, severity, message, paths, check, examples)")
    }

    @Test func houseRuleWhoseExampleFailsIsRejectedAtLoad() throws {
        let yaml = Self.good + "\nexamples:\n  trigger:\n    - document: { title: Kế hoạch thi đua }\n"
        #expect(try loadError(yaml) == "x.yaml: examples.trigger[0]: does not trigger")
        let passing = Self.good + "\nexamples:\n  pass:\n    - document: { title: null }\n"
        #expect(try loadError(passing).hasPrefix("x.yaml: examples.pass[0]: triggers at document.title: m (none)"))
    }

    @Test func sameIDTwiceInHouseRulesIsAnError() throws {
        let dir = try houseRules(["x.yaml": Self.good])
        let checks = dir.appendingPathComponent("checks")
        try FileManager.default.createDirectory(at: checks, withIntermediateDirectories: true)
        try Self.good.write(to: checks.appendingPathComponent("x.yaml"), atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ThiduaError.self) { try Validator(rulesDirectory: checkoutRules, extra: [dir]) }
    }

    @Test func missingRulesFolderIsARulesError() {
        do {
            _ = try Validator(rulesDirectory: checkoutRules, extra: [URL(fileURLWithPath: "/nonexistent/house")])
            Issue.record("loaded")
        } catch let e as ThiduaError {
            #expect(e.code == .rules)
            #expect(e.message == "/nonexistent/house: no such rules folder")
        } catch { Issue.record("\(error)") }
    }

    @Test func scalarsKeepTheirTextWhereYAML11WouldRetypeThem() throws {
        let v = try YAMLValue.parse("a: 08\nb: no\nc: 2023-05-30\nd: 12\ne: 62.5\nf: ~\ng: '12'\nh: true\n")
        #expect(v == .object([("a", .string("08")), ("b", .string("no")), ("c", .string("2023-05-30")), ("d", .int(12)),
                             ("e", .double(62.5)), ("f", .null), ("g", .string("12")), ("h", .bool(true))]))
    }
}
