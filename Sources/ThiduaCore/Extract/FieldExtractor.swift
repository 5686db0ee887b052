import Foundation

/// Extracts every field of the record from the zones; each extractor reads only
/// its zone (the reference extractor reads all the text).
public struct FieldExtractor: Sendable {
    public let lexicon: Lexicon
    public init(lexicon: Lexicon) { self.lexicon = lexicon }

    public func extract(_ zones: Zones) -> (Record, [Finding]) {
        extract(zones, dropping: { _ in false })
    }

    /// `dropping`: paragraphs (of the title, body and table cells) to read as if cut out of the
    /// document: the "never invent" property tests cut a field's statements this way.
    func extract(_ zones: Zones, dropping: (Paragraph) -> Bool) -> (Record, [Finding]) {
        let casing = Casing(lexicon: lexicon)
        var record = Record(source: Source(file: "", sha256: "", format: zones.document.source.format))
        var findings: [Finding] = []
        var evidence: [(String, Span)] = []
        func cite(_ path: String, _ span: Span?) { if let span { evidence.append((path, span)) } }
        func citeAll(_ path: String, _ spans: [Span?]) { for (i, s) in spans.enumerated() { cite("\(path).\(i)", s) } }

        // Header
        let header = HeaderExtractor(lexicon: lexicon, casing: casing).extract(zones.header)
        var doc = DocumentPart()
        doc.number = header.number
        cite("document.number", header.numberSpan)
        doc.issuer = header.issuer
        cite("document.issuer", header.issuerSpan)
        doc.place = header.place
        doc.date = header.date
        cite("document.date", header.dateSpan)
        if header.place != nil { cite("document.place", header.dateSpan) }
        if let bad = header.invalidDate { findings.append(Finding(rule: "date-impossible", path: "document.date", evidence: bad)) }
        if let n = header.number, !n.wellFormed, n.style == .party {
            findings.append(Finding(rule: "number-party-written-state-style", path: "document.number", evidence: n.text))
        }

        // Kind and title
        if let k = zones.kind {
            doc.kind = Kind(code: k.code, name: k.name)
            cite("document.kind", zones.kindRow?.segments.first?.span)
        } else if let subject = header.subject {
            doc.kind = Kind(code: nil, name: "Công văn")
            doc.title = subject
            cite("document.title", header.subjectSpan)
        } else if let code = header.number?.kind, let k = lexicon.kind(forCode: code) {
            doc.kind = Kind(code: code, name: k.name)
        }
        let titleParagraph = zones.titleRows.isEmpty ? nil : Reflow.paragraphs(zones.titleRows.map { var r = $0; r.isParagraph = false; r.headingLevel = nil; r.alignment = nil; return r }, openers: lexicon.layout.paragraphOpeners).reduce(nil as Paragraph?) { acc, p in
            guard var a = acc else { return p }
            let off = a.text.unicodeScalars.count + 1
            a.text += " " + p.text
            a.pieces += p.pieces.map { ($0.offset + off, $0.span) }
            return a
        }
        if let t = titleParagraph {
            doc.title = Self.cleanTitle(t.text)
            cite("document.title", t.span)
        }
        let titleKept = titleParagraph.flatMap { dropping($0) ? nil : $0 }

        // Body
        var paragraphs: [Paragraph] = []
        var tables: [Table] = []
        var pendingRows: [Row] = []
        for block in zones.body {
            switch block {
            case let .row(r): pendingRows.append(r)
            case let .table(t):
                paragraphs += Reflow.paragraphs(pendingRows, openers: lexicon.layout.paragraphOpeners)
                pendingRows = []
                tables.append(t)
            }
        }
        paragraphs += Reflow.paragraphs(pendingRows, openers: lexicon.layout.paragraphOpeners)
        paragraphs.removeAll(where: dropping)
        // Table cells are text too: citations and movements stand in them.
        let cellParagraphs: [Paragraph] = tables.flatMap { t in
            t.rows.flatMap { row in
                row.map { cell -> Paragraph in
                    var p = Paragraph(text: "", page: t.page)
                    for (i, s) in cell.segments.enumerated() {
                        if i > 0 { p.text += " " }
                        if let sp = s.span { p.pieces.append((p.text.unicodeScalars.count, sp)) }
                        p.text += s.text
                    }
                    return p
                }
            }
        }.filter { !dropping($0) }

        // Closing
        let closing = ClosingExtractor(lexicon: lexicon, casing: casing).extract(zones.closing)
        doc.recipients = closing.recipients
        cite("document.recipients", closing.recipientsSpan)
        doc.archive = closing.archive
        cite("document.archive", closing.archiveSpan)
        doc.signer = closing.signer
        // A seal over the signature reads as the issuer's own words ("CÔNG THƯƠN" under the stamp of
        // "… Công Thương"): a "name" found inside the issuer's name is not a person.
        if let name = doc.signer?.name, Self.isPartOfIssuer(name, doc.issuer) { doc.signer = nil }
        if doc.signer != nil { cite("document.signer", closing.signerSpan) }

        // Without a header issuer: the body names the issuer ("Sở … xây dựng kế hoạch …").
        if doc.issuer == nil, let (name, span) = Self.issuerFromBody(paragraphs, casing: casing) {
            doc.issuer = Issuer(name: name, parent: nil)
            cite("document.issuer", span)
        }
        record.document = doc

        // References, over title, body and tables
        let textParagraphs = (titleParagraph.map { [$0] } ?? []) + paragraphs + cellParagraphs
        let refs = ReferenceExtractor(lexicon: lexicon, casing: casing).extract(textParagraphs, excluding: header.number)
        record.references = refs.map(\.reference)
        for (i, r) in refs.enumerated() {
            cite("references.\(i)", r.span)
            if let bad = r.invalidDate { findings.append(Finding(rule: "date-impossible", path: "references.\(i).date", evidence: bad)) }
            if !r.reference.number.wellFormed {
                findings.append(Finding(rule: "number-party-written-state-style", path: "references.\(i).number", evidence: r.reference.number.text))
            }
        }

        // Campaign
        let parts = CampaignExtractor(lexicon: lexicon).read(
            title: titleKept, body: paragraphs, cells: cellParagraphs, tables: tables, issued: doc.date,
            skip: Self.citationDates(paragraphs, lexicon: lexicon))
        record.campaign = Campaign(
            theme: parts.theme?.value, period: parts.period?.value, movements: parts.movements.map(\.value),
            milestones: parts.milestones.map(\.value), awards: parts.awards.map(\.value),
            anniversaries: parts.anniversaries.map(\.value))
        cite("campaign.theme", parts.theme?.span)
        cite("campaign.period", parts.period?.span)
        citeAll("campaign.movements", parts.movements.map(\.span))
        citeAll("campaign.milestones", parts.milestones.map(\.span))
        citeAll("campaign.awards", parts.awards.map(\.span))
        citeAll("campaign.anniversaries", parts.anniversaries.map(\.span))

        // Outline
        let outline = OutlineExtractor(ocr: zones.document.source.textLayer == .ocr).extractLocated(paragraphs)
        record.sections = outline.sections
        evidence += outline.evidence

        record.evidence = evidence
        return (record, findings)
    }

    /// Ranges of dates that belong to citations ("… số 56/KH-SNN ngày 23/7/2021"), per paragraph.
    static func citationDates(_ paragraphs: [Paragraph], lexicon: Lexicon) -> [Int: [Range<String.Index>]] {
        var skip: [Int: [Range<String.Index>]] = [:]
        for (i, p) in paragraphs.enumerated() {
            for m in DocNumberParser.findAll(in: p.text, kindCodes: lexicon.kindCodes) {
                // Forty characters on, or the end: counting the rest of a long paragraph was quadratic.
                let end = p.text.index(m.range.upperBound, offsetBy: 40, limitedBy: p.text.endIndex) ?? p.text.endIndex
                skip[i, default: []].append(m.range.lowerBound..<end)
            }
        }
        return skip
    }

    static let issuerRegex = try! NSRegularExpression(
        pattern: #"((?:Sở|Ủy ban nhân dân|UBND|Ban|Bộ|Cục|Chi cục|Phòng|Trung tâm|Hội đồng|Khối thi đua|Cụm thi đua|Văn phòng|Trường|Công an|Liên đoàn|Đảng ủy|Tỉnh ủy|Huyện ủy)(?:\s+[^\s,.;:]+){1,12}?)\s+(?:xây dựng|ban hành|phát động|triển khai|yêu cầu|đề nghị)\s+(?:Kế hoạch|kế hoạch|các|như sau|phong trào|đợt thi đua)"#)

    static func isPartOfIssuer(_ name: String, _ issuer: Issuer?) -> Bool {
        guard let issuer else { return false }
        let n = Fold.asciiCollapsed(name)
        guard n.count >= 4 else { return false }
        return [issuer.name, issuer.parent].compactMap { $0 }.contains { Fold.asciiCollapsed($0).has(n) }
    }

    static func issuerFromBody(_ paragraphs: [Paragraph], casing: Casing) -> (String, Span?)? {
        for p in paragraphs.prefix(6) + paragraphs.suffix(3) {
            let ns = p.text as NSString
            if let m = issuerRegex.firstMatch(in: p.text, range: NSRange(location: 0, length: ns.length)),
               let r = Range(m.range(at: 1), in: p.text) {
                return (casing.agency(String(p.text[r]), expand: false), p.span(of: r))
            }
        }
        return nil
    }

    static func cleanTitle(_ t: String) -> String {
        var s = t.trimmed
        while let l = s.last, ".;,:".contains(l) { s.removeLast() }
        return s
    }
}
