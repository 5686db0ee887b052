import Foundation

/// Reads the header zone: issuer (and its parent), number, place and date, and a
/// công văn's "V/v" subject. Columns are told apart by geometry where the decoder
/// knows it, and by what each row says otherwise.
struct HeaderExtractor {
    let lexicon: Lexicon
    let casing: Casing

    struct Result {
        var issuer: Issuer?
        var issuerSpan: Span?
        var number: DocNumber?
        var numberSpan: Span?
        var place: String?
        var date: VnDate?
        var dateSpan: Span?
        var invalidDate: String?
        var subject: String?
        var subjectSpan: Span?
        var party = false
    }

    /// A piece of a header row: one column's text.
    struct Piece {
        var text: String
        var span: Span?
        var right: Bool?
    }

    func extract(_ rows: [Row]) -> Result {
        var r = Result()
        var pieces: [Piece] = []
        for row in rows {
            // An e-signature stamp printed over the header takes its whole row with it.
            if row.segments.contains(where: { lexicon.layout.isHeaderStamp($0.text) }) { continue }
            for seg in row.segments {
                var right: Bool?
                if let x0 = seg.x0, let w = row.pageWidth, w > 0, row.segments.count > 1 || w >= 200 {
                    let left = row.marginLeft ?? 0
                    right = x0 - left > (w - left) * 0.4
                }
                for part in splitMerged(seg.text) {
                    pieces.append(Piece(text: part.text, span: subspan(seg.span, seg.text, part.offset, part.text.count), right: right))
                }
            }
        }
        // "Số:" and its number split apart by the blank a draft leaves ("Số:      /KH-UBND").
        var merged: [Piece] = []
        for p in pieces {
            if let last = merged.last, Self.isBareNumberLabel(last.text),
               let f = p.text.first, f == "/" || f.isNumber {
                let joined = last.text + " " + p.text
                let parts = splitMerged(joined)
                if parts.count == 2, parts[1].offset > last.text.count {
                    // "Số:" | "/QĐ. BQL–VP Vũng Tàu, ngày …": the number, then the place and date.
                    let inP = parts[1].offset - last.text.count - 1
                    merged[merged.count - 1].text = parts[0].text
                    merged[merged.count - 1].span = Span.covering([last.span, subspan(p.span, p.text, 0, inP)])
                    merged.append(Piece(text: parts[1].text, span: subspan(p.span, p.text, inP, parts[1].text.count), right: p.right))
                    continue
                }
                merged[merged.count - 1].text = joined
                merged[merged.count - 1].span = Span.covering([last.span, p.span])
                continue
            }
            // "Số:" | "Lai Châu, ngày …" / "7360/KH-UBND": the number wrapped under its label, the
            // other column's line read between them.
            if merged.count >= 2, Self.isBareNumberLabel(merged[merged.count - 2].text), merged[merged.count - 2].right == p.right,
               merged[merged.count - 1].right != p.right, let f = p.text.first, f == "/" || f.isNumber, p.text.has("/"),
               !HeaderPatterns.isDateLine(p.text) {
                let label = merged[merged.count - 2]
                merged[merged.count - 2].text = label.text + " " + p.text
                merged[merged.count - 2].span = Span.covering([label.span, p.span])
                continue
            }
            // A date line wrapped inside its cell: "…, ngày 27 tháng 01" / "năm 2022", "…, ngày 18" / "tháng 11 năm 2025".
            let pf = Fold.ascii(p.text)
            if let last = merged.last, Fold.ascii(last.text).has("ngay"),
               last.text.range(of: #"\d{4}"#, options: .regularExpression) == nil,
               pf.hasPrefix("nam ") || pf.hasPrefix("thang ") || p.text.range(of: #"^\d{4}\b"#, options: .regularExpression) != nil {
                merged[merged.count - 1].text += " " + p.text
                merged[merged.count - 1].span = Span.covering([last.span, p.span])
                continue
            }
            merged.append(p)
        }
        pieces = merged
        var issuerLines: [Piece] = []
        var sawNumber = false
        var subjectLines: [Piece] = []
        // A Quốc hiệu wrapped in a narrow column leaves "VIỆT NAM" on the next line, where it
        // may run into the issuer's line ("CAI VIỆT NAM").
        var nationalWrapped = false
        for var p in pieces {
            if nationalWrapped, p.right != true, !lexicon.layout.isNational(p.text), !lexicon.layout.isMotto(p.text) {
                if let tail = lexicon.layout.nationalTail(of: p.text) {
                    if tail.whole { nationalWrapped = false; continue }
                    p.text = String(p.text.trimmed.dropLast(tail.suffixLength + 1)).trimmed
                    nationalWrapped = false
                }
            }
            let t = p.text
            if lexicon.layout.isNational(t) {
                if lexicon.layout.isParty(t) { r.party = true }
                nationalWrapped = !lexicon.layout.endsNational(t)
                continue
            }
            // "Số: /KH-" and its code wrapped to the next line: "SCT".
            if let n = r.number, n.text.hasSuffix("-"), p.right != true, t.count <= 12, !t.isEmpty,
               t.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "&" || $0 == "-" }),
               let joined = DocNumberParser.parse(n.text + t, kindCodes: lexicon.kindCodes) {
                r.number = joined
                r.numberSpan = Span.covering([r.numberSpan, p.span])
                continue
            }
            if lexicon.layout.isMotto(t) || isRule(t) || lexicon.layout.isHeaderStamp(t) { continue }
            // "Số: …" that does not read as a number (an OCR'd or mangled serial) is still the number line.
            let ft = Fold.ascii(t)
            if r.number == nil, ft.hasPrefix("so:") || ft.hasPrefix("so :") || (ft.hasPrefix("so ") && t.has("/")),
               HeaderPatterns.numberRange(in: t) == nil {
                if let n = DocNumberParser.parse(t, kindCodes: lexicon.kindCodes) { r.number = n; r.numberSpan = p.span }
                sawNumber = true
                continue
            }
            // "/KH-UBND" alone: a blank serial whose "Số:" label OCR lost.
            if r.number == nil, t.hasPrefix("/"), t.count < 30, let n = DocNumberParser.parse(t, kindCodes: lexicon.kindCodes) {
                r.number = n
                r.numberSpan = p.span
                sawNumber = true
                continue
            }
            if r.number == nil, let nr = HeaderPatterns.numberRange(in: t) {
                let numText = String(t[nr])
                if let n = DocNumberParser.parse(numText, kindCodes: lexicon.kindCodes) {
                    r.number = n
                    r.numberSpan = p.span
                }
                sawNumber = true
                continue
            }
            // A number line whose "Số:" and slash OCR lost ("6 ŸBCT-ATMT"): digits and a
            // kind-issuer code in the left column, never part of the issuer's name.
            if r.number == nil, !sawNumber, p.right != true, t.count < 32, t.contains(where: \.isNumber),
               t.range(of: #"\p{Lu}{2,}-\p{Lu}{2,}"#, options: .regularExpression) != nil, !Casing.isCapitals(prefix: 3, of: t) {
                if let n = DocNumberParser.parse(t, kindCodes: lexicon.kindCodes) { r.number = n; r.numberSpan = p.span }
                sawNumber = true
                continue
            }
            if r.date == nil, r.invalidDate == nil, HeaderPatterns.isDateLine(t) || HeaderPatterns.isDateLineWithoutYearWord(t),
               p.right != false || !issuerLines.isEmpty {
                readDateLine(t, span: p.span, into: &r)
                continue
            }
            if lexicon.layout.isSubjectLine(t) || (!subjectLines.isEmpty && p.right != true
                && ((t.first?.isLowercase ?? false) || t.count <= 45 && !Casing.isCapitals(t) && !lexicon.layout.isSalutation(t))) {
                subjectLines.append(p)
                continue
            }
            if p.right == true { continue }
            if sawNumber { continue }
            if t.hasPrefix("(") || lexicon.layout.isSalutation(t) { continue }
            issuerLines.append(p)
        }
        if !subjectLines.isEmpty {
            r.subject = subjectLines.map(\.text).joined(separator: " ")
            r.subjectSpan = subjectLines.first?.span
        }
        // An issuer line with no capital at all under a line of capitals was set in a capitals
        // font (.VnTimeH) that the source did not keep: "ỦY BAN NHÂN DÂN" / "thành phố cần thơ".
        for k in issuerLines.indices.dropFirst() where Casing.isCapitals(issuerLines[k - 1].text)
            && !issuerLines[k].text.contains(where: \.isUppercase) && issuerLines[k].text.contains(where: \.isLetter) {
            issuerLines[k].text = issuerLines[k].text.uppercased()
        }
        if !issuerLines.isEmpty {
            let groups = groupAgencies(issuerLines)
            if let last = groups.last, !casing.agency(last.text).isEmpty {
                let parent = groups.count > 1 ? casing.agency(groups[groups.count - 2].text) : ""
                r.issuer = Issuer(name: casing.agency(last.text), parent: parent.isEmpty ? nil : parent)
                r.issuerSpan = Span.covering(last.spans)
            }
        }
        return r
    }


    static func isBareNumberLabel(_ t: String) -> Bool {
        let f = Fold.ascii(t).trimmed
        return f == "so:" || f == "so" || f == "so :"
    }

    func readDateLine(_ t: String, span: Span?, into r: inout Result) {
        // The place is what stands before ", ngày".
        if let comma = t.find(",") {
            let place = t[..<comma.lowerBound].trimmed
            if !place.isEmpty, place.count < 60, !Fold.ascii(place).hasPrefix("ngay") {
                r.place = place
            }
        }
        switch VnDateParser.parse(t) {
        case let .date(d)?: r.date = d
        case let .invalid(text, _)?: r.invalidDate = text
        case nil: break
        }
        r.dateSpan = span
    }

    /// One text row may hold both columns when the source lost the gap: split before
    /// the Quốc hiệu, the motto, or a place-and-date that follows the number.
    func splitMerged(_ t: String) -> [(text: String, offset: Int)] {
        let markers = ["CỘNG HÒA XÃ HỘI", "CỘNG HOÀ XÃ HỘI", "ĐẢNG CỘNG SẢN VIỆT NAM", "Độc lập - Tự do", "Độc lập – Tự do", "Độc lập-Tự do"]
        for m in markers {
            if let r = t.find(m), r.lowerBound != t.startIndex {
                let a = String(t[..<r.lowerBound]).trimmed
                let b = String(t[r.lowerBound...])
                let off = t.distance(from: t.startIndex, to: r.lowerBound)
                return (a.isEmpty ? [] : [(a, 0)]) + [(b, off)]
            }
        }
        if HeaderPatterns.isNumberLine(t), HeaderPatterns.isDateLine(t) || Fold.ascii(t).has(", ngay") {
            // "Số: 112/KH-SNN Bắc Kạn, ngày 29 tháng 11 năm 2021" (or only "…, ngày 29", the rest wrapped)
            let words = t.split(separator: " ", omittingEmptySubsequences: true)
            if var i = words.firstIndex(where: { $0.has("/") || $0.has("-") || $0.has("–") }), i + 1 < words.count {
                // The code may go on after a space: "Số: /QĐ. BQL–VP Vũng Tàu, ngày …".
                while i + 2 < words.count, words[i + 1].contains(where: { "-–/".contains($0) }),
                      !words[i + 1].contains(where: \.isLowercase) { i += 1 }
                let numberPart = words[...i].joined(separator: " ")
                let rest = words[(i + 1)...].joined(separator: " ")
                // Where the rest starts in `t` (its spacing may differ from the joined words).
                let start = words[i + 1].startIndex
                return [(numberPart, 0), (rest, t.distance(from: t.startIndex, to: start))]
            }
        }
        return [(t, 0)]
    }

    /// Rows of the issuer column grouped into bodies: a row that opens with an agency
    /// word starts a new body; any other row continues the one above.
    func groupAgencies(_ lines: [Piece]) -> [(text: String, spans: [Span?])] {
        var groups: [(text: String, spans: [Span?])] = []
        for l in lines {
            let t = l.text.trimmed
            if groups.isEmpty || casing.startsWithHead(t) && !startsWithPlaceLevel(t) {
                groups.append((t, [l.span]))
            } else {
                groups[groups.count - 1].text += " " + t
                groups[groups.count - 1].spans.append(l.span)
            }
        }
        return groups
    }

    func startsWithPlaceLevel(_ t: String) -> Bool {
        let k = Fold.key(t)
        return lexicon.placeLevelKeys.contains { k.hasPrefix($0 + " ") }
    }

    /// A rule under a header line: "-----", "*****", "-0-", "---o0o---".
    func isRule(_ t: String) -> Bool {
        let s = t.filter { !$0.isWhitespace }
        guard !s.isEmpty, s.allSatisfy({ "-_—–=*.…oO0".contains($0) }) else { return false }
        return s.contains { "-_—–=*.…".contains($0) }
    }
}

/// A span narrowed to part of its segment's text.
func subspan(_ span: Span?, _ text: String, _ offset: Int, _ length: Int) -> Span? {
    guard let span else { return nil }
    if offset == 0 && length >= text.count { return span }
    let prefix = text.prefix(offset).unicodeScalars.count
    let part = text.dropFirst(offset).prefix(length).unicodeScalars.count
    return Span(page: span.page, start: span.start + prefix, end: min(span.end, span.start + prefix + part))
}
