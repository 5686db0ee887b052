import Foundation
import Testing

/// `thidua validate --store` re-checks stored records under the rules in force.
@Suite struct ValidateStoreTests {
    @Test func storedRecordsAreCheckedUnderNewHouseRules() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let doc = CLI.root.appendingPathComponent("fixtures/text/plan-no-period.txt").path
        let draft = CLI.root.appendingPathComponent("fixtures/text/plan-draft-blank-number-day.txt").path
        let imported = try CLI.run(["import", doc, draft, "--store", store])
        #expect(imported.status == 0, "\(imported.stderr)")

        let plain = try CLI.run(["validate", "--store", store])
        #expect(plain.status == 0, "\(plain.stdout)\(plain.stderr)")
        #expect(plain.stdout.contains("[number-blank]"))
        #expect(plain.stdout.contains("[date-day-blank]"))
        #expect(!plain.stdout.contains("period-required"))
        #expect(plain.stdout.contains("2 files:"))

        let house = try CLI.run(["validate", "--store", store, "--rules", CLI.root.appendingPathComponent("fixtures/rules/house").path])
        #expect(house.status == 1, "\(house.stdout)\(house.stderr)")
        #expect(house.stdout.contains("plan-no-period.txt: error [period-required] campaign.period"))
    }

    @Test func missingStoreCannotRun() throws {
        let r = try CLI.run(["validate", "--store", "/nonexistent/x.sqlite"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("thidua: /nonexistent/x.sqlite: "))
    }
}
