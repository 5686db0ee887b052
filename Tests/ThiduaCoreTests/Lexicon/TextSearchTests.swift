import Foundation
import Testing
@testable import ThiduaCore

/// The byte-level searches, trims and folds must give what Foundation and the
/// character-level definitions give: checked on fixed cases and on random
/// Vietnamese text (seeded, so a failure repeats).
@Suite struct TextSearchTests {
    static let alphabet = Array("aAăĂâÂđĐeEêÊoOôÔơƠuUưƯyYiIbcgnhtmsxkKHTNGạẠằẰẫẪếẾộỘữỮỳỲ ,.;:“”-/0129\t")
        + ["\u{00A0}", "\u{2003}", "\n"]

    static func randomText(_ rng: inout SplitMix64, length: Int) -> String {
        String((0..<length).map { _ in alphabet.randomElement(using: &rng)! })
    }

    /// The folds as first written (Foundation and `Character`), kept as the reference.
    static func referenceKey(_ s: String) -> String {
        var out = ""
        var pendingSpace = false
        for ch in s.precomposedStringWithCanonicalMapping.lowercased() {
            if ch.isWhitespace { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(ch)
        }
        return out
    }

    static func referenceAscii(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.flatMap { Fold.slowAscii($0).unicodeScalars }))
    }

    @Test func fixedCases() {
        let t = "Kế hoạch PHONG TRÀO thi đua “Đồng Khởi” của Ủy ban"
        #expect(t.find("thi đua").map { String(t[$0]) } == "thi đua")
        #expect(t.find("Thi đua") == nil)
        #expect(t.findCaseless("phong trào").map { String(t[$0]) } == "PHONG TRÀO")
        #expect(t.findCaseless("ĐỒNG KHỞI").map { String(t[$0]) } == "Đồng Khởi")
        #expect(t.findCaseless("ủy BAN").map { String(t[$0]) } == "Ủy ban")
        #expect(t.findCaseless("kế", before: t.endIndex, backwards: true).map { t.distance(from: t.startIndex, to: $0.lowerBound) } == 0)
        #expect("  \u{00A0}Sở Nội vụ\t ".trimmed == "Sở Nội vụ")
        #expect(" .,Sở;: ".trimmed(" .,;:") == "Sở")
        #expect(Fold.key("  NÔNG   thôn\nMỚI ") == "nông thôn mới")
        #expect(Fold.ascii("Đường Nông Thôn Mới") == "duong nong thon moi")
        #expect(Fold.asciiCollapsed("  Đường \t Nông\u{00A0}Thôn  ") == "duong nong thon")
        #expect(Fold.key("Ho\u{0302}\u{0300}ng") == "hồng")
    }

    @Test func searchesAgreeWithFoundation() {
        var rng = SplitMix64(state: 7)
        for _ in 0..<400 {
            let hay = Self.randomText(&rng, length: Int.random(in: 0...80, using: &rng))
            let needle: String
            if !hay.isEmpty, Bool.random(using: &rng) {
                // A piece of the text itself, often with its case changed.
                let a = Int.random(in: 0..<hay.count, using: &rng)
                let piece = String(hay.dropFirst(a).prefix(Int.random(in: 1...6, using: &rng)))
                needle = Bool.random(using: &rng) ? piece.uppercased() : piece
            } else {
                needle = Self.randomText(&rng, length: Int.random(in: 1...3, using: &rng))
            }
            #expect(hay.find(needle) == hay.range(of: needle, options: .literal), "find \(needle) in \(hay)")
            // Foundation compares without case on full case folding: the same on these letters.
            let expected = hay.range(of: needle, options: [.caseInsensitive, .literal])
            #expect(hay.findCaseless(needle) == expected, "findCaseless \(needle) in \(hay)")
            let back = hay.range(of: needle, options: [.caseInsensitive, .literal, .backwards])
            #expect(hay.findCaseless(needle, before: hay.endIndex, backwards: true) == back, "backwards \(needle) in \(hay)")
            #expect(hay.trimmed == hay.trimmingCharacters(in: .whitespaces))
            #expect(hay.trimmed(" .,;:") == hay.trimmingCharacters(in: CharacterSet(charactersIn: " .,;:")))
            #expect(Fold.key(hay) == Self.referenceKey(hay), "key of \(hay)")
            #expect(Fold.ascii(hay) == Self.referenceAscii(hay), "ascii of \(hay)")
            #expect(Casing.isCapitals(hay) == {
                var u = 0, l = 0
                for c in hay where c.isLetter { if c.isUppercase { u += 1 } else if c.isLowercase { l += 1 } }
                return u >= 2 && l * 2 <= u
            }())
        }
    }

    @Test func substringsSearchInTheirOwnRange() {
        let t = "abc thi đua xyz thi đua"
        let sub = t[t.index(t.startIndex, offsetBy: 8)...]
        let r = sub.find("thi đua")
        #expect(r.map { t.distance(from: t.startIndex, to: $0.lowerBound) } == 16)
        #expect(sub.findCaseless("THI ĐUA").map { String(t[$0]) } == "thi đua")
    }
}
