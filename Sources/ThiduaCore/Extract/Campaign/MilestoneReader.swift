import Foundation

/// Deadlines and scheduled times written in prose: a date framed as a deadline
/// ("trước ngày …", "chậm nhất …", "hoàn thành trong tháng …", "trong Quý IV …",
/// "định kỳ hằng năm (trước ngày 15 tháng 11)"), with the clause around it as the
/// task and who is responsible ("Giao Sở … chủ trì", or the item it stands under).
/// Not deadlines: citation dates, targets ("đến năm 2030"), horizons, anniversaries,
/// and the period itself.
struct MilestoneReader {
    let cues: CampaignCues
    let frames: [[UInt32]]
    let notDeadline: [[UInt32]]
    let yearly: [[UInt32]]
    let leads: [[UInt32]]
    let responsible: ResponsibleReader

    init(cues: CampaignCues) {
        self.cues = cues
        frames = cues.folded.deadlineFrames
        notDeadline = cues.folded.notDeadline
        yearly = cues.folded.yearly
        leads = cues.folded.yearlyLeads
        responsible = ResponsibleReader(cues: cues)
    }

    /// `skip`: per paragraph, ranges that are not deadlines (citations, the period statement).
    func read(_ paragraphs: [Paragraph], outline: PlanOutline, skip: [Int: [Range<String.Index>]],
              texts: [CueText]? = nil) -> [Located<Milestone>] {
        var out: [Located<Milestone>] = []
        let texts = texts ?? paragraphs.map { CueText($0.text) }
        for (pi, p) in paragraphs.enumerated() {
            let matches = VnDateParser.findAll(in: p.text)
            let ct = texts[pi]
            var covered: [Range<String.Index>] = []
            for m in matches {
                if let ranges = skip[pi], ranges.contains(where: { $0.overlaps(m.range) }) { continue }
                guard let d = m.result.date, isDeadline(d, ct: ct, range: m.range) else { continue }
                covered.append(m.range)
                for one in Self.splitList(d) {
                    out.append(milestone(one, range: m.range, in: p, index: pi, outline: outline, texts: texts))
                }
            }
            out += yearlyWithoutYear(p, index: pi, covered: covered, outline: outline, texts: texts)
        }
        return out
    }

    func isDeadline(_ d: VnDate, ct: CueText, range: Range<String.Index>) -> Bool {
        let off = ct.offset(range.lowerBound)
        let end = ct.offset(range.upperBound)
        let clause = clauseStart(ct, before: off)
        let before = max(clause, off - 48)..<min(ct.folded.count, off + 12)
        if ct.first(of: notDeadline, in: max(clause, off - 24)..<min(ct.folded.count, off + 9)) != nil { return false }
        if ct.first(of: notDeadline, in: end..<min(ct.folded.count, end + 16)) != nil { return false }
        let framed = ct.first(of: frames, in: before) != nil
        // A span of whole years ("2021 - 2025") is a phase or a period, not a deadline.
        if d.precision == .year, d.value.contains("/") { return false }
        switch d.relation {
        case .before?, .by?: return true
        case .until?: return framed && d.precision == .day
        case .after?: return false
        case .from?: return framed
        case nil: return framed && (d.start != nil || d.recurrence != nil)
        }
    }

    /// "vào tháng 4 và tháng 8 năm 2026": two times, not the months between (the date parser
    /// reads a list of months as one span, right for "tháng 10, 11" but not for months apart).
    static func splitList(_ d: VnDate) -> [VnDate] {
        guard d.precision == .month, Fold.ascii(d.text).contains(" va "), !Fold.ascii(d.text).contains(" den "),
              let s = d.start, let e = d.end, let m1 = Int(s.dropFirst(5).prefix(2)), let m2 = Int(e.dropFirst(5).prefix(2)),
              m2 - m1 > 1 else { return [d] }
        let y = String(s.prefix(4))
        func month(_ m: Int, end: String) -> VnDate {
            let v = "\(y)-\(Calendarian.pad2(m))"
            return VnDate(text: d.text, value: v, start: v + "-01", end: end, precision: .month, relation: d.relation)
        }
        let firstEnd = "\(y)-\(Calendarian.pad2(m1))-\(Calendarian.pad2(Calendarian.daysIn(month: m1, year: Int(y) ?? 2001)))"
        return [month(m1, end: firstEnd), month(m2, end: e)]
    }

    /// The clause around a date: from the previous ";" / "." / ":" (not one inside a number) to the next.
    func clauseStart(_ ct: CueText, before off: Int) -> Int {
        var a = off
        while a > 0 {
            let v = ct.folded[a - 1]
            if v == 0x3B || v == 0x0A { break }
            if v == 0x2E, !(a >= 2 && ct.folded[a - 2] >= 0x30 && ct.folded[a - 2] <= 0x39) { break }
            a -= 1
        }
        return a
    }

    func clauseEnd(_ ct: CueText, after off: Int) -> Int {
        var b = off
        while b < ct.folded.count {
            let v = ct.folded[b]
            if v == 0x3B || v == 0x0A { break }
            if v == 0x2E, !(b + 1 < ct.folded.count && ct.folded[b + 1] >= 0x30 && ct.folded[b + 1] <= 0x39) { break }
            b += 1
        }
        return b
    }

    func milestone(_ d: VnDate, range: Range<String.Index>, in p: Paragraph, index: Int,
                   outline: PlanOutline, texts: [CueText]) -> Located<Milestone> {
        let ct = texts[index]
        let off = ct.offset(range.lowerBound)
        let a = clauseStart(ct, before: off), b = clauseEnd(ct, after: ct.offset(range.upperBound))
        var task = String(p.text[ct.index(a)..<ct.index(b)]).trimmed
        if task.hasPrefix("- ") || task.hasPrefix("+ ") { task.removeFirst(2) }
        if let mk = Outline.marker(in: task) { task = String(mk.rest) }
        let who = responsible.read(index: index, outline: outline, texts: texts)
        return Located(Milestone(task: task, responsible: who, due: d, status: nil, text: d.text), p.span(of: range))
    }

    /// "… hằng năm (trước ngày 15 tháng 11)": a day and month without a year in a clause
    /// that says the task recurs every year.
    func yearlyWithoutYear(_ p: Paragraph, index: Int, covered: [Range<String.Index>],
                           outline: PlanOutline, texts: [CueText]) -> [Located<Milestone>] {
        let ct = texts[index]
        guard ct.first(of: yearly) != nil else { return [] }
        var out: [Located<Milestone>] = []
        for hit in ct.all(of: leads) {
            guard let (day, month, end) = Self.dayMonth(ct, from: hit.upperBound) else { continue }
            let r = ct.index(hit.lowerBound)..<ct.index(end)
            if covered.contains(where: { $0.overlaps(r) }) { continue }
            let lead = ct.foldedString(hit)
            let relation: VnDate.Relation? = lead.hasPrefix("truoc") ? .before : lead.hasPrefix("cham") ? .by : nil
            let phrase = String(p.text[r])
            let value = "XXXX-\(Calendarian.pad2(month))-\(Calendarian.pad2(day))"
            let date = VnDate(text: phrase, value: value, start: nil, end: nil, precision: .day, relation: relation,
                              recurrence: .yearly)
            out.append(milestone(date, range: r, in: p, index: index, outline: outline, texts: texts))
        }
        return out
    }

    /// "15 tháng 11" or "15/11" with no year after it: (day, month, end offset).
    static func dayMonth(_ ct: CueText, from: Int) -> (Int, Int, Int)? {
        let f = ct.folded
        var k = from
        func skipSpaces() { while k < f.count, CueText.isSpace(f[k]) { k += 1 } }
        func number() -> Int? {
            var n = 0, len = 0
            while k < f.count, f[k] >= 0x30, f[k] <= 0x39, len < 3 { n = n * 10 + Int(f[k] - 0x30); k += 1; len += 1 }
            return len > 0 ? n : nil
        }
        skipSpaces()
        guard let day = number() else { return nil }
        skipSpaces()
        if k < f.count, f[k] == 0x2F { k += 1 } else if let e = ct.match(CueText.scalars("thang"), at: k) { k = e } else { return nil }
        skipSpaces()
        guard let month = number(), (1...12).contains(month), day >= 1, day <= Calendarian.maxDays(month: month) else { return nil }
        let end = k
        // A year after it makes it an ordinary date (read by the date parser).
        skipSpaces()
        if k < f.count, f[k] == 0x2F || f[k] == 0x2D { return nil }
        if ct.match(CueText.scalars("nam"), at: k) != nil {
            var j = k + 3
            while j < f.count, CueText.isSpace(f[j]) { j += 1 }
            if j < f.count, f[j] >= 0x30, f[j] <= 0x39 { return nil }
        }
        return (day, month, end)
    }

}

/// Who carries out a task: "Giao Sở Tư pháp theo dõi …" → "Sở Tư pháp"; "Sở Tài chính chủ
/// trì, phối hợp …" → "Sở Tài chính"; else the item the paragraph stands under, where that
/// opens with a body ("3. Sở Nội vụ: …").
struct ResponsibleReader {
    let before: [[UInt32]]
    let after: [[UInt32]]
    let bodies: [String]
    let longestBody: Int

    init(cues: CampaignCues) {
        before = cues.folded.responsibleBefore
        after = cues.folded.responsibleAfter
        bodies = cues.folded.bodies
        longestBody = bodies.map { $0.unicodeScalars.count }.max() ?? 0
    }

    /// `texts`: the folded paragraphs; `index` the task's.
    func read(index: Int, outline: PlanOutline, texts: [CueText]) -> String? {
        if let s = inSentence(texts[index], restOffset: outline.items[index]?.restOffset ?? 0) { return s }
        for j in outline.enclosing[index].reversed() {
            if let s = inSentence(texts[j], restOffset: outline.items[j]?.restOffset ?? 0) { return s }
        }
        return nil
    }

    func inSentence(_ ct: CueText, restOffset: Int) -> String? {
        let text = ct.text
        // "Giao X …"
        if let g = ct.opens(with: before, from: restOffset) {
            return body(in: ct, from: g.upperBound)
        }
        // "X chủ trì …" / "X: …" at the start of the item.
        var start = restOffset
        while start < ct.folded.count, CueText.isSpace(ct.folded[start]) || ct.folded[start] == 0x2A { start += 1 }
        // Only as much of the rest as the longest body name needs (a few scalars spare for
        // marks): copying the whole rest for each task of a long paragraph was quadratic.
        let rest = text.unicodeScalars[ct.index(start)...].prefix(longestBody + 8)
        let restString = String(String.UnicodeScalarView(rest))
        guard bodies.contains(where: { restString.hasPrefix($0 + " ") }) else { return nil }
        return body(in: ct, from: start)
    }

    /// A body's name from `from`: up to a responsibility verb, a colon or a comma.
    func body(in ct: CueText, from: Int) -> String? {
        var a = from
        while a < ct.folded.count, CueText.isSpace(ct.folded[a]) { a += 1 }
        var b = a
        while b < ct.folded.count {
            let v = ct.folded[b]
            if v == 0x3A || v == 0x2C || v == 0x3B || v == 0x2E || v == 0x28 { break }
            if CueText.isSpace(v), let _ = after.first(where: { ct.match($0, at: b + 1) != nil }) { break }
            b += 1
            if b - a > 90 { return nil }
        }
        let name = String(ct.text[ct.index(a)..<ct.index(b)]).trimmed
        guard name.count >= 3, name.split(separator: " ").count <= 14, name.first?.isUppercase == true else { return nil }
        return name
    }
}
