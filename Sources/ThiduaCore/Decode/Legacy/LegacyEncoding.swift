import Foundation

/// Legacy Vietnamese encodings: decoding raw 8-bit text (TCVN3, VNI, VISCII, Windows-1258) and
/// repairing Unicode text garbled by legacy fonts (TCVN3 or VNI bytes read as Windows-1252, the
/// glyph variants PDF extraction gives for TCVN3 fonts, VIQR). Every decision is taken by
/// evidence: the share of valid Vietnamese syllables before and after each candidate, with font
/// names only as a tie-breaker (they lie: Unicode text set in .VnTime is common).
public enum LegacyEncoding {
    /// Decodes bytes that are not UTF-8 (TCVN3, VNI, VISCII, Windows-1258 …), choosing the
    /// encoding by the share of valid Vietnamese syllables. Returns the text and the encoding
    /// name: "tcvn3", "vni", "viscii", "windows-1258" or "windows-1252" (the fallback).
    public static func decodeBytes(_ data: Data) -> (text: String, encoding: String)? {
        let bytes = [UInt8](data)
        // Choose on a sample: scoring five decodings of a large file is needless work.
        let sample = bytes.count > 16_000 ? Array(bytes[0..<sampleEnd(bytes, 16_000)]) : bytes
        let base = VietSyllable.score(decode(sample, as: "windows-1252")).net
        var best: (name: String, net: Int) = ("windows-1252", base)
        if sample.contains(where: { $0 >= 0x80 }) || sample.contains(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) {
            for name in ["tcvn3", "vni", "viscii", "windows-1258"] {
                let score = VietSyllable.score(decode(sample, as: name, capitals: false))
                // A Vietnamese reading must make most words with accents valid syllables, and
                // gain more than a stray letter or two over Windows-1252.
                guard score.validVietnamese >= 2, score.validVietnamese >= score.invalidNonASCII,
                      score.net >= base + 2, score.net > best.net else { continue }
                best = (name, score.net)
            }
        }
        return (decode(bytes, as: best.name), best.name)
    }

    /// Repairs text that is Unicode but garbled by a legacy font (TCVN3 or VNI glyphs read as
    /// Windows-1252, PDF glyph variants, VIQR), deciding by evidence. Sets `encoding` to
    /// "tcvn3", "vni" or "viqr" when it repaired something; otherwise returns `doc` unchanged.
    public static func repairIfGarbled(_ doc: DecodedDocument) -> DecodedDocument {
        // Fast path: one pass over the UTF-8 of every segment, no allocation.
        var total = Clues()
        forEachSegment(doc) { total.scan($0.text) }
        guard total.tcvn3 + total.vni > 0 || total.viqr >= 3 else { return doc }
        var perSegment: [Clues] = []
        forEachSegment(doc) {
            var c = Clues()
            c.scan($0.text)
            perSegment.append(c)
        }
        return LegacyRepair.repair(doc, clues: perSegment)
    }

    // MARK: Internals

    static func decode(_ bytes: [UInt8], as name: String, capitals: Bool = true) -> String {
        switch name {
        case "tcvn3":
            let text = LegacyCodecs.decodeSingle(bytes, table: LegacyTables.tcvn3)
            return capitals ? LegacyRepair.restoreCapitals(text) : text
        case "vni": return LegacyCodecs.decodeVNI(bytes)
        case "viscii": return LegacyCodecs.decodeSingle(bytes, table: LegacyTables.viscii)
        case "windows-1258": return LegacyCodecs.decodeWindows1258(bytes)
        default: return LegacyCodecs.decodeSingle(bytes, table: LegacyTables.cp1252)
        }
    }

    /// A sample end that does not split a line (so no VNI pair is cut).
    private static func sampleEnd(_ bytes: [UInt8], _ limit: Int) -> Int {
        var i = limit
        while i < bytes.count, bytes[i] != 0x0A, i < limit + 2000 { i += 1 }
        return min(i, bytes.count)
    }

    static func forEachSegment(_ doc: DecodedDocument, _ body: (Segment) -> Void) {
        for block in doc.blocks {
            switch block {
            case let .row(r): r.segments.forEach(body)
            case let .table(t): for row in t.rows { for cell in row { cell.segments.forEach(body) } }
            }
        }
    }

    /// Counts of telltale characters, from one pass over the UTF-8 of the text.
    struct Clues {
        var tcvn3 = 0
        var vni = 0
        var viqr = 0

        /// Telltales for U+0080–U+00FF: bit 1 = TCVN3 read as Windows-1252 (a character that
        /// is not a Vietnamese letter but is a TCVN3 letter byte), bit 2 = VNI read as Windows-1252.
        static let latin1Flags: [UInt8] = {
            var flags = [UInt8](repeating: 0, count: 256)
            let vniModifiers: Set<UInt8> = [0xE4, 0xE5, 0xE6, 0xEB, 0xEF, 0xF1, 0xF6, 0xF8, 0xFB, 0xFC, 0xEE]
            for b in 0x80...0xFF {
                let latin = LegacyTables.cp1252[b]
                guard latin >= 0x80, latin <= 0xFF else { continue }
                let isVietLetter = VietSyllable.letters[latin] != nil
                if !isVietLetter, LegacyTables.tcvn3[b] != latin { flags[Int(latin)] |= 1 }
                let lower = UInt8(latin >= 0xC0 && latin <= 0xDE && latin != 0xD7 ? latin + 0x20 : latin)
                if !isVietLetter, vniModifiers.contains(lower) { flags[Int(latin)] |= 2 }
            }
            return flags
        }()

        mutating func scan(_ text: String) {
            if let done: Void = text.utf8.withContiguousStorageIfAvailable({ scan($0) }) { return done }
            var copy = text
            copy.withUTF8 { scan($0) }
        }

        mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
            var prev: UInt8 = 0
            var prev2: UInt8 = 0
            let flags = Self.latin1Flags
            for b in bytes {
                if b < 0x80 {
                    if (b == 0x5E || b == 0x2B || b == 0x28) {
                        // VIQR: a^ e^ o^ a( o+ u+
                        switch prev | 0x20 {
                        case 0x61, 0x65, 0x6F, 0x75: viqr += 1
                        default: break
                        }
                    }
                } else if prev == 0xC2 || prev == 0xC3 {
                    let f = flags[Int((UInt32(prev & 0x1F) << 6) | UInt32(b & 0x3F))]
                    if f != 0 {
                        if f & 1 != 0 { tcvn3 += 1 }
                        if f & 2 != 0 { vni += 1 }
                    }
                } else if prev == 0xCE && b == 0xBC {
                    tcvn3 += 1 // μ for à
                } else if prev2 == 0xE2 && prev == 0x88 && (b == 0x92 || b == 0x99) {
                    tcvn3 += 1 // − for ư, ∙ for ã
                }
                prev2 = prev
                prev = b
            }
        }
    }
}
