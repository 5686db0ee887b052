import Foundation
import Testing
@testable import ThiduaCore

/// "Never invent": a campaign field is set only from a statement about it. Over every fixture
/// and every shared plan: every non-null campaign field has evidence; with every paragraph that
/// states the period (its cues, and a title that holds a date) cut out, the period is null; with
/// every paragraph that states a theme cut out (and the one under a theme heading), the theme is null.
@Suite struct NeverInventTests {
    struct Doc: CustomTestStringConvertible, Sendable {
        let url: URL
        var testDescription: String { url.pathComponents.suffix(2).joined(separator: "/") }
    }

    static let documents: [Doc] = {
        var urls = TestSupport.files(under: TestSupport.fixtures, suffix: ".md")
            + TestSupport.files(under: TestSupport.fixtures, suffix: ".txt")
            + TestSupport.files(under: TestSupport.fixtures.appendingPathComponent("seeds"), suffix: ".docx")
        if TestSupport.hasShared {
            urls += TestSupport.files(under: TestSupport.shared.appendingPathComponent("campaign"), suffix: ".md")
            urls += TestSupport.files(under: TestSupport.shared.appendingPathComponent("seeds"), suffix: ".txt")
        }
        return urls.filter { $0.lastPathComponent != "README.md" }.map(Doc.init)
    }()

    static let cues = TestSupport.lexicon.campaign

    static func zones(_ doc: Doc) throws -> Zones {
        let data = try Data(contentsOf: doc.url)
        return Segmenter(lexicon: TestSupport.lexicon).segment(try TestSupport.pipeline.decodeAndRepair(data))
    }

    static func has(_ p: Paragraph, _ folded: [[UInt32]]) -> Bool {
        CueText(p.text).first(of: folded) != nil
    }

    static func statesPeriod(_ p: Paragraph, isTitle: Bool) -> Bool {
        if isTitle { return !VnDateParser.findAll(in: p.text).isEmpty }
        return has(p, cues.folded.periodHeadings + cues.folded.periodPhrases + cues.folded.planStatements)
    }

    @Test(arguments: documents)
    func nonNullCampaignFieldsHaveEvidence(_ doc: Doc) throws {
        let z = try Self.zones(doc)
        let (record, _) = FieldExtractor(lexicon: TestSupport.lexicon).extract(z)
        let paths = Set(record.evidence.map(\.0))
        let c = record.campaign
        var missing: [String] = []
        if c.theme != nil, !paths.contains("campaign.theme") { missing.append("campaign.theme") }
        if c.period != nil, !paths.contains("campaign.period") { missing.append("campaign.period") }
        for (name, count) in [("movements", c.movements.count), ("milestones", c.milestones.count),
                              ("awards", c.awards.count), ("anniversaries", c.anniversaries.count)] {
            for i in 0..<count where !paths.contains("campaign.\(name).\(i)") { missing.append("campaign.\(name).\(i)") }
        }
        for (i, _) in record.sections.enumerated() where !paths.contains("sections.\(i)") { missing.append("sections.\(i)") }
        #expect(missing.isEmpty, "no evidence for \(missing.joined(separator: ", "))")
    }

    @Test(arguments: documents)
    func periodCutOutIsNull(_ doc: Doc) throws {
        let z = try Self.zones(doc)
        let title = z.titleRows.map(\.text)
        let (record, _) = FieldExtractor(lexicon: TestSupport.lexicon).extract(z) { p in
            Self.statesPeriod(p, isTitle: title.contains { p.text.hasPrefix($0.prefix(20)) })
        }
        #expect(record.campaign.period == nil, "period \(record.campaign.period?.text ?? "") without its statement")
    }

    @Test(arguments: documents)
    func themeCutOutIsNull(_ doc: Doc) throws {
        let z = try Self.zones(doc)
        var afterHeading = false
        let (record, _) = FieldExtractor(lexicon: TestSupport.lexicon).extract(z) { p in
            defer { afterHeading = Self.has(p, Self.cues.folded.themeHeadings) }
            return afterHeading || Self.has(p, Self.cues.folded.themeHeadings + Self.cues.folded.themePhrases)
        }
        #expect(record.campaign.theme == nil, "theme \(record.campaign.theme ?? "") without its statement")
    }

    /// The cuts are not vacuous: over these documents, the fields are found before the cut.
    @Test func cutsRemoveSomethingThatWasThere() throws {
        var periods = 0
        for doc in Self.documents {
            let (record, _) = FieldExtractor(lexicon: TestSupport.lexicon).extract(try Self.zones(doc))
            if record.campaign.period != nil { periods += 1 }
        }
        #expect(periods >= 5)
    }

    /// A year that qualifies an anniversary or an occasion in the title is not the plan's period.
    @Test func anniversaryYearIsNotAPeriod() throws {
        let text = """
        UBND TỈNH NGHỆ AN
        Số: 15/KH-UBND
        Nghệ An, ngày 02 tháng 3 năm 2025

        KẾ HOẠCH
        Tổ chức các hoạt động kỷ niệm 50 năm Ngày Giải phóng miền Nam, thống nhất đất nước (30/4/1975 - 30/4/2025)

        I. MỤC ĐÍCH
        1. Tuyên truyền sâu rộng ý nghĩa lịch sử.
        """
        let r = try TestSupport.pipeline.extract(data: Data(text.utf8), file: "plan.txt")
        #expect(r.campaign.period == nil)
        #expect(r.campaign.anniversaries.first?.years == 50)
    }
}
