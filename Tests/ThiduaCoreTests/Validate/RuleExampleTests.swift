import Foundation
import Testing
@testable import ThiduaCore

/// The checkout's rules/ folder (Tests/ThiduaCoreTests/Validate/ → root).
let checkoutRules = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("rules")

/// One example of one built-in rule: the test's name says which.
struct RuleExampleCase: Sendable, CustomTestStringConvertible {
    enum Expectation: String, Sendable { case trigger, pass }
    let rule: String
    let expectation: Expectation
    let index: Int
    var testDescription: String { "\(rule) \(expectation.rawValue)[\(index)]" }

    static let all: [RuleExampleCase] = {
        guard let v = try? Validator(rulesDirectory: checkoutRules) else { return [] }
        return v.rules.flatMap { rule in
            rule.examples.trigger.indices.map { RuleExampleCase(rule: rule.id, expectation: .trigger, index: $0) }
                + rule.examples.pass.indices.map { RuleExampleCase(rule: rule.id, expectation: .pass, index: $0) }
        }
    }()
}

@Suite struct RuleExampleTests {
    static let validator = Result { try Validator(rulesDirectory: checkoutRules) }

    @Test func builtInRulesLoadAndEachHasBothKindsOfExample() throws {
        let v = try Self.validator.get()
        #expect(v.rules.count >= 19)
        for rule in v.rules {
            #expect(!rule.examples.trigger.isEmpty, "\(rule.id) has no triggering example")
            #expect(!rule.examples.pass.isEmpty, "\(rule.id) has no passing example")
        }
        #expect(RuleExampleCase.all.count >= 2 * v.rules.count)
    }

    @Test(arguments: RuleExampleCase.all)
    func example(_ c: RuleExampleCase) throws {
        let v = try Self.validator.get()
        let rule = try #require(v.rule(id: c.rule))
        switch c.expectation {
        case .trigger:
            let ex = rule.examples.trigger[c.index]
            let found = v.diagnostics(of: rule, example: ex)
            #expect(!found.isEmpty, "does not trigger")
            if let paths = ex.paths { #expect(Set(found.compactMap(\.path)) == Set(paths)) }
            for d in found {
                #expect(d.rule == rule.id && d.severity == rule.severity)
                // Every placeholder was filled in.
                #expect(!d.message.contains("{"), "\(d.message)")
            }
        case .pass:
            let found = v.diagnostics(of: rule, example: rule.examples.pass[c.index])
            #expect(found.isEmpty, "triggers: \(found.map(\.message))")
        }
    }
}
