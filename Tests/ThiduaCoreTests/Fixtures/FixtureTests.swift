import Foundation
import Testing
@testable import ThiduaCore

/// Every `fixtures/**/*.expect.json` case is extracted and scored like
/// ../shared/tools/score.py does; every record validates against the schema.
@Suite struct FixtureTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let expectFile: URL
        var testDescription: String { expectFile.path.replacingOccurrences(of: TestSupport.fixtures.path + "/", with: "") }
    }

    static let cases: [Case] = TestSupport.files(under: TestSupport.fixtures, suffix: ".expect.json").map(Case.init)

    /// The score a case must reach: quirk fixtures are exact; renderings of the seeds
    /// as the issues require (scans lower, as OCR is).
    static func required(_ c: Case) -> Double {
        let p = c.expectFile.path
        if p.contains("/seeds/") { return p.contains("scan") ? 0.85 : 0.95 }
        // Real plans from ../shared/campaign (first-look scores in fixtures/README.md): their mean
        // is held at 0.95 by `campaignMean`; a single plan may miss one unit.
        if p.contains("/campaign/") { return 0.93 }
        return 1.0
    }

    static let schema = try! SchemaValidator.recordSchema(rulesDirectory: TestSupport.rules)

    static func score(_ c: Case) throws -> (Double, [String], JSONValue) {
        let spec = try JSONValue.parse(String(contentsOf: c.expectFile, encoding: .utf8))
        let input = c.expectFile.deletingLastPathComponent().appendingPathComponent(spec["input"]!.stringValue!)
        let record = try TestSupport.pipeline.extract(path: input.path).json
        guard case let .object(units)? = spec["expect"] else { return (0, ["no expect"], record) }
        var total = 0.0
        var misses: [String] = []
        for (path, exp) in units {
            let (s, why) = ExpectationScorer.score(path: path, expected: exp, record: record)
            total += s
            if s < 1 { misses.append("\(path): \(String(format: "%.2f", s)) (\(why.prefix(160)))") }
        }
        return (total / Double(max(units.count, 1)), misses, record)
    }

    /// The plans made fixtures from ../shared/campaign score 0.95 on average (issue: campaign records).
    @Test func campaignMean() throws {
        let campaign = Self.cases.filter { $0.expectFile.path.contains("/campaign/") }
        #expect(campaign.count >= 10)
        let mean = try campaign.map { try Self.score($0).0 }.reduce(0, +) / Double(max(campaign.count, 1))
        #expect(mean >= 0.95, "campaign fixtures mean \(mean)")
    }

    @Test(arguments: cases)
    func fixtureScores(_ c: Case) throws {
        let (score, misses, record) = try Self.score(c)
        #expect(Self.schema.validate(record) == [], "schema")
        let detail = "score \(String(format: "%.3f", score)) < \(Self.required(c))\n" + misses.joined(separator: "\n")
        #expect(score >= Self.required(c), Comment(rawValue: detail))
    }
}
