import Foundation

/// The campaign's own period, only from a statement about it, in this order:
/// 1. a "Thời gian thực hiện / thi đua / phát động …" heading or label at any outline
///    depth, the period being the first span in its rest or in the text under it;
/// 2. such a phrase in running text ("được phát động từ ngày … đến ngày …");
/// 3. the title's own span ("… giai đoạn 2026 - 2030", "… năm 2026"), unless the year
///    qualifies an anniversary, an occasion, a target or a horizon;
/// 4. the preamble's "ban hành Kế hoạch … giai đoạn …".
/// Nothing else: a year found elsewhere is not a period.
struct PeriodReader {
    let cues: CampaignCues
    let headings: [[UInt32]]
    let phrases: [[UInt32]]
    let notBefore: [[UInt32]]
    let planCues: [[UInt32]]
    let anniversaryCues: [[UInt32]]
    /// The issue date: "từ nay đến hết năm 2025" starts there.
    var issued: VnDate?

    init(cues: CampaignCues, issued: VnDate?) {
        self.cues = cues
        self.issued = issued
        headings = cues.folded.periodHeadings
        phrases = cues.folded.periodPhrases
        notBefore = cues.folded.notPeriodBefore
        planCues = cues.folded.planStatements
        anniversaryCues = cues.folded.anniversaries
    }

    func read(title: Paragraph?, body: [Paragraph], outline: PlanOutline, texts: [CueText]? = nil) -> Located<VnDate>? {
        let cts = texts ?? body.map { CueText($0.text) }
        return fromHeading(body, outline: outline, texts: cts) ?? fromPhrase(body, texts: cts) ?? title.flatMap(fromTitle)
            ?? fromPreamble(body, outline: outline, texts: cts)
    }

    /// A span that can be a campaign's period: a range, or a year, half, quarter or month
    /// not framed as a deadline; a day only as the end of "từ nay đến …".
    func usable(_ d: VnDate) -> Bool {
        guard d.start != nil, d.recurrence == nil else { return false }
        if d.value.contains("/") { return true }
        if d.relation == .before || d.relation == .by || d.relation == .after { return false }
        return d.precision != .day
    }

    /// The first usable span in `p` from scalar `from` on (up to `within` scalars after it).
    func firstSpan(_ p: Paragraph, ct: CueText, from: Int, within: Int = .max) -> Located<VnDate>? {
        for m in VnDateParser.findAll(in: p.text) {
            let off = ct.offset(m.range.lowerBound)
            guard off >= from else { continue }
            if within != .max, off - from > within { break }
            guard var d = m.result.date else { continue }
            if d.relation == .until, !d.value.contains("/") {
                // "Từ nay đến hết năm 2025": from the issue date; else an open start ("../2025").
                let before = ct.foldedString(max(0, off - 12)..<off)
                if before.contains("tu nay"), let s = issued?.start, let e = d.end, s <= e {
                    d = VnDate(text: "từ nay " + d.text, value: s + "/" + (d.value), start: s, end: e, precision: .day)
                } else {
                    d = Self.openStart(d)
                }
                return Located(d, p.span(of: m.range))
            }
            if usable(d) { return Located(d, p.span(of: m.range)) }
        }
        return nil
    }

    func fromHeading(_ body: [Paragraph], outline: PlanOutline, texts: [CueText]) -> Located<VnDate>? {
        var headed: [(depth: Int, value: Located<VnDate>)] = []
        var bullets: [Located<VnDate>] = []
        var bulletLabels = 0
        for (i, p) in body.enumerated() {
            let ct = texts[i]
            guard let h = ct.opens(with: headings, from: outline.items[i]?.restOffset ?? 0) else { continue }
            let bullet = outline.isBullet(i) || outline.items[i] == nil && outline.depth(i) >= 2
            if bullet { bulletLabels += 1 }
            var found = firstSpan(p, ct: ct, from: h.upperBound)
            if found == nil, !bullet {
                for j in outline.section(of: i, limit: 3) {
                    let q = body[j]
                    if let f = firstSpan(q, ct: texts[j], from: 0) { found = f; break }
                }
            }
            guard let f = found else { continue }
            if bullet { bullets.append(f) } else { headed.append((outline.depth(i), f)) }
        }
        // A numbered heading ("3. Thời gian thực hiện") states the plan's period; labels on
        // list items are each task's own time when there are several ("- Thời gian thực hiện: Quý IV").
        if let best = headed.min(by: { $0.depth < $1.depth }) { return best.value }
        return bulletLabels == 1 ? bullets.first : nil
    }

    func fromPhrase(_ body: [Paragraph], texts: [CueText]) -> Located<VnDate>? {
        for (i, p) in body.enumerated() {
            let ct = texts[i]
            // A paragraph opening with the cue is a label, read (or refused) by `fromHeading`.
            let label = ct.opens(with: headings, from: Outline.marker(in: p.text).map { p.text.unicodeScalars.count - $0.rest.unicodeScalars.count } ?? 0)
            for hit in ct.all(of: phrases) where label == nil || hit.lowerBound > label!.upperBound + 40 {
                // "từ" may be the cue's last word: the span starts at it.
                let from = max(0, hit.upperBound - 3)
                if let f = firstSpan(p, ct: ct, from: from, within: 30), f.value.value.contains("/") || f.value.precision != .day {
                    return f
                }
            }
        }
        return nil
    }

    /// "đến năm 2030": the end is stated, the start is not (EDTF "../2030").
    static func openStart(_ d: VnDate) -> VnDate {
        VnDate(text: d.text, value: "../" + d.value, start: nil, end: d.end, precision: d.precision, relation: .until)
    }

    /// The title's own span: "giai đoạn 2021 - 2025", "năm 2023", "(2021-2025)", "… đến năm 2030".
    func fromTitle(_ title: Paragraph) -> Located<VnDate>? {
        let ct = CueText(title.text)
        var found: [Located<VnDate>] = []
        for m in VnDateParser.findAll(in: title.text) {
            guard var d = m.result.date, usable(d), d.precision == .year || d.value.contains("/"), d.relation != .from else { continue }
            if d.relation == .until, !d.value.contains("/") { d = Self.openStart(d) }
            let off = ct.offset(m.range.lowerBound)
            if qualifiesSomethingElse(ct, at: off) { continue }
            found.append(Located(d, title.span(of: m.range)))
        }
        return found.first(where: { $0.value.value.contains("/") }) ?? found.first
    }

    /// A year after "kỷ niệm", "chào mừng", "Đại hội", "tầm nhìn", "đến năm" … in the same
    /// phrase, or inside the parentheses of an anniversary, belongs to that, not to the plan.
    func qualifiesSomethingElse(_ ct: CueText, at off: Int) -> Bool {
        var a = off
        var steps = 0
        while a > 0, steps < 60 {
            let v = ct.folded[a - 1]
            if v == 0x2C || v == 0x3B || v == 0x2E || v == 0x3A { break }
            a -= 1
            steps += 1
        }
        let window = a..<off
        if ct.first(of: notBefore, in: window) != nil { return true }
        // "(19/8/1945 - 19/8/2025)" after "kỷ niệm 80 năm …"
        if off > 0, ct.folded[off - 1] == 0x28 || (off > 1 && ct.folded[off - 2] == 0x28) {
            let back = max(0, off - 160)..<off
            if ct.first(of: anniversaryCues, in: back) != nil { return true }
        }
        return false
    }

    /// Before the first heading: "UBND tỉnh ban hành Kế hoạch … giai đoạn 2026 - 2030 như sau".
    func fromPreamble(_ body: [Paragraph], outline: PlanOutline, texts: [CueText]) -> Located<VnDate>? {
        for (i, p) in body.prefix(12).enumerated() {
            if outline.items[i] != nil { break }
            let ct = texts[i]
            guard let plan = ct.first(of: planCues) else { continue }
            for m in VnDateParser.findAll(in: p.text) {
                guard let d = m.result.date, usable(d), d.precision == .year || d.value.contains("/") else { continue }
                let off = ct.offset(m.range.lowerBound)
                guard off > plan.upperBound, off - plan.upperBound < 200 else { continue }
                // The same sentence, and no other document's number in between.
                let between = ct.foldedString(plan.upperBound..<off)
                if between.contains(". ") || between.contains(";") || between.contains(" so ") { continue }
                if qualifiesSomethingElse(ct, at: off) { continue }
                return Located(d, p.span(of: m.range))
            }
        }
        return nil
    }
}
