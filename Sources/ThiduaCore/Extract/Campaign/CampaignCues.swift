import Foundation
import Yams

/// The cue phrases of `rules/lexicon/campaign.yaml`, typed: what announces a theme, a
/// period, a deadline, who is responsible, a movement, an award, and the column headings
/// of activity tables. A province's rules folder may add phrases of its own
/// (`lexicon/campaign.yaml` there): its lists are appended to these.
public struct CampaignCues: Sendable, Decodable {
    /// A sentence from a real plan and what it must give (`nil`: nothing).
    public struct Example: Sendable, Decodable, Equatable {
        public var text: String
        public var field: String?
    }

    public struct Theme: Sendable, Decodable {
        public var headings: [String]
        public var phrases: [String]
        public var examples: [Example]?
    }

    public struct Period: Sendable, Decodable {
        public var headings: [String]
        public var phrases: [String]
        public var titleForms: [String]
        public var planStatements: [String]
        public var anniversaries: [String]
        public var notPeriodBefore: [String]
        public var examples: [Example]?
    }

    public struct Deadline: Sendable, Decodable {
        public var frames: [String]
        public var notDeadline: [String]
        public var yearly: [String]
        public var yearlyLeads: [String]
        public var examples: [Example]?
    }

    public struct Responsible: Sendable, Decodable {
        public var before: [String]
        public var after: [String]
        public var bodies: [String]
        public var examples: [Example]?
    }

    public struct Movement: Sendable, Decodable {
        public var phrases: [String]
        public var separators: [String]
        public var stops: [String]
        public var examples: [Example]?
    }

    public struct AwardCues: Sendable, Decodable {
        public var forms: [String]
        public var grantorOpeners: [String]
        public var grantorStops: [String]
        public var grades: [String]
        public var quota: [String]
        public var examples: [Example]?
    }

    public struct TableColumns: Sendable, Decodable {
        public var time: [String]
        public var task: [String]
        public var responsible: [String]
        public var done: [String]
    }

    public var theme: Theme
    public var period: Period
    public var deadline: Deadline
    public var responsible: Responsible
    public var movement: Movement
    public var award: AwardCues
    public var tables: TableColumns

    /// Each list's phrases as word sequences folded without marks (`Fold.asciiCollapsed`),
    /// longest first, computed once: matching works on scans that lost their marks too.
    var folded = FoldedCues()

    /// A cue list folded to scalars, longest first (what `CueText` matches).
    typealias Folded = [[UInt32]]

    struct FoldedCues: Sendable {
        var themeHeadings: Folded = []
        var themePhrases: Folded = []
        var periodHeadings: Folded = []
        var periodPhrases: Folded = []
        var titleForms: Folded = []
        var planStatements: Folded = []
        var anniversaries: Folded = []
        var notPeriodBefore: Folded = []
        var deadlineFrames: Folded = []
        var notDeadline: Folded = []
        var yearly: Folded = []
        var yearlyLeads: Folded = []
        var responsibleBefore: Folded = []
        var responsibleAfter: Folded = []
        /// The bodies that open a responsible unit's name, longest first.
        var bodies: [String] = []
        var movementPhrases: Folded = []
        var movementSeparators: Set<String> = []
    }

    enum CodingKeys: String, CodingKey { case theme, period, deadline, responsible, movement, award, tables }

    static func fold(_ list: [String]) -> Folded {
        let unique: Set<String> = Set(list.map { Fold.asciiCollapsed($0) }.filter { !$0.isEmpty })
        let ordered: [String] = unique.sorted { $0.count > $1.count || ($0.count == $1.count && $0 < $1) }
        return ordered.map { CueText.scalars($0) }
    }

    mutating func prepare() {
        folded.themeHeadings = Self.fold(theme.headings)
        folded.themePhrases = Self.fold(theme.phrases)
        folded.periodHeadings = Self.fold(period.headings)
        folded.periodPhrases = Self.fold(period.phrases)
        folded.titleForms = Self.fold(period.titleForms)
        folded.planStatements = Self.fold(period.planStatements)
        folded.anniversaries = Self.fold(period.anniversaries)
        folded.notPeriodBefore = Self.fold(period.notPeriodBefore)
        folded.deadlineFrames = Self.fold(deadline.frames)
        folded.notDeadline = Self.fold(deadline.notDeadline)
        folded.yearly = Self.fold(deadline.yearly)
        folded.yearlyLeads = Self.fold(deadline.yearlyLeads)
        folded.responsibleBefore = Self.fold(responsible.before)
        folded.responsibleAfter = Self.fold(responsible.after)
        folded.bodies = responsible.bodies.sorted { $0.count > $1.count }
        folded.movementPhrases = Self.fold(movement.phrases)
        folded.movementSeparators = Set(movement.separators.map { Fold.ascii($0).trimmed })
    }

    /// Reads `file`; a key missing or of the wrong type is reported with the file and key path.
    static func load(_ url: URL) throws -> CampaignCues {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ThiduaError(.rules, "\(url.path): cannot read lexicon file")
        }
        do {
            var cues = try YAMLDecoder().decode(CampaignCues.self, from: text)
            cues.prepare()
            return cues
        } catch let e as DecodingError {
            throw ThiduaError(.rules, "\(url.path): \(Self.describe(e))")
        } catch {
            throw ThiduaError(.rules, "\(url.path): \(error)")
        }
    }

    /// A province's additions: every list present in `url` is appended to the built-in one.
    mutating func add(from url: URL) throws {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ThiduaError(.rules, "\(url.path): cannot read lexicon file")
        }
        let extra: Additions
        do { extra = try YAMLDecoder().decode(Additions.self, from: text) } catch let e as DecodingError {
            throw ThiduaError(.rules, "\(url.path): \(Self.describe(e))")
        }
        theme.headings += extra.theme?.headings ?? []
        theme.phrases += extra.theme?.phrases ?? []
        period.headings += extra.period?.headings ?? []
        period.phrases += extra.period?.phrases ?? []
        period.titleForms += extra.period?.titleForms ?? []
        period.notPeriodBefore += extra.period?.notPeriodBefore ?? []
        deadline.frames += extra.deadline?.frames ?? []
        deadline.notDeadline += extra.deadline?.notDeadline ?? []
        deadline.yearly += extra.deadline?.yearly ?? []
        responsible.before += extra.responsible?.before ?? []
        responsible.after += extra.responsible?.after ?? []
        responsible.bodies += extra.responsible?.bodies ?? []
        movement.phrases += extra.movement?.phrases ?? []
        award.forms += extra.award?.forms ?? []
        prepare()
    }

    /// The shape of a province's file: every family and list optional.
    struct Additions: Decodable {
        struct Lists: Decodable {
            var headings: [String]?
            var phrases: [String]?
            var titleForms: [String]?
            var notPeriodBefore: [String]?
            var frames: [String]?
            var notDeadline: [String]?
            var yearly: [String]?
            var before: [String]?
            var after: [String]?
            var bodies: [String]?
            var forms: [String]?
        }
        var theme: Lists?
        var period: Lists?
        var deadline: Lists?
        var responsible: Lists?
        var movement: Lists?
        var award: Lists?
    }

    static func describe(_ e: DecodingError) -> String {
        func path(_ p: [CodingKey]) -> String { p.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") }
        switch e {
        case let .keyNotFound(k, c): return "\(path(c.codingPath + [k])): missing"
        case let .typeMismatch(_, c): return "\(path(c.codingPath)): \(c.debugDescription)"
        case let .valueNotFound(_, c): return "\(path(c.codingPath)): missing value"
        case let .dataCorrupted(c): return "\(path(c.codingPath)): \(c.debugDescription)"
        @unknown default: return "\(e)"
        }
    }
}
