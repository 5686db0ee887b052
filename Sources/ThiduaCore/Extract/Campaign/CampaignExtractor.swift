import Foundation

/// The campaign part of the record: theme, period, named movements, milestones
/// (from activity tables and from deadlines in prose), awards and titles,
/// anniversaries.
struct CampaignExtractor {
    let lexicon: Lexicon
    var cues: CampaignCues { lexicon.campaign }

    static let quoteOpen: Set<Character> = ["“", "\"", "«", "„"]
    static let quoteClose: Set<Character> = ["”", "\"", "»", "“"]
    static let quoteOpenScalars = Set(quoteOpen.compactMap(\.unicodeScalars.first))
    static let quoteCloseScalars = Set(quoteClose.compactMap(\.unicodeScalars.first))

    /// What the body, title and tables say of the campaign, each value with its span.
    struct Parts {
        var theme: Located<String>?
        var period: Located<VnDate>?
        var movements: [Located<String>] = []
        var milestones: [Located<Milestone>] = []
        var awards: [Located<Award>] = []
        var anniversaries: [Located<Anniversary>] = []
    }

    /// `skip`: per body paragraph, date ranges that belong to citations.
    func read(title: Paragraph?, body: [Paragraph], cells: [Paragraph], tables: [Table], issued: VnDate?,
              skip: [Int: [Range<String.Index>]]) -> Parts {
        var parts = Parts()
        let outline = PlanOutline(body)
        // Each paragraph folded once for every reader's cue search.
        let texts = body.map { CueText($0.text) }
        let themes = ThemeReader(cues: cues)
        parts.theme = themes.read(body, outline: outline, texts: texts) ?? themes.read(cells, outline: nil)
        parts.period = PeriodReader(cues: cues, issued: issued).read(title: title, body: body, outline: outline, texts: texts)
        let titled = (title.map { [$0] } ?? [])
        parts.movements = movements(titled + body + cells, theme: parts.theme?.value)
        var notDeadlines = skip
        if let ps = parts.period?.span, let i = body.firstIndex(where: { $0.span.map { $0.page == ps.page && $0.start <= ps.start && ps.start < $0.end } ?? false }) {
            // The period statement is not also a deadline.
            let p = body[i]
            for m in VnDateParser.findAll(in: p.text) where p.span(of: m.range) == ps { notDeadlines[i, default: []].append(m.range) }
        }
        parts.milestones = tableMilestones(tables) + MilestoneReader(cues: cues).read(body, outline: outline, skip: notDeadlines, texts: texts)
        parts.awards = awards(body + cells)
        parts.anniversaries = anniversaries(titled + body + cells)
        return parts
    }

    /// A name as a field holds it: spaces and emphasis trimmed, no closing punctuation.
    static func trimName(_ s: String) -> String {
        var t = s.trimmed.trimmed("*_ ")
        while let l = t.last, ".;,:".contains(l) { t.removeLast() }
        return t.trimmed
    }

    // MARK: Movements

    /// Named movements after "phong trào (thi đua)": quoted ("04 phong trào thi đua …: “A”; “B”;
    /// “C”"), with the opening quote lost, or unquoted where the name opens with a capital
    /// ("Phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa trong …").
    func movements(_ paragraphs: [Paragraph], theme: String?) -> [Located<String>] {
        var out: [Located<String>] = []
        var seen = Set<String>()
        if let theme { seen.insert(Fold.key(theme)) }
        func add(_ s: Substring, _ p: Paragraph) {
            var name = s.trimmed
            while let l = name.last, ".;,".contains(l) { name.removeLast() }
            guard name.count >= 6, name.count <= 220, name.split(separator: " ").count >= 2 else { return }
            let key = Fold.key(name)
            guard !seen.contains(key) else { return }
            seen.insert(key)
            out.append(Located(name, p.span(of: s.startIndex..<s.endIndex)))
        }
        for p in paragraphs {
            let t = p.text
            var from = t.startIndex
            while let r = t.findCaseless("phong trào", from: from) {
                from = r.upperBound
                // Up to ~90 characters to the first quote, with no sentence break in between
                // (scalar by scalar: the text is NFC and every mark looked for is one scalar).
                let us = t.unicodeScalars
                var i = r.upperBound
                var lead = 0
                var quoteAt: String.Index?
                while i < us.endIndex, lead < 90 {
                    let c = us[i]
                    if Self.quoteOpenScalars.contains(c) { quoteAt = i; break }
                    if c == "." || c == ";" || c == "\n" { break }
                    if Self.quoteCloseScalars.contains(c) { break }
                    i = us.index(after: i)
                    lead += 1
                }
                guard let q0 = quoteAt else {
                    // A name whose opening quote was lost: "Phong trào Doanh nghiệp … phát triển”".
                    let window = t[r.upperBound...].prefix(160)
                    if let close = window.firstIndex(of: "”"), !window[..<close].has("“"), !window[..<close].has(";") {
                        var body = window[..<close].drop(while: { $0 == " " })
                        if Fold.ascii(String(body)).hasPrefix("thi dua ") { body = body.dropFirst(8) }
                        if body.first?.isUppercase == true { add(body, p) }
                    } else if let name = unquotedName(t[r.upperBound...]) {
                        add(name, p)
                    }
                    continue
                }
                // Read the quoted names in a row: “A”; “B” và “C”.
                var j = q0
                while j < t.endIndex, Self.quoteOpen.contains(t[j]) {
                    let start = t.index(after: j)
                    guard let end = t[start...].firstIndex(where: { Self.quoteClose.contains($0) && $0 != "“" }) else { break }
                    add(t[start..<end], p)
                    var k = t.index(after: end)
                    // separators between names
                    var sep = ""
                    while k < t.endIndex, sep.count < 40, !Self.quoteOpen.contains(t[k]) {
                        sep.append(t[k])
                        k = t.index(after: k)
                    }
                    if !cues.folded.movementSeparators.contains(Fold.ascii(sep).trimmed) { break }
                    j = k
                }
                from = j > from ? j : from
            }
        }
        return out
    }

    /// An unquoted name right after "phong trào (thi đua)": it opens with a capital and runs
    /// to a clause break or one of the stop words (`movement.stops`), three words at least.
    func unquotedName(_ after: Substring) -> Substring? {
        var body = after.drop(while: { $0 == " " })
        if Fold.ascii(String(body.prefix(8))) == "thi dua " { body = body.dropFirst(8) }
        guard let first = body.first, first.isUppercase, !body.hasPrefix("Thi đua") else { return nil }
        let window = body.prefix(140)
        var end = window.firstIndex(where: { ",;.:()“”\"\n".contains($0) }) ?? window.endIndex
        for stop in cues.movement.stops {
            if let r = window.find(stop), r.lowerBound < end { end = r.lowerBound }
        }
        let name = window[..<end]
        let words = name.split(separator: " ").count
        guard words >= 3, words <= 16 else { return nil }
        return name
    }

    // MARK: Milestones

    /// Rows of activity tables: the task, the unit responsible, the time.
    func tableMilestones(_ tables: [Table]) -> [Located<Milestone>] {
        var out: [Located<Milestone>] = []
        let columns = cues.tables
        // A table that continues one before it (next page) has no header row of its own.
        var previous: (columns: Int, time: Int, task: Int, resp: Int?)?
        for t in tables {
            guard let header = t.rows.first else { continue }
            let names = header.map { Fold.ascii($0.text) }
            func col(_ words: [String]) -> Int? { names.firstIndex { n in words.contains { n.contains($0) } && n.count < 60 } }
            let timeCol: Int, taskCol: Int, respCol: Int?
            var dataRows = t.rows.dropFirst()
            if let tc = col(columns.time) {
                timeCol = tc
                taskCol = col(columns.task) ?? (names.count > 1 && names[0].count <= 4 ? 1 : 0)
                respCol = col(columns.responsible)
                previous = (header.count, timeCol, taskCol, respCol)
            } else if let p = previous, p.columns == header.count {
                (timeCol, taskCol, respCol) = (p.time, p.task, p.resp)
                dataRows = t.rows[...]
            } else if let p = previous, p.columns == header.count + 1, p.task >= 1, p.time >= 1 {
                // The continuation lost its number column (rows whose numbers OCR dropped).
                (timeCol, taskCol, respCol) = (p.time - 1, p.task - 1, p.resp.map { $0 - 1 })
                dataRows = t.rows[...]
            } else {
                previous = nil
                continue
            }
            for row in dataRows {
                guard row.count > max(timeCol, taskCol) else { continue }
                let task = row[taskCol].text.trimmed
                guard !task.isEmpty else { continue }
                // The row numbering the columns under the header: "(1)", "(2)", …
                if task.allSatisfy({ $0.isNumber || $0 == "(" || $0 == ")" }) { continue }
                let timeText = row[timeCol].text.trimmed
                let resp = respCol.flatMap { $0 < row.count ? row[$0].text.trimmed : nil }
                // A group heading spanning the row ("I | Nhóm nhiệm vụ …"): no time, no unit.
                if timeText.isEmpty, resp?.isEmpty ?? true { continue }
                let due = VnDateParser.parse(timeText)?.date
                let f = Fold.ascii(timeText)
                let status: String? = columns.done.contains { f.hasPrefix($0) } ? "done" : nil
                let m = Milestone(task: task, responsible: resp?.isEmpty == false ? resp : nil, due: due, status: status,
                                  text: timeText.isEmpty ? nil : timeText)
                out.append(Located(m, Span.covering(row[taskCol].segments.map(\.span))))
            }
        }
        return out
    }

    // MARK: Awards

    /// Award forms and emulation titles named in the text, with who grants them and how many.
    func awards(_ paragraphs: [Paragraph]) -> [Located<Award>] {
        var out: [Award] = []
        var spans: [Span?] = []
        let grades = cues.award.grades.flatMap { [" " + $0, " " + $0.lowercased()] }
        var order: [(Int, Int)] = []   // (paragraph, offset) of each award's first mention
        var index: [String: Int] = [:]
        let vocab = lexicon.awardVocabulary
        for (pi, p) in paragraphs.enumerated() {
            let t = p.text
            var taken: [Range<String.Index>] = []
            // Case-insensitive search on UTF-8 bytes: lowercasing keeps every byte at its offset.
            let lowered = TextBytes.lowercased(Array(t.utf8))
            for (name, type, needle) in vocab {
                var hits: [Range<String.Index>] = []
                for off in ByteSearch.all(needle, in: lowered) {
                    let a = t.utf8Index(off), b = t.utf8.index(a, offsetBy: needle.count)
                    hits.append(a..<b)
                }
                for r in hits {
                    if taken.contains(where: { $0.overlaps(r) }) { continue }
                    let before = r.lowerBound == t.startIndex ? " " : t[t.index(before: r.lowerBound)]
                    let after = r.upperBound == t.endIndex ? " " : t[r.upperBound]
                    guard !before.isLetter, !after.isLetter else { continue }
                    // A name in lowercase inside prose ("bằng khen" as a verb phrase) still counts;
                    // a name in a document's own title ("Quyết định tặng Bằng khen") is fine too.
                    var end = r.upperBound
                    var full = String(t[r])
                    // grade / level: "hạng Nhất", "hạng Nhì", "hạng Ba", "cấp tỉnh"
                    let tail = t[end...]
                    for grade in grades where tail.hasPrefix(grade) {
                        full += grade
                        end = t.index(end, offsetBy: grade.count)
                    }
                    taken.append(r.lowerBound..<end)
                    // grantor: "của Chủ tịch UBND tỉnh" right after
                    var grantor: String?
                    let after2 = t[end...].drop(while: { $0 == " " })
                    if let opener = cues.award.grantorOpeners.first(where: { after2.hasPrefix($0 + " ") }) {
                        let g = after2.dropFirst(opener.count + 1)
                        let stopChars: Set<Character> = [";", ",", ".", "(", ")", ":"]
                        var stop = g.firstIndex(where: { stopChars.contains($0) }) ?? g.endIndex
                        for w in cues.award.grantorStops {
                            if let rr = g.find(w), rr.lowerBound < stop { stop = rr.lowerBound }
                        }
                        let s = g[..<stop].trimmed
                        if !s.isEmpty, s.count <= 80 { grantor = s }
                    }
                    // quota: "không quá 01 tập thể hoặc cá nhân", "tối đa 02 …" in the same clause
                    var quota: String?
                    let clauseEnd = t[end...].firstIndex(where: { $0 == ";" || $0 == "." }) ?? t.endIndex
                    let clause = t[end..<clauseEnd]
                    for q in cues.award.quota {
                        if let qr = clause.find(q) {
                            let body = clause[qr.lowerBound...]
                            let stop = body.firstIndex(where: { $0 == "," || $0 == ")" }) ?? body.endIndex
                            quota = String(body[..<stop]).trimmed
                            break
                        }
                    }
                    let display = Fold.key(full) == Fold.key(name) ? name : name + full.dropFirst(name.count)
                    let key = Fold.key(display) + "|" + Fold.key(grantor ?? "")
                    if let i = index[key] {
                        if out[i].quota == nil { out[i].quota = quota }
                        continue
                    }
                    // The same award without a grantor, named earlier: give it this grantor.
                    if let g = grantor, let i = index[Fold.key(display) + "|"] {
                        out[i].grantor = g
                        if out[i].quota == nil { out[i].quota = quota }
                        index[key] = i
                        continue
                    }
                    if grantor == nil, index.keys.contains(where: { $0.hasPrefix(Fold.key(display) + "|") }) { continue }
                    index[key] = out.count
                    out.append(Award(type: type, name: display, grantor: grantor, quota: quota))
                    spans.append(p.span(of: r.lowerBound..<end))
                    order.append((pi, t.distance(from: t.startIndex, to: r.lowerBound)))
                }
            }
        }
        return zip(zip(out, spans), order).sorted { $0.1 < $1.1 }.map { Located($0.0.0, $0.0.1) }
    }

    // MARK: Anniversaries

    static let anniversaryRegex = try! NSRegularExpression(
        pattern: #"[Kk]ỷ niệm\s+(\d{1,4})\s+năm\s+([^();.]{4,180}?)\s*\(([^()]{4,60})\)"#)

    /// "Kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc (11/6/1948 - 11/6/2023)".
    func anniversaries(_ paragraphs: [Paragraph]) -> [Located<Anniversary>] {
        var out: [Located<Anniversary>] = []
        var seen = Set<String>()
        for p in paragraphs {
            let t = p.text
            // The regex needs "ỷ niệm": most paragraphs have none.
            guard t.has("ỷ niệm") else { continue }
            let ns = t as NSString
            for m in Self.anniversaryRegex.matches(in: t, range: NSRange(location: 0, length: ns.length)) {
                let years = Int(ns.substring(with: m.range(at: 1)))
                let event = ns.substring(with: m.range(at: 2)).trimmed
                let inside = ns.substring(with: m.range(at: 3))
                var date: VnDate?
                var since: VnDate?
                let dates = VnDateParser.findAll(in: inside).compactMap { $0.result.date }
                if let range = dates.first, range.value.has("/"), let s = range.start, let e = range.end {
                    // a range "11/6/1948 - 11/6/2023": split it into its two ends
                    let parts = range.value.split(separator: "/").map(String.init)
                    since = VnDate(text: range.text, value: parts[0], start: s, end: range.precision == .day ? s : Self.yearEnd(parts[0]),
                                   precision: range.precision)
                    date = VnDate(text: range.text, value: parts.count > 1 ? parts[1] : parts[0],
                                  start: range.precision == .day ? e : Self.yearStart(parts.count > 1 ? parts[1] : parts[0]),
                                  end: e, precision: range.precision)
                } else if dates.count >= 2 {
                    since = dates[0]
                    date = dates[1]
                } else if let d = dates.first {
                    date = d
                }
                let key = Fold.key(event)
                guard !seen.contains(key) else { continue }
                seen.insert(key)
                let span = Range(m.range, in: t).flatMap { p.span(of: $0) }
                out.append(Located(Anniversary(event: event, years: years, date: date, since: since), span))
            }
        }
        return out
    }

    static func yearStart(_ v: String) -> String? { v.count == 4 ? v + "-01-01" : v }
    static func yearEnd(_ v: String) -> String? { v.count == 4 ? v + "-12-31" : v }
}

