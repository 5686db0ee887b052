import Foundation

/// The campaign part of the record: theme, period, named movements, milestones
/// (from activity tables and from deadlines in prose), awards and titles,
/// anniversaries.
struct CampaignExtractor {
    let lexicon: Lexicon

    static let quoteOpen: Set<Character> = ["“", "\"", "«", "„"]
    static let quoteClose: Set<Character> = ["”", "\"", "»", "“"]
    static let quoteOpenScalars = Set(quoteOpen.compactMap(\.unicodeScalars.first))
    static let quoteCloseScalars = Set(quoteClose.compactMap(\.unicodeScalars.first))

    // MARK: Theme

    /// "chủ đề thi đua “…”", "với chủ đề: “…”", "Chủ đề: …".
    func theme(_ paragraphs: [Paragraph]) -> (String, Span?)? {
        for p in paragraphs {
            let t = p.text
            var from = t.startIndex
            while let r = t.findCaseless("chủ đề", from: from) {
                from = r.upperBound
                var rest = t[r.upperBound...]
                // skip "thi đua", "năm 2023", ":" before the quote
                let lead = rest.prefix(40)
                guard let q = lead.firstIndex(where: { Self.quoteOpen.contains($0) }) else {
                    // "Chủ đề: Đoàn kết, …" up to the end of the sentence.
                    let r2 = rest.drop(while: { $0 == " " })
                    if r2.hasPrefix(":") {
                        let body = r2.dropFirst().drop(while: { $0 == " " })
                        let end = body.firstIndex(where: { ".;\n".contains($0) }) ?? body.endIndex
                        let s = String(body[..<end]).trimmed
                        if s.count >= 8 { return (s, p.span(of: body.startIndex..<end)) }
                    }
                    continue
                }
                let between = Fold.ascii(String(rest[rest.startIndex..<q]))
                guard between.count < 30 || between.has("thi dua") else { continue }
                rest = rest[rest.index(after: q)...]
                guard let e = rest.firstIndex(where: { Self.quoteClose.contains($0) }) else { continue }
                let s = String(rest[..<e]).trimmed
                if s.count >= 8 { return (s, p.span(of: rest.startIndex..<e)) }
            }
        }
        return nil
    }

    // MARK: Movements

    /// Quoted names after "phong trào (thi đua)": "04 phong trào thi đua …: “A”; “B”; “C”".
    func movements(_ paragraphs: [Paragraph], theme: String?) -> [(String, Span?)] {
        var out: [(String, Span?)] = []
        var seen = Set<String>()
        if let theme { seen.insert(Fold.key(theme)) }
        func add(_ s: Substring, _ p: Paragraph) {
            var name = s.trimmed
            while let l = name.last, ".;,".contains(l) { name.removeLast() }
            guard name.count >= 6, name.count <= 220, name.split(separator: " ").count >= 2 else { return }
            let key = Fold.key(name)
            guard !seen.contains(key) else { return }
            seen.insert(key)
            out.append((name, p.span(of: s.startIndex..<s.endIndex)))
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
                    let s = Fold.ascii(sep).trimmed
                    let ok = ["", ";", ",", "va", "; va", ", va", "phong trao", "; phong trao", "; phong trao thi dua", "phong trao thi dua",
                              ", phong trao thi dua", ", phong trao"].contains(s)
                    if !ok { break }
                    j = k
                }
                from = j > from ? j : from
            }
        }
        return out
    }

    // MARK: Period

    /// The campaign's period: an explicit "Thời gian …: từ … đến …" statement, else the
    /// title's span ("giai đoạn 2021 - 2025", "năm 2023"), else the first "giai đoạn" in the body.
    func period(title: Paragraph?, body: [Paragraph]) -> (VnDate, Span?)? {
        func usable(_ d: VnDate) -> Bool {
            d.relation == nil && d.recurrence == nil && d.start != nil && d.precision != .day || (d.value.has("/") && d.start != nil)
        }
        for p in body {
            let f = Fold.ascii(p.text)
            guard f.hasPrefix("thoi gian") || f.has("thoi gian phat dong") || f.has("thoi gian thi dua")
                || f.has("thoi gian thuc hien") || f.has("thoi gian to chuc") else { continue }
            for m in VnDateParser.findAll(in: p.text) {
                if let d = m.result.date, d.value.has("/"), d.start != nil { return (d, p.span(of: m.range)) }
            }
        }
        if let title {
            let ms = VnDateParser.findAll(in: title.text).compactMap { m in m.result.date.map { ($0, m.range) } }.filter { usable($0.0) }
            if let range = ms.first(where: { $0.0.value.has("/") }) ?? ms.first {
                return (range.0, title.span(of: range.1))
            }
        }
        for p in body.prefix(12) {
            guard Fold.ascii(p.text).has("giai doan") else { continue }
            for m in VnDateParser.findAll(in: p.text) {
                if let d = m.result.date, d.value.has("/"), d.precision == .year, d.start != nil,
                   (Fold.ascii(d.text).has("giai doan") || Fold.ascii(String(p.text[..<m.range.lowerBound].suffix(12))).has("giai doan")) {
                    return (d, p.span(of: m.range))
                }
            }
        }
        return nil
    }

    // MARK: Milestones

    /// Rows of activity tables: the task, the unit responsible, the time.
    func tableMilestones(_ tables: [Table]) -> [(Milestone, Span?)] {
        var out: [(Milestone, Span?)] = []
        // A table that continues one before it (next page) has no header row of its own.
        var previous: (columns: Int, time: Int, task: Int, resp: Int?)?
        for t in tables {
            guard let header = t.rows.first else { continue }
            let names = header.map { Fold.ascii($0.text) }
            func col(_ words: [String]) -> Int? { names.firstIndex { n in words.contains { n.contains($0) } && n.count < 60 } }
            let timeCol: Int, taskCol: Int, respCol: Int?
            var dataRows = t.rows.dropFirst()
            if let tc = col(["thoi gian", "thoi han", "tien do", "han hoan thanh", "thoi diem"]) {
                timeCol = tc
                taskCol = col(["noi dung", "nhiem vu", "hoat dong", "cong viec", "ten "]) ?? (names.count > 1 && names[0].count <= 4 ? 1 : 0)
                respCol = col(["don vi", "chu tri", "co quan", "trach nhiem", "nguoi thuc hien", "phu trach"])
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
                let due = VnDateParser.parse(timeText)?.date
                let f = Fold.ascii(timeText)
                let status: String? = f.hasPrefix("da thuc hien") || f.hasPrefix("da hoan thanh") || f == "xong" ? "done" : nil
                let m = Milestone(task: task, responsible: resp?.isEmpty == false ? resp : nil, due: due, status: status,
                                  text: timeText.isEmpty ? nil : timeText)
                out.append((m, row[taskCol].segments.first?.span))
            }
        }
        return out
    }

    /// Deadlines in prose: "trước ngày 15 tháng 12 hàng năm gửi danh sách …".
    func proseMilestones(_ paragraphs: [Paragraph], skip: [Int: [Range<String.Index>]]) -> [(Milestone, Span?)] {
        var out: [(Milestone, Span?)] = []
        for (pi, p) in paragraphs.enumerated() {
            let t = p.text
            for m in VnDateParser.findAll(in: t) {
                guard let d = m.result.date else { continue }
                guard d.relation == .before || d.relation == .by || (d.relation == .until && !d.value.has("/")) else { continue }
                if let ranges = skip[pi], ranges.contains(where: { $0.overlaps(m.range) }) { continue }
                // "Quy hoạch … thời kỳ 2021–2030, tầm nhìn đến năm 2050": a planning horizon, not a deadline.
                if Fold.ascii(t[t.startIndex..<m.range.lowerBound].suffix(12)).has("tam nhin")
                    || Fold.ascii(t[m.range.upperBound...].prefix(14)).has("tam nhin") { continue }
                // The clause around the deadline: from the previous ";" / "." / ":" to the next.
                let stops: Set<Character> = [";", ".", "\n"]
                var a = m.range.lowerBound
                while a > t.startIndex {
                    let prev = t.index(before: a)
                    if stops.contains(t[prev]) && !(prev > t.startIndex && t[t.index(before: prev)].isNumber) { break }
                    a = prev
                }
                var b = m.range.upperBound
                while b < t.endIndex, !stops.contains(t[b]) || (t[b] == "." && b < t.index(before: t.endIndex) && t[t.index(after: b)].isNumber) {
                    b = t.index(after: b)
                }
                var task = String(t[a..<b]).trimmed
                if task.hasPrefix("- ") || task.hasPrefix("+ ") { task.removeFirst(2) }
                if let mk = Outline.marker(in: task) { task = String(mk.rest) }
                out.append((Milestone(task: task, responsible: nil, due: d, status: nil, text: d.text), p.span(of: m.range)))
            }
        }
        return out
    }

    // MARK: Awards

    /// Award forms and emulation titles named in the text, with who grants them and how many.
    func awards(_ paragraphs: [Paragraph]) -> [Award] {
        var out: [Award] = []
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
                    for grade in [" hạng Nhất", " hạng Nhì", " hạng Ba", " hạng nhất", " hạng nhì", " hạng ba"] where tail.hasPrefix(grade) {
                        full += grade
                        end = t.index(end, offsetBy: grade.count)
                    }
                    taken.append(r.lowerBound..<end)
                    // grantor: "của Chủ tịch UBND tỉnh" right after
                    var grantor: String?
                    let after2 = t[end...].drop(while: { $0 == " " })
                    if after2.hasPrefix("của ") {
                        let g = after2.dropFirst(4)
                        let stopChars: Set<Character> = [";", ",", ".", "(", ")", ":"]
                        var stop = g.firstIndex(where: { stopChars.contains($0) }) ?? g.endIndex
                        for w in [" cho ", " đối với ", " và ", " về ", " trong ", " không ", " tối đa ", " đạt ", " theo "] {
                            if let rr = g.find(w), rr.lowerBound < stop { stop = rr.lowerBound }
                        }
                        let s = g[..<stop].trimmed
                        if !s.isEmpty, s.count <= 80 { grantor = s }
                    }
                    // quota: "không quá 01 tập thể hoặc cá nhân", "tối đa 02 …" in the same clause
                    var quota: String?
                    let clauseEnd = t[end...].firstIndex(where: { $0 == ";" || $0 == "." }) ?? t.endIndex
                    let clause = t[end..<clauseEnd]
                    for q in ["không quá", "tối đa", "không vượt quá"] {
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
                    order.append((pi, t.distance(from: t.startIndex, to: r.lowerBound)))
                }
            }
        }
        return zip(out, order).sorted { $0.1 < $1.1 }.map(\.0)
    }

    // MARK: Anniversaries

    static let anniversaryRegex = try! NSRegularExpression(
        pattern: #"[Kk]ỷ niệm\s+(\d{1,4})\s+năm\s+([^();.]{4,180}?)\s*\(([^()]{4,60})\)"#)

    /// "Kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc (11/6/1948 - 11/6/2023)".
    func anniversaries(_ paragraphs: [Paragraph]) -> [Anniversary] {
        var out: [Anniversary] = []
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
                out.append(Anniversary(event: event, years: years, date: date, since: since))
            }
        }
        return out
    }

    static func yearStart(_ v: String) -> String? { v.count == 4 ? v + "-01-01" : v }
    static func yearEnd(_ v: String) -> String? { v.count == 4 ? v + "-12-31" : v }
}

