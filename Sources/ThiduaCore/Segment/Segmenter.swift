import Foundation

/// The zones of a document (Nghị định 30/2020/NĐ-CP layout): header (issuer |
/// Quốc hiệu, Số | place and date), kind word and title, body (preamble and
/// outline, tables), closing (Nơi nhận | signature).
public struct Zones: Sendable {
    public var document: RepairedDocument
    public var header: [Row] = []
    public var kindRow: Row?
    /// The kind named by the kind row, where there is one.
    public var kind: Lexicon.KindEntry?
    public var titleRows: [Row] = []
    public var body: [Block] = []
    public var closing: [Row] = []
}

public struct Segmenter: Sendable {
    public let lexicon: Lexicon
    public init(lexicon: Lexicon) { self.lexicon = lexicon }

    /// How far into a document the kind word may stand.
    static let headerSearchRows = 40

    public func segment(_ doc: RepairedDocument) -> Zones {
        var zones = Zones(document: doc)
        let blocks = doc.blocks.filter {
            if case let .row(r) = $0 { return !r.segments.isEmpty }
            return true
        }
        // 1. The kind row: a row of capitals naming a kind ("KẾ HOẠCH").
        var kindIndex: Int?
        var rowCount = 0
        for (i, b) in blocks.enumerated() {
            guard case let .row(r) = b else { continue }
            rowCount += 1
            if rowCount > Self.headerSearchRows { break }
            if isBodyStart(r.text) { break }
            if let k = kindWord(r, ocr: doc.source.textLayer == .ocr) {
                kindIndex = i
                zones.kind = k.kind
                var row = r
                if !k.rest.isEmpty {
                    // "KẾ HOẠCH Tổ chức …" on one row: the rest opens the title.
                    row.segments = [Segment(k.rest)]
                    zones.titleRows.append(row)
                }
                zones.kindRow = r
                break
            }
        }
        // 2. The header: rows before the kind row; without one (a công văn), the
        // leading rows up to the "V/v" subject or the place-and-date line.
        var bodyStart = 0
        if let k = kindIndex {
            zones.header = blocks[..<k].compactMap { if case let .row(r) = $0 { return r }; return nil }
            bodyStart = k + 1
        } else {
            var last = -1
            var seen = 0
            for (i, b) in blocks.enumerated() {
                guard case let .row(r) = b else { break }
                seen += 1
                if seen > 15 || isBodyStart(r.text) || lexicon.layout.isSalutation(r.text) { break }
                let t = r.text
                if HeaderPatterns.isDateLine(t) || HeaderPatterns.isNumberLine(t) || lexicon.layout.isSubjectLine(t)
                    || lexicon.layout.isNational(t) || lexicon.layout.isMotto(t) {
                    last = i
                }
            }
            // A "V/v" subject may wrap over the following rows.
            if last >= 0 {
                var j = last + 1
                while j < blocks.count, j < last + 4, case let .row(r) = blocks[j], isSubjectContinuation(r.text) { last = j; j += 1 }
            }
            zones.header = blocks.prefix(last + 1).compactMap { if case let .row(r) = $0 { return r }; return nil }
            bodyStart = last + 1
        }
        // 3. The title: rows after the kind row until the body starts.
        if kindIndex != nil {
            var i = bodyStart
            var titleRows: [Row] = zones.titleRows
            let centred = blocks[bodyStart...].prefix(2).contains { if case let .row(r) = $0 { return r.alignment == .center }; return false }
            while i < blocks.count, titleRows.count < 6 {
                guard case let .row(r) = blocks[i] else { break }
                let t = r.text
                if isRule(t) { i += 1; if !titleRows.isEmpty { break } else { continue } }
                if isBodyStart(t) || Outline.marker(in: t) != nil && !titleRows.isEmpty { break }
                // "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" under a decision's title: the authority, not the title.
                if !titleRows.isEmpty, isAuthorityLine(t) { break }
                // A title set in capitals goes on while the rows stay in capitals, whatever their
                // alignment (a full-width line justified, the last one centred).
                let capitalsGoOn = !titleRows.isEmpty && Reflow.isAllCapsLine(t)
                    && titleRows.allSatisfy { Reflow.isAllCapsLine($0.text) }
                if centred, !capitalsGoOn, r.alignment != nil, r.alignment != .center, !titleRows.isEmpty,
                   !(t.first?.isLowercase ?? false) { break }
                // A row opening in lower case goes on with the title ("… ngày 04/01/2026" / "của Ban …").
                if !titleRows.isEmpty, !centred, !capitalsGoOn, !(t.first?.isLowercase ?? false) {
                    // Without layout, the title is the first paragraph: stop where reflow would.
                    let joined = Reflow.paragraphs(titleRows + [r], openers: lexicon.layout.paragraphOpeners)
                    if joined.count > 1 { break }
                }
                if !titleRows.isEmpty, r.isParagraph, titleRows.last?.isParagraph == true, !centred,
                   !(titleRows.last?.text.hasSuffix("-") ?? false), !(t.first?.isLowercase ?? false) {
                    break
                }
                titleRows.append(r)
                i += 1
            }
            zones.titleRows = titleRows
            bodyStart = i
        }
        // 4. The closing: from "Nơi nhận" or the signature block to the end of the document
        // proper (an appendix after the signature belongs to the body, not to the closing).
        let end = appendixStart(blocks, from: bodyStart) ?? blocks.count
        var closingStart = end
        let tailFrom = max(bodyStart, end - 40)
        for i in stride(from: end - 1, through: tailFrom, by: -1) {
            guard case let .row(r) = blocks[i] else { continue }
            if r.segments.contains(where: { lexicon.layout.isRecipientsHeading($0.text) }) {
                closingStart = min(closingStart, i)
            }
        }
        // A signature block printed before "Nơi nhận" (or without one).
        var j = min(closingStart, end) - 1
        var prefixRow: Int?
        while j >= tailFrom {
            guard case let .row(r) = blocks[j] else { break }
            if r.segments.contains(where: { ClosingPatterns.signingPrefix($0.text, lexicon: lexicon) != nil }) { prefixRow = j }
            if r.text.hasSuffix("./.") || r.text.hasSuffix("/.") { break }
            j -= 1
        }
        if let p = prefixRow { closingStart = min(closingStart, p) }
        if closingStart == end {
            // No "Nơi nhận" and no prefix: the signature is the last rows after the closing "./.".
            if let last = blocks[..<end].indices.reversed().first(where: { i in
                guard i >= tailFrom, case let .row(r) = blocks[i] else { return false }
                return r.text.hasSuffix("./.") || r.text.hasSuffix("/.")
            }) {
                closingStart = last + 1
            }
        }
        closingStart = max(closingStart, bodyStart)
        zones.body = Array(blocks[bodyStart..<closingStart]) + blocks[end...]
        zones.closing = blocks[closingStart..<max(closingStart, end)].compactMap { if case let .row(r) = $0 { return r }; return nil }
        return zones
    }

    /// Where an appendix printed after the signature starts: a "PHỤ LỤC" row, or a
    /// "(Kèm theo Kế hoạch số …)" row with the appendix's title in capitals above it —
    /// only after a "Nơi nhận" heading or a signing prefix.
    func appendixStart(_ blocks: [Block], from start: Int) -> Int? {
        var i = start
        while i < blocks.count {
            defer { i += 1 }
            // Cheap first: the row must open with "P…" or "(…".
            guard case let .row(r) = blocks[i], let c = r.segments.first?.text.first, c == "P" || c == "p" || c == "(" else { continue }
            let opening = lexicon.layout.appendixOpening(String(r.text.prefix(24)))
            let isAppendix = opening.isAppendix
            guard isAppendix || opening.isAttachment else { continue }
            // Only after the closing: a "Nơi nhận" heading or a signing prefix in the rows above.
            let closingAbove = blocks[max(start, i - 40)..<i].contains { b in
                guard case let .row(p) = b else { return false }
                return p.segments.contains { lexicon.layout.isRecipientsHeading($0.text)
                    || ClosingPatterns.signingPrefix($0.text, lexicon: lexicon) != nil }
            }
            guard closingAbove else { continue }
            if isAppendix { return i }
            // The title above, in capitals, up to three rows; never a position of the signature.
            var k = i
            while k > start, i - k < 3, case let .row(p) = blocks[k - 1], Casing.isCapitals(p.text),
                  !isAuthorityLine(p.text), p.segments.count == 1 {
                k -= 1
            }
            return k
        }
        return nil
    }

    /// A row that is the kind word ("KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG"), written in capitals.
    func kindWord(_ row: Row, ocr: Bool = false) -> (kind: Lexicon.KindEntry, rest: String)? {
        for seg in row.segments {
            var t = seg.text.trimmed
            while let l = t.last, ".:".contains(l) { t.removeLast() }
            guard t.count >= 4, t.count <= 200 else { continue }
            let letters = t.filter(\.isLetter)
            guard !letters.isEmpty else { continue }
            if let k = lexicon.kind(named: t), letters.allSatisfy({ !$0.isLowercase }) || row.alignment == .center && t.count < 30 {
                return (k, "")
            }
            // OCR drops diacritics from capitals ("KE HOẠCH") and the space of a wide bold
            // kind word ("KEHOẠCH"): compare without them, whole row only.
            let bare = { (s: String) in Fold.ascii(s).filter { $0 != " " } }
            if letters.allSatisfy({ !$0.isLowercase }), t.count <= 30,
               let k = lexicon.kinds.first(where: { $0.names.contains { bare($0) == bare(t) } }) {
                return (k, "")
            }
            // "KẾ HOẠCH LIÊN TỊCH", "KẾ HOẠCH TỔ CHỨC …": the longest kind name the row opens with.
            guard letters.allSatisfy({ !$0.isLowercase }) else { continue }
            let key = Fold.key(t)
            var best: Lexicon.KindEntry?
            var bestLen = 0
            for k in lexicon.kinds {
                for n in k.names {
                    let nk = Fold.key(n)
                    if key.hasPrefix(nk + " "), nk.count > bestLen, !lexicon.layout.isNational(t) { best = k; bestLen = nk.count }
                }
            }
            // OCR misreads a letter of the kind word ("QUYKET ĐỊNH"): in recognized text, the
            // longest kind name within one edit of the row's first words, compared without marks.
            if best == nil, ocr, let (k, words) = fuzzyKind(t) {
                let rest = t.split(separator: " ", omittingEmptySubsequences: true).dropFirst(words).joined(separator: " ")
                return (k, rest.count <= 12 || Fold.ascii(rest).hasPrefix("cua ") ? "" : rest)
            }
            if let best, bestLen > 0 {
                var rest = String(t.dropFirst(bestLen)).trimmed
                // "NGHỊ ĐỊNH CỦA CHÍNH PHỦ": the issuer named with the kind, not a subject.
                if Fold.ascii(rest).hasPrefix("cua ") { rest = "" }
                // "BÁO CÁO KẾT QUẢ …" is a kind plus its subject; "KẾ HOẠCH LIÊN TỊCH" is the kind.
                return (best, rest.count <= 12 ? "" : rest)
            }
        }
        return nil
    }

    /// The kind whose name (without marks, two or more words) is at most one edit from
    /// the row's first words, and how many words it covers.
    func fuzzyKind(_ t: String) -> (Lexicon.KindEntry, Int)? {
        let words = Fold.ascii(t).split(separator: " ", omittingEmptySubsequences: true)
        var best: (Lexicon.KindEntry, Int, Int)?   // kind, words, name length
        for k in lexicon.kinds {
            for n in k.names {
                let nw = Fold.ascii(n).split(separator: " ")
                let name = nw.joined(separator: " ")
                guard nw.count >= 2, name.count >= 7, words.count >= nw.count else { continue }
                let head = words[..<nw.count].joined(separator: " ")
                if EditDistance.atMostOne(head, name), name.count > (best?.2 ?? 0) { best = (k, nw.count, name.count) }
            }
        }
        return best.map { ($0.0, $0.1) }
    }

    /// A row of capitals that opens with a position ("CHỦ TỊCH …", "BỘ TRƯỞNG …"), compared
    /// without marks (OCR loses them): the authority line of a decision.
    func isAuthorityLine(_ t: String) -> Bool {
        // A quotation is a title's ("THỦ TƯỚNG CHÍNH PHỦ “VỀ TĂNG CƯỜNG …”"), never an authority's.
        guard Casing.isCapitals(t), !t.contains(where: { "“”\"«»".contains($0) }) else { return false }
        // Word by word: a word that kept its marks must match with them ("PHỐ HÀ NỘI" is not
        // "PHÓ …"); one that lost them (OCR: "CHU TỊCH UY BAN") matches without.
        let words = t.split(separator: " ")
        return lexicon.positionWords.contains { $0.count < words.count && Casing.wordsOpen(words, with: $0) }
    }

    func isBodyStart(_ t: String) -> Bool {
        if Reflow.startsParagraph(t, openers: lexicon.layout.paragraphOpeners) && !lexicon.layout.isSalutation(t) { return true }
        if let m = Outline.marker(in: t), m.mark == .roman || m.mark == .part || m.mark == .article { return true }
        return false
    }

    /// A wrapped "V/v" subject: lowercase, or a short line before "Kính gửi" (the subject's
    /// column is narrow: "Giấy phép vận chuyển hàng hóa nguy" / "hiểm loại 1,2,3,4,9").
    func isSubjectContinuation(_ t: String) -> Bool {
        guard let f = t.first else { return false }
        if f.isLowercase && t.count < 120 { return true }
        return t.count <= 45 && !lexicon.layout.isSalutation(t) && !HeaderPatterns.isDateLine(t) && !HeaderPatterns.isNumberLine(t)
            && !Casing.isCapitals(t) && !isBodyStart(t)
    }

    func isRule(_ t: String) -> Bool {
        let s = t.filter { !$0.isWhitespace }
        return !s.isEmpty && s.allSatisfy { "-_—–=*.…".contains($0) }
    }
}

/// Recognizers for the rows of the header.
public enum HeaderPatterns {


    /// "Số: 56/KH-SNN", "Số 34-CT/TW", "Số:     /KH-UBND".
    public static func isNumberLine(_ t: String) -> Bool {
        numberRange(in: t) != nil
    }

    static let numberRegex = try! NSRegularExpression(pattern: #"(?:^|\s)(S[ốoố]|SỐ)\s*[:.]?\s*(?=[0-9/]|\S*[/-])"#, options: [])

    /// Where "Số: …" starts in a row.
    public static func numberRange(in t: String) -> Range<String.Index>? {
        let ns = t as NSString
        guard let m = numberRegex.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)),
              let r = Range(m.range(at: 1), in: t) else { return nil }
        // Only near the start of a segment: "Số:" opens the number line.
        guard t.distance(from: t.startIndex, to: r.lowerBound) < 3 else { return nil }
        return r.lowerBound..<t.endIndex
    }

    /// "Bắc Kạn, ngày 29 tháng 11 năm 2021", "Hà Nội, ngày      tháng     năm 2023".
    public static func isDateLine(_ t: String) -> Bool {
        let f = Fold.ascii(t)
        return f.has("ngay") && f.has("thang") && f.has("nam") && f.count < 120
    }


    /// A date line OCR left without "năm": "Quảng Bình, ngày, 17 tháng 2022".
    public static func isDateLineWithoutYearWord(_ t: String) -> Bool {
        let f = Fold.ascii(t)
        guard f.has("ngay"), f.has("thang"), f.count < 120, f.has(", ngay") else { return false }
        return t.range(of: #"\b(19|20)\d\d\b"#, options: .regularExpression) != nil
    }
}

/// Recognizers for the rows of the closing block.
public enum ClosingPatterns {

    /// The prefix code (TM, KT, TL, TUQ, Q) a row opens with, and the rest.
    public static func signingPrefix(_ t: String, lexicon: Lexicon) -> (code: String, rest: String)? {
        let s = t.trimmed
        for p in lexicon.signingPrefixes {
            for form in p.forms.sorted(by: { $0.count > $1.count }) {
                guard s.hasPrefix(form) else { continue }
                let rest = s.dropFirst(form.count)
                // "TM" without a dot only before a space and capitals; "Q." needs capitals after.
                guard let next = rest.first else { continue }
                if !form.hasSuffix(".") && !form.has("/") && next != " " { continue }
                let body = rest.trimmed(" .")
                guard let b0 = body.first, b0.isUppercase else { continue }
                let letters = body.filter(\.isLetter)
                guard letters.count >= 2, letters.filter({ $0.isLowercase }).count * 3 <= letters.count else { continue }
                return (p.code, body)
            }
        }
        return nil
    }
}
