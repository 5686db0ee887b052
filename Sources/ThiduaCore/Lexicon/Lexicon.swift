import Foundation
import Yams

/// Vietnamese language data read from `rules/lexicon/*.yaml`: kind names and
/// codes, agency vocabulary, signing prefixes, provinces, award vocabulary.
public struct Lexicon: Sendable {
    public struct KindEntry: Sendable, Equatable {
        public var code: String?
        public var names: [String]
        public var legal: Bool
        public var party: Bool
        public var name: String { names[0] }
    }

    public struct SigningPrefix: Sendable, Equatable {
        public var code: String
        public var forms: [String]
    }

    public var kinds: [KindEntry]
    public var kindCodes: Set<String>
    public var abbreviations: [(abbr: String, expansion: String)]
    public var agencyHeads: [String]
    public var placeLevels: [String]
    public var signingPrefixes: [SigningPrefix]
    /// Folded forms (`Fold.key`) of the lists above, computed once.
    public var agencyHeadKeys: [String] { _agencyHeadKeys }
    var _agencyHeadKeys: [String] = []
    var positionKeys: [String] = []
    /// Each position's words, folded with and without marks.
    var positionWords: [[(key: String, ascii: String)]] = []
    var placeLevelKeys: [String] = []
    /// Each province's forms with their keys: as listed, and with an en dash for " - "
    /// ("Bà Rịa – Vũng Tàu").
    var provinceForms: [(name: String, key: String)] = []
    /// Positions, agency heads and place levels folded without marks (`Fold.asciiCollapsed`):
    /// for text that lost them.
    var positionAsciiKeys: [String] = []
    var agencyHeadAsciiKeys: [String] = []
    var placeLevelAsciiKeys: [String] = []
    /// Provinces of two or more words by their first word folded without marks (with all
    /// their words so folded), and by their words run together ("quangbinh").
    var provincesByFirstAsciiWord: [String: [(index: Int, words: [String])]] = [:]
    var provinceByMergedAscii: [String: Int] = [:]
    var kindNameKeys: [(key: String, kind: KindEntry)] = []
    /// Titles and awards, longest first, with their lowercased UTF-8 bytes.
    var awardVocabulary: [(name: String, type: Award.AwardType, needle: [UInt8])] = []
    public var positions: [String]
    /// Agency heads after which each field of a name is capitalized ("Sở", "Bộ"), folded.
    var fieldHeadKeys: Set<String> = []
    /// Names written so in any name ("Chính phủ", "Việt Nam").
    var properNouns: [String] = []
    /// Folded without marks: words that open like a place level and are not one ("xa hoi").
    var notPlaceLevelAscii: [String] = []
    /// Position words that capitalize the next one ("phó", "tổng"), folded.
    var positionModifierKeys: Set<String> = []
    public var provinces: [String]
    public var titles: [String]
    public var awards: [String]
    public var grantors: [String]
    /// Cue phrases of the campaign fields (`campaign.yaml`).
    public var campaign: CampaignCues
    /// The fixed words of the page layout (`layout.yaml`).
    public var layout: LayoutCues

    /// The kind whose code this is (the first listed wins: TT is Thông tư before Thông tri).
    public func kind(forCode code: String) -> KindEntry? {
        kinds.first { $0.code == code }
    }

    /// The kind named by this word or phrase, compared without case ("KẾ HOẠCH").
    public func kind(named phrase: String) -> KindEntry? {
        let f = Fold.key(phrase)
        return kindNameKeys.first { $0.key == f }?.kind
    }

    /// Adds a province's cue phrases: `lexicon/campaign.yaml` in each of `folders`, where present.
    public mutating func addCues(from folders: [URL]) throws {
        let fm = FileManager.default
        for f in folders {
            let url = f.appendingPathComponent("lexicon/campaign.yaml")
            if fm.fileExists(atPath: url.path) { try campaign.add(from: url) }
        }
    }

    public static func load(from rulesDirectory: URL) throws -> Lexicon {
        let dir = rulesDirectory.appendingPathComponent("lexicon")
        func yaml(_ name: String) throws -> [String: Any] {
            let url = dir.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw ThiduaError(.rules, "\(url.path): cannot read lexicon file")
            }
            do {
                guard let obj = try Yams.load(yaml: text) as? [String: Any] else {
                    throw ThiduaError(.rules, "\(url.path): expected a mapping at the top")
                }
                return obj
            } catch let e as ThiduaError {
                throw e
            } catch {
                throw ThiduaError(.rules, "\(url.path): \(error)")
            }
        }
        func strings(_ obj: [String: Any], _ key: String, _ file: String) throws -> [String] {
            guard let list = obj[key] as? [Any] else { throw ThiduaError(.rules, "\(file): key '\(key)' must be a list") }
            return try list.enumerated().map { i, v in
                guard let s = v as? String else { throw ThiduaError(.rules, "\(file): \(key)[\(i)] must be a string") }
                return s
            }
        }

        let kindsDoc = try yaml("kinds.yaml")
        guard let kindList = kindsDoc["kinds"] as? [Any] else { throw ThiduaError(.rules, "kinds.yaml: key 'kinds' must be a list") }
        var kinds: [KindEntry] = []
        for (i, item) in kindList.enumerated() {
            guard let m = item as? [String: Any], let names = m["names"] as? [String], !names.isEmpty else {
                throw ThiduaError(.rules, "kinds.yaml: kinds[\(i)] needs 'names' (a non-empty list)")
            }
            kinds.append(KindEntry(code: m["code"] as? String, names: names, legal: m["legal"] as? Bool ?? false,
                                   party: m["party"] as? Bool ?? false))
        }

        let agencies = try yaml("agencies.yaml")
        guard let abbr = agencies["abbreviations"] as? [String: String] else {
            throw ThiduaError(.rules, "agencies.yaml: key 'abbreviations' must map strings to strings")
        }
        let signing = try yaml("signing.yaml")
        guard let prefixList = signing["prefixes"] as? [[String: Any]] else {
            throw ThiduaError(.rules, "signing.yaml: key 'prefixes' must be a list of mappings")
        }
        let prefixes = try prefixList.enumerated().map { i, m -> SigningPrefix in
            guard let code = m["code"] as? String, let forms = m["forms"] as? [String] else {
                throw ThiduaError(.rules, "signing.yaml: prefixes[\(i)] needs 'code' and 'forms'")
            }
            return SigningPrefix(code: code, forms: forms)
        }
        let provinces = try yaml("provinces.yaml")
        let awards = try yaml("awards.yaml")

        var lexicon = Lexicon(
            kinds: kinds,
            kindCodes: Set(kinds.compactMap(\.code)),
            abbreviations: abbr.map { ($0.key, $0.value) }.sorted { $0.abbr.count > $1.abbr.count },
            agencyHeads: try strings(agencies, "heads", "agencies.yaml").sorted { $0.count > $1.count },
            placeLevels: try strings(agencies, "placeLevels", "agencies.yaml").sorted { $0.count > $1.count },
            signingPrefixes: prefixes,
            positions: try strings(signing, "positions", "signing.yaml").sorted { $0.count > $1.count },
            provinces: try strings(provinces, "provinces", "provinces.yaml"),
            titles: try strings(awards, "titles", "awards.yaml").sorted { $0.count > $1.count },
            awards: try strings(awards, "awards", "awards.yaml").sorted { $0.count > $1.count },
            grantors: try strings(awards, "grantors", "awards.yaml").sorted { $0.count > $1.count },
            campaign: try CampaignCues.load(dir.appendingPathComponent("campaign.yaml")),
            layout: try LayoutCues.load(dir.appendingPathComponent("layout.yaml")))
        lexicon._agencyHeadKeys = lexicon.agencyHeads.map(Fold.key)
        lexicon.fieldHeadKeys = Set(try strings(agencies, "fieldHeads", "agencies.yaml").map(Fold.key))
        lexicon.properNouns = try strings(agencies, "properNouns", "agencies.yaml")
        lexicon.notPlaceLevelAscii = try strings(agencies, "notPlaceLevels", "agencies.yaml").map(Fold.asciiCollapsed)
        lexicon.positionModifierKeys = Set(try strings(signing, "positionModifiers", "signing.yaml").map(Fold.key))
        lexicon.positionKeys = lexicon.positions.map(Fold.key)
        lexicon.positionWords = lexicon.positions.map { p in p.split(separator: " ").map { (Fold.key($0), Fold.ascii($0)) } }
        lexicon.provinceForms = lexicon.provinces.flatMap { p -> [(name: String, key: String)] in
            let forms = p.has(" - ") ? [p, p.replacingOccurrences(of: " - ", with: " – ")] : [p]
            return forms.map { ($0, Fold.key($0)) }
        }
        lexicon.positionAsciiKeys = lexicon.positions.map { Fold.asciiCollapsed($0) }
        lexicon.agencyHeadAsciiKeys = lexicon.agencyHeads.map { Fold.asciiCollapsed($0) }
        lexicon.placeLevelAsciiKeys = lexicon.placeLevels.map { Fold.asciiCollapsed($0) }
        for (i, p) in lexicon.provinces.enumerated() {
            let words = Fold.asciiCollapsed(p).split(separator: " ").map(String.init)
            guard words.count >= 2 else { continue }
            lexicon.provincesByFirstAsciiWord[words[0], default: []].append((i, words))
            if lexicon.provinceByMergedAscii[words.joined()] == nil { lexicon.provinceByMergedAscii[words.joined()] = i }
        }
        lexicon.placeLevelKeys = lexicon.placeLevels.map(Fold.key)
        // Longest first: a citation's kind word is matched at the end of the text before it.
        lexicon.awardVocabulary = (lexicon.titles.map { ($0, Award.AwardType.title) } + lexicon.awards.map { ($0, Award.AwardType.award) })
            .sorted { $0.0.count > $1.0.count }
            .map { ($0.0, $0.1, TextBytes.lowercased(Array($0.0.utf8))) }
        lexicon.kindNameKeys = kinds.flatMap { k in k.names.map { (Fold.key($0), k) } }.sorted { $0.key.count > $1.key.count }
        return lexicon
    }
}

/// Finds the `rules/` folder: the one the caller names, else the one shipped with the
/// library as a resource (`Bundle.module`). The library reads no environment variable
/// and no argv: the command line passes `--rules-dir` or `$THIDUA_RULES` as `explicit`.
public enum RulesLocator {
    public static func locate(explicit: String? = nil) -> URL? {
        let fm = FileManager.default
        func ok(_ url: URL) -> Bool { fm.fileExists(atPath: url.appendingPathComponent("lexicon/kinds.yaml").path) }
        if let explicit, !explicit.isEmpty {
            let u = URL(fileURLWithPath: explicit)
            return ok(u) ? u : nil
        }
        return shipped.flatMap { ok($0) ? $0 : nil }
    }

    /// The rules copied into the library's resource bundle at build time.
    public static var shipped: URL? { Bundle.module.url(forResource: "rules", withExtension: nil) }
}
