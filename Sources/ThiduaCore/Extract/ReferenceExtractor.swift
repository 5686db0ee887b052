import Foundation

/// Every numbered document the text cites: "Chỉ thị số 7705/CT-BNN-TCCB ngày
/// 16/11/2021 của Bộ Nông nghiệp và PTNT", with kind, number, date and issuer.
struct ReferenceExtractor {
    let lexicon: Lexicon
    let casing: Casing

    struct Found {
        var reference: Reference
        var span: Span?
        /// Where in its paragraph the citation's date stands (not a milestone).
        var dateRange: Range<String.Index>?
        var invalidDate: String?
    }

    func extract(_ paragraphs: [Paragraph], excluding own: DocNumber?) -> [Found] {
        var found: [Found] = []
        var index: [String: Int] = [:]
        let names = lexicon.kindNameKeys
        for p in paragraphs {
            let text = p.text
            var offsets = ScalarOffsets(text)
            for m in DocNumberParser.findAll(in: text, kindCodes: lexicon.kindCodes) {
                let number = m.number
                if let own, Fold.key(own.canonical) == Fold.key(number.canonical) { continue }
                // The kind word before: "Chỉ thị số …", "Công văn số …", "Kế hoạch …".
                var kind: Kind?
                var start = m.range.lowerBound
                let before = text[text.startIndex..<m.range.lowerBound]
                let window = String(before.suffix(48))
                var w = Fold.key(window).trimmed
                if w.hasSuffix(" số") || w == "số" { w = String(w.dropLast(2)).trimmed }
                if w.hasSuffix(":") { w = String(w.dropLast()).trimmed }
                for (name, k) in names where w.hasSuffix(name) {
                    kind = Kind(code: k.code ?? number.kind, name: k.name)
                    // Move the start back to the kind word.
                    if let r = text.findCaseless(name, before: m.range.lowerBound, backwards: true) {
                        start = r.lowerBound
                    }
                    break
                }
                if kind == nil, let code = number.kind, let k = lexicon.kind(forCode: code) {
                    kind = Kind(code: code, name: k.name)
                }
                if var k = kind, k.code == nil, let code = number.kind { k.code = code; kind = k }
                // The date after: "ngày 16/11/2021" within a few characters.
                var end = m.range.upperBound
                var date: VnDate?
                var dateRange: Range<String.Index>?
                var invalid: String?
                let headText = String(text[m.range.upperBound...].prefix(60))
                if let d = VnDateParser.findAll(in: headText).first {
                    let gap = Fold.ascii(String(headText[..<d.range.lowerBound])).trimmed(" ,")
                    if gap.isEmpty || gap == "ngay" || gap.hasSuffix("ban hanh") || gap.hasSuffix("ban hanh ngay") {
                        let startOff = headText.distance(from: headText.startIndex, to: d.range.lowerBound)
                        let endOff = headText.distance(from: headText.startIndex, to: d.range.upperBound)
                        let ds = text.index(m.range.upperBound, offsetBy: startOff)
                        end = text.index(m.range.upperBound, offsetBy: endOff)
                        dateRange = ds..<end
                        switch d.result {
                        case let .date(v): date = v
                        case let .invalid(t, _): invalid = t
                        }
                    }
                }
                // The issuer after: "của Bộ Nông nghiệp và PTNT" up to "về", ";", ",", ")".
                var issuer: String?
                let rest = text[end...]
                let trimmed = rest.drop(while: { $0 == " " || $0 == "," })
                if trimmed.hasPrefix("của ") {
                    // A name is at most 90 characters: separators are looked for in a window, not in
                    // the rest of a long paragraph once per citation.
                    let body = trimmed.dropFirst(4).prefix(200)
                    var stop = body.endIndex
                    for sep in [" về ", " V/v", ";", ",", ")", "(", ".", " theo ", " và các ", " thực hiện ", " đã ", " trong ", " nhằm ", " để "] {
                        if let r = body.find(sep), r.lowerBound < stop { stop = r.lowerBound }
                    }
                    let name = body[..<stop].trimmed
                    if !name.isEmpty, name.count <= 90, name.first?.isUppercase == true {
                        issuer = casing.agency(name)
                        end = stop
                    }
                }
                let citation = String(text[start..<end]).trimmed(" ,;")
                let ref = Reference(text: citation, kind: kind, number: number, date: date, issuer: issuer)
                let key = Fold.key(number.canonical)
                if let i = index[key] {
                    // Keep the first citation; fill what it lacks from later ones.
                    if found[i].reference.date == nil, date != nil { found[i].reference.date = date }
                    if found[i].reference.issuer == nil, issuer != nil { found[i].reference.issuer = issuer }
                    if found[i].reference.kind?.name == nil || found[i].reference.kind == nil, kind != nil { found[i].reference.kind = kind }
                    continue
                }
                // The same citation misread once ("02110/QĐÐ-UBND" beside "02110/QĐ-UBND", both of one
                // date): one letter apart, same serial, same day.
                if let d = date?.value, found.contains(where: { f in
                    f.reference.date?.value == d && f.reference.number.serial == number.serial
                        && EditDistance.atMostOne(f.reference.number.canonical, number.canonical)
                }) { continue }
                index[key] = found.count
                found.append(Found(reference: ref, span: p.span(of: start..<end, offsets: &offsets), dateRange: dateRange, invalidDate: invalid))
            }
        }
        return found
    }
}
