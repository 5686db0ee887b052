import Foundation

/// The campaign's theme or slogan: under a "Chủ đề"/"Khẩu hiệu" heading or label, or
/// quoted after "với chủ đề" in running text. Nothing without such a statement.
struct ThemeReader {
    let cues: CampaignCues
    let headings: [[UInt32]]
    let phrases: [[UInt32]]

    init(cues: CampaignCues) {
        self.cues = cues
        headings = cues.folded.themeHeadings
        phrases = cues.folded.themePhrases
    }

    /// `texts`: the paragraphs' folded texts, where the caller has them already.
    func read(_ paragraphs: [Paragraph], outline: PlanOutline?, texts: [CueText]? = nil) -> Located<String>? {
        let cts = texts ?? paragraphs.map { CueText($0.text) }
        if let outline, let t = fromHeading(paragraphs, outline: outline, texts: cts) { return t }
        return fromPhrase(paragraphs, texts: cts)
    }

    /// "1. Chủ đề thi đua" with the slogan below, or "Chủ đề: “…”" / "Khẩu hiệu thi đua: …".
    func fromHeading(_ paragraphs: [Paragraph], outline: PlanOutline, texts: [CueText]) -> Located<String>? {
        for (i, p) in paragraphs.enumerated() {
            let ct = texts[i]
            guard let h = ct.opens(with: headings, from: outline.items[i]?.restOffset ?? 0) else { continue }
            if let q = Quotes.first(in: p, ct: ct, from: h.upperBound, within: 60) { return q }
            // A label: "Chủ đề: Đổi mới, sáng tạo" (the rest of the sentence).
            var k = h.upperBound
            while k < ct.folded.count, CueText.isSpace(ct.folded[k]) || ct.folded[k] == 0x2A { k += 1 }
            if k < ct.folded.count, ct.folded[k] == 0x3A {
                let rest = Self.sentence(p, ct: ct, from: k + 1)
                if let rest, rest.value.count >= 8 { return rest }
            }
            // A heading: the slogan is the paragraph under it.
            for j in outline.section(of: i, limit: 2) {
                let q = paragraphs[j]
                let qt = texts[j]
                if let s = Quotes.first(in: q, ct: qt, from: 0, within: 20) { return s }
                let body = Outline.marker(in: q.text).map { String($0.rest) } ?? q.text
                if body.count >= 8, body.count <= 200, outline.items[j] == nil || outline.isBullet(j) {
                    return Located(CampaignExtractor.trimName(body), q.span)
                }
            }
        }
        return nil
    }

    /// "… với chủ đề “Đoàn kết, sáng tạo …”": a quote within a few words of the cue.
    func fromPhrase(_ paragraphs: [Paragraph], texts: [CueText]) -> Located<String>? {
        for (i, p) in paragraphs.enumerated() {
            let ct = texts[i]
            for hit in ct.all(of: phrases) {
                if let q = Quotes.first(in: p, ct: ct, from: hit.upperBound, within: 40) { return q }
            }
        }
        return nil
    }

    /// From `from` to the end of the sentence, trimmed of spaces and emphasis.
    static func sentence(_ p: Paragraph, ct: CueText, from: Int) -> Located<String>? {
        var a = from
        while a < ct.folded.count, CueText.isSpace(ct.folded[a]) || ct.folded[a] == 0x2A { a += 1 }
        var b = a
        while b < ct.folded.count, ct.folded[b] != 0x2E || (b + 1 < ct.folded.count && !CueText.isSpace(ct.folded[b + 1])),
              ct.folded[b] != 0x3B { b += 1 }
        guard b > a else { return nil }
        let r = ct.index(a)..<ct.index(b)
        return Located(CampaignExtractor.trimName(String(p.text[r])), p.span(of: r))
    }
}

/// Quoted text: “…”, "…", «…».
enum Quotes {
    static let open = Set(CampaignExtractor.quoteOpenScalars.map(\.value))
    /// Only marks that can close nothing else: a straight quote or a “ opens the next quote.
    static let close: Set<UInt32> = [0x201D, 0xBB]

    /// The first quoted text opening within `within` scalars after `from`, with no
    /// sentence break before the quote; at least 8 characters long.
    static func first(in p: Paragraph, ct: CueText, from: Int, within: Int) -> Located<String>? {
        var i = from
        let limit = min(ct.folded.count, from + within)
        while i < limit {
            let v = ct.folded[i]
            if open.contains(v) { break }
            if v == 0x2E || v == 0x3B || close.contains(v) { return nil }
            i += 1
        }
        guard i < limit else { return nil }
        let a = i + 1
        var b = a
        let o = ct.folded[i]
        let closers: Set<UInt32> = o == 0x22 ? [0x22] : o == 0xAB ? [0xBB] : [0x201D, 0x22]
        while b < ct.folded.count, !closers.contains(ct.folded[b]) { b += 1 }
        guard b < ct.folded.count, b - a >= 8 else { return nil }
        let r = ct.index(a)..<ct.index(b)
        return Located(CampaignExtractor.trimName(String(p.text[r])), p.span(of: r))
    }
}
