import Foundation
import Testing
@testable import ThiduaCore

@Suite struct ValidatorEngineTests {
    static let builtIn = Result { try Validator(rulesDirectory: checkoutRules) }

    func day(_ iso: String, _ text: String? = nil) -> VnDate {
        VnDate(text: text ?? iso, value: iso, start: iso, end: iso, precision: .day)
    }

    // MARK: Built-in rules over records built from the model types

    @Test func cleanPlanRecordHasNoDiagnostics() throws {
        let v = try Self.builtIn.get()
        var r = Record(source: Source(file: "a.txt", sha256: "", format: .text))
        r.document = DocumentPart(
            kind: Kind(code: "KH", name: "Kế hoạch"),
            number: DocNumber(text: "112/KH-SNN", serial: "112", year: nil, kind: "KH", issuers: ["SNN"],
                              canonical: "112/KH-SNN", style: .state),
            date: day("2021-11-29"), signer: Signer(name: "Hà Sỹ Huân", title: "Giám đốc"),
            recipients: ["UBND tỉnh (b/c)", "Lưu: VT"])
        r.references = [Reference(text: "Chỉ thị số 7705/CT-BNN-TCCB ngày 16/11/2021", kind: Kind(code: "CT", name: "Chỉ thị"),
                                  number: DocNumber(text: "7705/CT-BNN-TCCB", serial: "7705", year: nil, kind: "CT",
                                                    issuers: ["BNN", "TCCB"], canonical: "7705/CT-BNN-TCCB", style: .state),
                                  date: day("2021-11-16"), issuer: nil)]
        r.campaign = Campaign(period: VnDate(text: "giai đoạn 2021-2025", value: "2021/2025", start: "2021-01-01",
                                             end: "2025-12-31", precision: .year),
                              milestones: [Milestone(task: "Báo cáo", due: VnDate(text: "ngày 15 tháng 12 hàng năm",
                                  value: "XXXX-12-15", start: nil, end: nil, precision: .day, recurrence: .yearly))])
        #expect(v.validate(r.json) == [])
    }

    @Test func draftRecordGetsBlankNumberAndDayWithEvidence() throws {
        let v = try Self.builtIn.get()
        var r = Record(source: Source(file: "a.txt", sha256: "", format: .text))
        r.document = DocumentPart(
            kind: Kind(code: "KH", name: "Kế hoạch"),
            number: DocNumber(text: "/KH-SNN&PTNT", serial: nil, year: nil, kind: "KH", issuers: ["SNN&PTNT"],
                              canonical: "/KH-SNN&PTNT", style: .state),
            date: VnDate(text: "ngày tháng năm 2023", value: "2023-XX-XX", start: "2023-01-01", end: "2023-12-31", precision: .year),
            signer: Signer(name: "Cao Văn Cường"), recipients: ["Vụ TCCB"])
        let d = v.validate(r.json)
        #expect(d.map(\.rule) == ["date-day-blank", "number-blank"])
        #expect(d.map(\.path) == ["document.date", "document.number"])
        #expect(d.map(\.evidence) == ["ngày tháng năm 2023", "/KH-SNN&PTNT"])
        #expect(d.allSatisfy { $0.severity == .warning })
        #expect(d[1].message == "The number (số) is left blank: /KH-SNN&PTNT. This looks like a draft (dự thảo) or a copy made before registration.")
    }

    @Test func messagesInterpolateValuesOtherFieldsAndExpected() throws {
        let v = try Self.builtIn.get()
        let kind = try diagnostics(v, "kind-code-matches-kind-word", """
            document: { kind: { code: QĐ, name: Quyết định }, number: { text: 56/KH-SNN, kind: KH } }
            """)
        #expect(kind.count == 1)
        #expect(kind.first?.path == "document.number.kind")
        #expect(kind.first?.evidence == "56/KH-SNN")
        #expect(kind.first?.message.hasPrefix("The kind code KH in the number does not match the kind word Quyết định") == true)

        let issuer = try diagnostics(v, "issuer-unusual-for-kind", """
            document: { number: { text: 15/2023/NĐ-UBND, kind: NĐ, issuers: [UBND, TCCB] } }
            """)
        #expect(issuer.first?.message == "A document of kind NĐ is issued by CP, but the number 15/2023/NĐ-UBND names UBND, TCCB (a Nghị định is issued by CP, the Government).")
    }

    @Test func pathsPointIntoListsAndPairTheSameItem() throws {
        let v = try Self.builtIn.get()
        // Two references: only the second has a year that differs from its own date.
        let d = try diagnostics(v, "reference-number-year-matches-date", """
            references:
              - { text: A, number: { text: 08/2018/TT-BNN, year: 2018 }, date: { start: 2018-08-06, end: 2018-08-06 } }
              - { text: B, number: { text: 98/2023/NĐ-CP, year: 2023 }, date: { start: 2018-08-06, end: 2018-08-06 } }
            """)
        #expect(d.map(\.path) == ["references.1.number.year"])
        #expect(d.first?.evidence == "B")
        #expect(d.first?.message == "The cited number 98/2023/NĐ-CP carries the year 2023 but is dated 2018-08-06.")
    }

    @Test func datesAreComparedOnlyWhereCertain() throws {
        let v = try Self.builtIn.get()
        // A reference in September against an issue date with blank day and month in the same year: no conflict.
        let blank = try diagnostics(v, "reference-dated-after-document", """
            document: { date: { value: 2023-XX-XX, start: 2023-01-01, end: 2023-12-31 } }
            references: [ { text: A, number: { text: 1/KH-X }, date: { value: 2023-09-22, start: 2023-09-22, end: 2023-09-22 } } ]
            """)
        #expect(blank.isEmpty)
        let after = try diagnostics(v, "reference-dated-after-document", """
            document: { date: { text: ngày 05/6/2023, value: 2023-06-05, start: 2023-06-05, end: 2023-06-05 } }
            references: [ { text: A, number: { text: 1/KH-X }, date: { text: ngày 06/6/2023, value: 2023-06-06, start: 2023-06-06, end: 2023-06-06 } } ]
            """)
        #expect(after.first?.message == "The cited document 1/KH-X is dated ngày 06/6/2023, after this document's date ngày 05/6/2023: a document cannot cite one issued later.")
    }

    // MARK: Findings

    @Test func findingsTakeSeverityAndMessageFromTheirRule() throws {
        let v = try Self.builtIn.get()
        let d = v.validate(Validator.emptyRecord, findings: [Finding(rule: "date-impossible", path: "document.date", evidence: "ngày 31/02/2023")])
            .filter { $0.rule == "date-impossible" }
        #expect(d == [Diagnostic(rule: "date-impossible", severity: .error, path: "document.date",
                                 message: "A date that is not on the calendar: ngày 31/02/2023. The field is left empty rather than guessed.",
                                 evidence: "ngày 31/02/2023")])
    }

    @Test func findingWithoutARuleIsKeptAsAWarning() throws {
        let v = try Self.builtIn.get()
        let d = v.validate(Validator.emptyRecord, findings: [Finding(rule: "no-such-rule", path: "document.title")])
        #expect(d.contains { $0.rule == "no-such-rule" && $0.severity == .warning && $0.path == "document.title" })
    }

    @Test func partyNumberSeenByDataAndExtractorIsReportedOnce() throws {
        let v = try Self.builtIn.get()
        let record = Validator.emptyRecord.merging(try YAMLValue.parse(
            "document: { number: { text: 259/KH/TU, kind: KH, canonical: 259-KH/TU, style: party } }"))
        let f = Finding(rule: "number-party-written-state-style", path: "document.number", evidence: "Số 259/KH/TU")
        let d = v.validate(record, findings: [f]).filter { $0.rule == f.rule }
        #expect(d.count == 1)
        #expect(d.first?.path == "document.number.text")
        // Without the data, the finding alone still reports it.
        #expect(v.validate(Validator.emptyRecord, findings: [f]).filter { $0.rule == f.rule }.map(\.path) == ["document.number"])
    }

    // MARK: House rules

    @Test func houseRuleOverridesBuiltInAndAddsNewOnes() throws {
        let dir = try houseRules([
            "signer-missing.yaml": """
                id: signer-missing
                severity: error
                message: Tỉnh requires a signer.
                paths: document.signer.name
                check: { kind: required }
                """,
            "place-is-a-province.yaml": """
                id: place-is-a-province
                severity: info
                message: "{value} is not a province name"
                paths: [document.place]
                check: { kind: one-of, lexicon: provinces, ignore-case: true }
                examples:
                  trigger: [ { document: { place: Hà Đông } } ]
                  pass: [ { document: { place: BẮC KẠN } }, { document: { place: Bắc Kạn } } ]
                """,
            "ocr-confidence-low.yaml": "id: ocr-confidence-low\nenabled: false\n",
            "number-malformed.yaml": "id: number-malformed\nenabled: false\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let builtIn = try Self.builtIn.get()
        let v = try Validator(rulesDirectory: checkoutRules, extra: [dir])
        #expect(v.rules.count == builtIn.rules.count - 2 + 1)
        #expect(v.rule(id: "signer-missing")?.severity == .error)
        #expect(v.rule(id: "ocr-confidence-low") == nil)
        let record = Validator.emptyRecord.merging(try YAMLValue.parse("document: { place: Hà Đông }\nsource: { ocrConfidence: 12 }"))
        let d = v.validate(record, findings: [Finding(rule: "number-malformed", path: "document.number")])
        #expect(d.contains { $0.rule == "signer-missing" && $0.severity == .error && $0.message == "Tỉnh requires a signer." })
        #expect(d.contains { $0.rule == "place-is-a-province" && $0.message == "Hà Đông is not a province name" })
        #expect(!d.contains { $0.rule == "ocr-confidence-low" || $0.rule == "number-malformed" })
    }

    @Test func aSingleRuleFileCanBeGivenInsteadOfAFolder() throws {
        let dir = try houseRules(["title-required.yaml": """
            id: title-required
            severity: error
            message: no title
            paths: document.title
            check: { kind: required }
            """])
        defer { try? FileManager.default.removeItem(at: dir) }
        let v = try Validator(rulesDirectory: checkoutRules, extra: [dir.appendingPathComponent("title-required.yaml")])
        #expect(v.validate(Validator.emptyRecord).contains { $0.rule == "title-required" })
    }
}

/// Each check kind on its own, through house rules (the parameters a province would use).
@Suite struct CheckKindTests {
    func run(_ check: String, paths: String, extra: String = "", _ fragment: String) throws -> [Diagnostic] {
        let dir = try houseRules(["t.yaml": """
            id: t
            severity: warning
            message: "{value}|{other}"
            paths: \(paths)
            check: \(check)
            \(extra)
            """])
        defer { try? FileManager.default.removeItem(at: dir) }
        let v = try Validator(rulesDirectory: checkoutRules, extra: [dir])
        return try diagnostics(v, "t", fragment)
    }

    @Test func required() throws {
        #expect(try run("{ kind: required }", paths: "document.title", "document: { title: '  ' }").count == 1)
        #expect(try run("{ kind: required }", paths: "document.recipients", "document: { recipients: [] }").count == 1)
        #expect(try run("{ kind: required }", paths: "document.title", "document: { title: X }").isEmpty)
    }

    @Test func pattern() throws {
        let check = "{ kind: pattern, regex: '^[0-9]+$' }"
        #expect(try run(check, paths: "document.number.serial", "document: { number: { serial: '05a' } }").map(\.path) == ["document.number.serial"])
        #expect(try run(check, paths: "document.number.serial", "document: { number: { serial: '05' } }").isEmpty)
        #expect(try run(check, paths: "document.number.serial", "document: { number: { serial: null } }").isEmpty)
        // A list at the end of the path is checked item by item.
        let noMatch = "{ kind: pattern, regex: 'TCCB', expect: no-match, ignore-case: true }"
        #expect(try run(noMatch, paths: "document.number.issuers", "document: { number: { issuers: [BNN, tccb] } }").map(\.path)
                == ["document.number.issuers.1"])
    }

    @Test func oneOfAndNotOneOf() throws {
        #expect(try run("{ kind: one-of, values: [state, party] }", paths: "document.number.style",
                        "document: { number: { style: other } }").first?.message == "other|(none)")
        #expect(try run("{ kind: one-of, values: [KH], ignore-case: true }", paths: "document.number.kind",
                        "document: { number: { kind: kh } }").isEmpty)
        #expect(try run("{ kind: not-one-of, values: [Dự thảo] }", paths: "document.title",
                        "document: { title: Dự thảo }").count == 1)
        #expect(try run("{ kind: one-of, values: [1, 2] }", paths: "source.pages", "source: { pages: 2 }").isEmpty)
    }

    @Test func dateOrderNotBeforeAndStrict() throws {
        let check = "{ kind: date-order, not-before: document.date, strict: true }"
        let base = "document: { date: { start: 2023-06-05, end: 2023-06-05 } }\ncampaign: { milestones: [ { task: a, due: { start: 2023-06-05, end: 2023-06-05 } }, { task: b, due: { start: 2023-06-06, end: 2023-06-06 } } ] }"
        #expect(try run(check, paths: "campaign.milestones.due", base).map(\.path) == ["campaign.milestones.0.due"])
    }

    @Test func dateWithinLiteralBoundsAndMargin() throws {
        let check = "{ kind: date-within, from: 2020, to: 2030-06, margin-days: 10 }"
        #expect(try run(check, paths: "document.date", "document: { date: { start: 2030-07-05, end: 2030-07-05 } }").count == 0)
        #expect(try run(check, paths: "document.date", "document: { date: { start: 2030-07-11, end: 2030-07-11 } }").count == 1)
        #expect(try run(check, paths: "document.date", "document: { date: { start: 2019-12-20, end: 2019-12-20 } }").count == 1)
        #expect(try run(check, paths: "document.date", "document: { date: { value: XXXX-12-15, start: null, end: null } }").isEmpty)
    }

    @Test func equalsAcrossFieldsFoldAndExact() throws {
        let fold = "{ kind: equals-across-fields, other: document.issuer.name, compare: fold }"
        #expect(try run(fold, paths: "document.signer.onBehalfOf", "document: { signer: { onBehalfOf: ỦY BAN NHÂN DÂN }, issuer: { name: Ủy ban nhân dân } }").isEmpty)
        #expect(try run(fold, paths: "document.signer.onBehalfOf", "document: { signer: { onBehalfOf: Sở Tài chính }, issuer: { name: Ủy ban nhân dân } }")
                .first?.message == "Sở Tài chính|Ủy ban nhân dân")
        let exact = "{ kind: equals-across-fields, other: document.number.canonical }"
        #expect(try run(exact, paths: "document.number.text", "document: { number: { text: 56/KH-SNN, canonical: 56/KH-SNN } }").isEmpty)
        #expect(try run(exact, paths: "document.number.text", "document: { number: { text: 56 /KH-SNN, canonical: 56/KH-SNN } }").count == 1)
    }

    @Test func countRange() throws {
        let check = "{ kind: count-range, min: 1, max: 2 }"
        #expect(try run(check, paths: "campaign.movements", "campaign: { movements: [a, b, c] }").count == 1)
        #expect(try run(check, paths: "campaign.movements", "campaign: { movements: [a] }").isEmpty)
        #expect(try run(check, paths: "campaign.movements", "campaign: { movements: [] }").count == 1)
    }

    @Test func thresholdAbove() throws {
        #expect(try run("{ kind: threshold, above: 50 }", paths: "source.pages", "source: { pages: 51 }").first?.message == "51|(none)")
        #expect(try run("{ kind: threshold, above: 50 }", paths: "source.pages", "source: { pages: 50 }").isEmpty)
    }

    @Test func blankParts() throws {
        let month = "{ kind: blank-part, part: month }"
        #expect(try run(month, paths: "document.date", "document: { date: { value: 2023-XX-XX } }").count == 1)
        #expect(try run(month, paths: "document.date", "document: { date: { value: 2023-09-XX } }").isEmpty)
        let any = "{ kind: blank-part, part: any }"
        #expect(try run(any, paths: "document.date", "document: { date: { value: XXXX-12-15, recurrence: yearly } }").isEmpty)
        #expect(try run(any, paths: "campaign.period", "campaign: { period: { value: 2024-10-01/2025-09-XX } }").count == 1)
    }

    @Test func lookupUnknownAndAll() throws {
        let table = "{ kind: lookup, other: .issuers, table: { CT: [TTg, TW] }, match: all, unknown: trigger }"
        #expect(try run(table, paths: "document.number.kind", "document: { number: { kind: CT, issuers: [TTg] } }").isEmpty)
        #expect(try run(table, paths: "document.number.kind", "document: { number: { kind: CT, issuers: [TTg, BNN] } }").count == 1)
        #expect(try run(table, paths: "document.number.kind", "document: { number: { kind: KH, issuers: [UBND] } }").count == 1)
    }

    @Test func whenAndUnless() throws {
        let when = "when: { path: document.kind.code, check: { kind: one-of, values: [KH] } }"
        #expect(try run("{ kind: required }", paths: "campaign.period", extra: when, "document: { kind: { code: KH } }").count == 1)
        #expect(try run("{ kind: required }", paths: "campaign.period", extra: when, "document: { kind: { code: QĐ } }").isEmpty)
        // A missing value never satisfies a condition.
        #expect(try run("{ kind: required }", paths: "campaign.period", extra: when, "document: { kind: null }").isEmpty)
        let unless = "unless: { path: .style, check: { kind: one-of, values: [party] } }"
        #expect(try run("{ kind: pattern, regex: '^[0-9]+/' }", paths: "references.number.text", extra: unless, """
            references: [ { number: { text: 34-CT/TW, style: party } }, { number: { text: 34-CT/TW, style: state } } ]
            """).map(\.path) == ["references.1.number.text"])
    }
}

/// The house rules of fixtures/rules/house (the README's example).
@Suite struct HouseRuleFixtureTests {
    static let house = checkoutRules.deletingLastPathComponent().appendingPathComponent("fixtures/rules/house")

    @Test func readmeHouseRulesLoadAddOverrideAndSwitchOff() throws {
        let builtIn = try Validator(rulesDirectory: checkoutRules)
        let v = try Validator(rulesDirectory: checkoutRules, extra: [Self.house])   // their examples are checked here
        #expect(v.rules.count == builtIn.rules.count + 1 - 1)
        #expect(v.rule(id: "encoding-repaired") == nil)
        #expect(v.rule(id: "ocr-confidence-low")?.severity == .error)
        let record = Validator.emptyRecord.merging(try YAMLValue.parse("""
            document: { kind: { code: KH, name: Kế hoạch } }
            source: { encoding: tcvn3, ocrConfidence: 80 }
            """))
        let ids = Set(v.validate(record).map(\.rule))
        #expect(ids.isSuperset(of: ["period-required", "ocr-confidence-low"]))
        #expect(!ids.contains("encoding-repaired"))
        #expect(Set(builtIn.validate(record).map(\.rule)).isSuperset(of: ["encoding-repaired"]))
        #expect(!builtIn.validate(record).contains { $0.rule == "ocr-confidence-low" })
    }
}

@Suite struct RevalidateTests {
    @Test func storedRecordIsCheckedAgainUnderNewRules() throws {
        let builtIn = try Validator(rulesDirectory: checkoutRules)
        let record = Validator.emptyRecord.merging(try YAMLValue.parse("""
            document: { number: { text: /KH-UBND, serial: null }, signer: { name: A }, recipients: [a] }
            """))
        let findings = [Finding(rule: "date-impossible", path: "document.date", evidence: "31/02/2023")]
        var stored = builtIn.validate(record, findings: findings)
        stored.insert(Diagnostic(rule: "pdf-font-missing", severity: .info, path: nil, message: "a decoder's note"), at: 0)
        let json = record.setting("diagnostics", to: .array(stored.map(\.json)))
        #expect(Set(builtIn.revalidate(json).map(\.rule)) == ["pdf-font-missing", "number-blank", "date-impossible"])
        #expect(builtIn.revalidate(json) == stored)

        // House rules: number-blank switched off, date-impossible made a warning.
        let dir = try houseRules([
            "number-blank.yaml": "id: number-blank\nenabled: false\n",
            "date-impossible.yaml": "id: date-impossible\nseverity: warning\nmessage: bad date {evidence}\ncheck: { kind: finding }\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let house = try Validator(rulesDirectory: checkoutRules, extra: [dir])
        let again = house.revalidate(json)
        #expect(again.map(\.rule) == ["pdf-font-missing", "date-impossible"])
        #expect(again.last?.severity == .warning && again.last?.message == "bad date 31/02/2023")
    }
}
