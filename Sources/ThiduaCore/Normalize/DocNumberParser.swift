import Foundation

/// Reads the "số và ký hiệu" of documents (RECORD.md, "DocNumber"; Nghị định 30/2020/NĐ-CP
/// and Hướng dẫn 36-HD/VPTW):
/// - state `56/KH-SNN`, `7705/CT-BNN-TCCB`, with year `98/2023/NĐ-CP`, laws `55/2024/QH15`,
///   công văn `1734/BNN-TCCB` (no kind code: the first code is not in `kindCodes`);
/// - Party `34-CT/TW`; the state-style variant `259/KH/TU` is read as Party, not well-formed;
/// - the older state form with a year and a second slash, `144/2002/QĐ/BTC` (canonical `144/2002/QĐ-BTC`).
/// A code opens with a capital and holds letters (Vietnamese capitals, the one lowercase letter
/// of TTr, QĐi, TTg), digits and "&". Stray spaces before "/" are dropped from `canonical`;
/// so are the spaces of a line-wrap inside the codes ("884/KH -UBND").
/// Input is expected in NFC (the Repair stage's output); `parse` normalizes its input itself.
public enum DocNumberParser {
    /// Reads a document number ("56/KH-SNN", "Số: /KH-UBND", "34-CT/TW"). `kindCodes` are the
    /// official kind codes (KH, QĐ, CT, …) that tell a kind code from an issuer code.
    public static func parse(_ text: String, kindCodes: Set<String>) -> DocNumber? {
        let nfc = text.precomposedStringWithCanonicalMapping
        return Tokenizer.withBytes(nfc) { p -> DocNumber? in
            let t = Tokenizer.tokenize(p)
            let r = NumberGrammar(t: t, p: p, kindCodes: kindCodes, header: true)
            var i = 0
            if i < t.count, t[i].kind == .word, t[i].key == NumberGrammar.so {
                i += 1
                if i < t.count, t[i].kind == .punct, t[i].value == 0x3A || t[i].value == 0x2E { i += 1 }
            }
            while i < t.count, t[i].kind == .punct, [0x2E, 0x2026, 0x5F].contains(t[i].value) { i += 1 }
            if i < t.count, let (n, _) = r.read(at: i) { return n }
            // Not at the start: the first number in the text ("Kế hoạch số 56/KH-SNN").
            let scan = NumberGrammar(t: t, p: p, kindCodes: kindCodes, header: false)
            for j in 0..<t.count where t[j].kind == .number {
                if let (n, _) = scan.read(at: j) { return n }
            }
            return nil
        }
    }

    /// Every document number in running text, left to right. A number whose serial is blank
    /// is read only by `parse` (the header's "Số:" line).
    public static func findAll(in text: String, kindCodes: Set<String>) -> [DocNumberMatch] {
        Tokenizer.withBytes(text) { p -> [DocNumberMatch] in
            guard Tokenizer.contains(p, where: { $0 == 0x2F }) else { return [] }
            let t = Tokenizer.tokenize(p)
            let r = NumberGrammar(t: t, p: p, kindCodes: kindCodes, header: false)
            var out: [DocNumberMatch] = []
            var i = 0
            while i < t.count {
                if t[i].kind == .number, let (n, span) = r.read(at: i) {
                    out.append(DocNumberMatch(range: Tokenizer.range(in: text, span.lowerBound, span.upperBound), number: n))
                    while i < t.count && t[i].start < span.upperBound { i += 1 }
                } else {
                    i += 1
                }
            }
            return out
        }
    }
}

struct NumberGrammar {
    static let so = WordKey("số")

    let t: [Token]
    let p: UnsafeBufferPointer<UInt8>
    let kindCodes: Set<String>
    /// Reading a header "Số:" line: blank serials and looser spacing are allowed.
    let header: Bool

    @inline(__always) func punct(_ i: Int, _ c: UInt32) -> Bool {
        i < t.count && t[i].kind == .punct && t[i].value == Int(c)
    }
    @inline(__always) func touching(_ i: Int) -> Bool { i < t.count && !t[i].spaced }

    /// A code starting at token `i`: its text, the token after it, its end byte, and whether it
    /// was cut inside a word (text glued after it: "SNNngày").
    /// A code has two capitals, or one capital and digits ("C06", "P3"); its lowercase letters are
    /// single plain Latin letters (TTr, QĐi, TTg, QyĐ). "Sở", "Nội", "Ba" are words, not codes.
    func code(at i: Int) -> (String, Int, Int, Bool)? {
        guard i < t.count, t[i].kind == .word, t[i].capital else { return nil }
        let s = t[i].start
        var k = i
        var end = s
        var cut = false
        var uppers = 0
        var digits = false
        scan: while k < t.count, k == i || !t[k].spaced {
            let tok = t[k]
            switch tok.kind {
            case .number:
                digits = true
                end = tok.end
                k += 1
                continue scan
            case .punct:
                // "&" joins "SNN&PTNT"; a trailing one does not belong.
                guard tok.value == 0x26, k + 1 < t.count, !t[k + 1].spaced, t[k + 1].kind == .word else { break scan }
                end = tok.end
                k += 1
                continue scan
            case .word:
                // Two lowercase letters in a row are running text glued after the code.
                var j = tok.start
                var prevLower = false
                while j < tok.end {
                    let (v, l) = Tokenizer.decode(p, j)
                    if ScalarClass.isUpper(v) {
                        uppers += 1
                        prevLower = false
                    } else {
                        if prevLower || v >= 0x80 {
                            end = prevLower ? j - 1 : j
                            cut = true
                            break scan
                        }
                        prevLower = true
                    }
                    j += l
                }
                end = tok.end
                k += 1
            }
        }
        guard end > s, uppers >= 2 || (uppers == 1 && digits) else { return nil }
        return (Tokenizer.string(p, s, end), k, end, cut)
    }

    /// Codes joined by "-" from token `i`: "BNN-TCCB", "CT-BNN-TCCB"; returns the token after
    /// the last code, the end byte, whether a dash was left hanging and whether a code was cut.
    func codes(at i: Int) -> ([String], Int, Int, Bool)? {
        guard let (c0, k0, e0, cut0) = code(at: i) else { return nil }
        var list = [c0]
        var k = k0, end = e0
        var hanging = false
        if cut0 { return (list, k, end, false) }
        while k < t.count, t[k].kind == .punct, t[k].value == 0x2D || t[k].value == 0x2013 {
            let spaceBefore = t[k].spaced
            let spaceAfter = k + 1 < t.count && t[k + 1].spaced
            let next = code(at: k + 1)
            // "884/KH -UBND" and "BYT- BTP" are line-wraps; "KH - UBND tỉnh" is not.
            let ok: Bool
            if let next, !(spaceBefore && spaceAfter) {
                ok = header || !spaceAfter || (next.0.unicodeScalars.count >= 2 && next.0.unicodeScalars.allSatisfy {
                    ScalarClass.isUpper($0.value) || !ScalarClass.isLetter($0.value) })
            } else if let next, header, next.0.unicodeScalars.allSatisfy({ ScalarClass.isUpper($0.value) || !ScalarClass.isLetter($0.value) }) {
                ok = true
            } else { ok = false }
            guard ok, let (c, kk, e, cut) = next else {
                if header, next == nil, k + 1 >= t.count || t[k + 1].spaced { hanging = true; end = t[k].end }
                break
            }
            list.append(c)
            k = kk
            end = e
            if cut { break }
        }
        return (list, k, end, hanging)
    }

    /// The official kind code this code is: as printed, or printed in other capitals ("QĐI" for QĐi).
    func kindCode(_ code: String) -> String? {
        if kindCodes.contains(code) { return code }
        guard code.unicodeScalars.contains(where: { ScalarClass.isUpper($0.value) }) else { return nil }
        let up = code.uppercased()
        return kindCodes.first { $0.count == code.count && $0.uppercased() == up }
    }

    /// True where a digit run at `i` continues something else ("01:2019/BCT", "Km2", "30.000đ/kg").
    func badLeft(_ i: Int) -> Bool {
        guard i > 0, !t[i].spaced else { return false }
        let prev = t[i - 1]
        switch prev.kind {
        case .number: return true
        case .word: return prev.key != Self.so
        case .punct:
            if prev.value == 0x3A { return !(i >= 2 && t[i - 2].kind == .word && t[i - 2].key == Self.so) }
            switch prev.value {
            case 0x2F, 0x2E, 0x2C, 0x2D, 0x2B, 0x26, 0x5F, 0x2010...0x2014: return true
            default: return false
            }
        }
    }

    /// A number at token `i`: a serial, or (in a header) the "/" or "-" after a blank serial.
    func read(at i: Int) -> (DocNumber, Range<Int>)? {
        var j = i
        var serial: String?
        if t[i].kind == .number {
            guard t[i].length <= 6, !badLeft(i) else { return nil }
            serial = Tokenizer.string(p, t[i].start, t[i].end)
            j += 1
        } else if !header {
            return nil
        }
        guard j < t.count, t[j].kind == .punct else { return nil }
        let startByte = t[i].start
        let sep = t[j].value
        if serial != nil, !header, sep == 0x2D, t[j].spaced { return nil }

        func finish(_ n: DocNumber, _ end: Int) -> (DocNumber, Range<Int>) {
            var n = n
            n.text = Tokenizer.string(p, startByte, end)
            return (n, startByte..<end)
        }

        if sep == 0x2F {
            var k = j + 1
            if !header && !touching(k) { return nil }
            var year: Int?
            if k + 2 < t.count, t[k].kind == .number, t[k].length == 4, (1800...2100).contains(t[k].value),
               punct(k + 1, 0x2F), touching(k + 1), touching(k + 2) {
                year = t[k].value
                k += 2
            }
            guard let (list, k2, end0, hanging) = codes(at: k) else { return nil }
            // "259/KH/TU": a Party number written state-style.
            if year == nil, list.count == 1, let kc = kindCode(list[0]), punct(k2, 0x2F), touching(k2), touching(k2 + 1),
               let (iss, _, end, _) = codes(at: k2 + 1) {
                let n = DocNumber(text: "", serial: serial, year: nil, kind: kc, issuers: iss,
                                  canonical: "\(serial ?? "")-\(list[0])/\(iss.joined(separator: "-"))",
                                  style: .party, wellFormed: false)
                return finish(n, end)
            }
            // "144/2002/QĐ/BTC": the older state form, the issuer after a second slash.
            if year != nil, list.count == 1, let kc = kindCode(list[0]), punct(k2, 0x2F), touching(k2), touching(k2 + 1),
               let (iss, _, end, hanging) = codes(at: k2 + 1) {
                let n = DocNumber(text: "", serial: serial, year: year, kind: kc, issuers: iss,
                                  canonical: "\(serial ?? "")/\(year!)/\(kc)-\(iss.joined(separator: "-"))",
                                  style: .state, wellFormed: !hanging)
                return finish(n, end)
            }
            let kind = kindCode(list[0])
            let issuers = kind == nil ? list : Array(list.dropFirst())
            let canonical = "\(serial ?? "")/" + (year.map { "\($0)/" } ?? "") + list.joined(separator: "-")
            let n = DocNumber(text: "", serial: serial, year: year, kind: kind, issuers: issuers, canonical: canonical,
                              style: .state, wellFormed: !hanging && !issuers.isEmpty)
            return finish(n, end0)
        }
        if sep == 0x2D || sep == 0x2013 {
            let k = j + 1
            if !header && !touching(k) { return nil }
            guard let (kc, k2, _, cut) = code(at: k), !cut, punct(k2, 0x2F) else { return nil }
            // A Party kind outside the table ("123-CV/TU") is still a Party number, without a kind.
            let kind = kindCode(kc)
            guard header || (touching(k2) && touching(k2 + 1)), let (iss, _, end, hanging) = codes(at: k2 + 1) else { return nil }
            let n = DocNumber(text: "", serial: serial, year: nil, kind: kind, issuers: iss,
                              canonical: "\(serial ?? "")-\(kc)/\(iss.joined(separator: "-"))",
                              style: .party, wellFormed: !hanging)
            return finish(n, end)
        }
        return nil
    }
}
