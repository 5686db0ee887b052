import Foundation
import Testing
@testable import ThiduaCore

/// Every example sentence of every cue family in `rules/lexicon/campaign.yaml` gives what it says
/// (the SwiftLint triggering/non-triggering pattern, with the lexicon as data).
@Suite struct CueExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let family: String
        let index: Int
        let example: CampaignCues.Example
        var testDescription: String { "\(family)[\(index)]: \(example.text.prefix(60))" }
    }

    static let cues = TestSupport.lexicon.campaign

    static let cases: [Case] = {
        let families: [(String, [CampaignCues.Example]?)] = [
            ("theme", cues.theme.examples), ("period", cues.period.examples), ("deadline", cues.deadline.examples),
            ("responsible", cues.responsible.examples), ("movement", cues.movement.examples), ("award", cues.award.examples),
        ]
        return families.flatMap { f in (f.1 ?? []).enumerated().map { Case(family: f.0, index: $0, example: $1) } }
    }()

    /// What one sentence, as the only paragraph of a plan's body, gives for a family.
    static func read(_ family: String, _ text: String) -> String? {
        let p = Paragraph(text: text)
        let body = [p]
        let outline = PlanOutline(body)
        let extractor = CampaignExtractor(lexicon: TestSupport.lexicon)
        switch family {
        case "theme": return ThemeReader(cues: cues).read(body, outline: outline)?.value
        case "period": return PeriodReader(cues: cues, issued: nil).read(title: nil, body: body, outline: outline)?.value.value
        case "deadline": return MilestoneReader(cues: cues).read(body, outline: outline, skip: [:]).first?.value.due?.value
        case "responsible": return ResponsibleReader(cues: cues).read(index: 0, outline: outline, texts: [CueText(text)])
        case "movement": return extractor.movements(body, theme: nil).first?.value
        case "award": return extractor.awards(body).first.map { $0.value.name + "|" + ($0.value.grantor ?? "") }
        default: return nil
        }
    }

    @Test func everyFamilyHasExamplesBothWays() {
        for family in ["theme", "period", "deadline", "movement"] {
            let ex = Self.cases.filter { $0.family == family }
            #expect(ex.contains { $0.example.field != nil }, "\(family): no example that gives a value")
            #expect(ex.contains { $0.example.field == nil }, "\(family): no example that gives nothing")
        }
    }

    @Test(arguments: cases)
    func example(_ c: Case) {
        #expect(Self.read(c.family, c.example.text) == c.example.field)
    }

    /// A province's cue file adds phrases: a theme announced by its own word is found only with it.
    @Test func houseCuesAreAdded() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cues-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("lexicon"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "theme:\n  phrases: [phương châm hành động]\n".write(
            to: dir.appendingPathComponent("lexicon/campaign.yaml"), atomically: true, encoding: .utf8)
        let text = "Năm 2025 thực hiện phương châm hành động “Kỷ cương, trách nhiệm, hành động, sáng tạo”."
        var lexicon = TestSupport.lexicon
        #expect(ThemeReader(cues: lexicon.campaign).read([Paragraph(text: text)], outline: nil) == nil)
        try lexicon.addCues(from: [dir])
        #expect(ThemeReader(cues: lexicon.campaign).read([Paragraph(text: text)], outline: nil)?.value
                == "Kỷ cương, trách nhiệm, hành động, sáng tạo")
    }

    /// A cue file with a mistake names the file and the key.
    @Test func malformedCueFileIsReported() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cues-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("lexicon"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "theme:\n  phrases: 12\n".write(to: dir.appendingPathComponent("lexicon/campaign.yaml"), atomically: true, encoding: .utf8)
        var lexicon = TestSupport.lexicon
        do {
            try lexicon.addCues(from: [dir])
            Issue.record("accepted a malformed cue file")
        } catch let e as ThiduaError {
            #expect(e.message.contains("campaign.yaml"))
            #expect(e.message.contains("theme.phrases"))
        }
    }
}
