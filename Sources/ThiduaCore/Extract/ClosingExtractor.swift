import Foundation

/// Reads the closing zone: the "Nơi nhận:" list and "Lưu:" line (left column),
/// the signature block (right column): prefixes (TM./KT./TL./TUQ./Q.), the
/// capacity and position lines, the signer's name.
struct ClosingExtractor {
    let lexicon: Lexicon
    let casing: Casing

    struct Result {
        var recipients: [String] = []
        var recipientsSpan: Span?
        var archive: String?
        var archiveSpan: Span?
        var signer: Signer?
        var signerSpan: Span?
    }

    struct Line {
        var text: String
        var span: Span?
    }

    func extract(_ rows: [Row]) -> Result {
        var left: [Line] = []
        var right: [Line] = []
        var inRecipients = false
        var afterArchive = false
        for row in rows {
            for seg in row.segments {
                let t = seg.text
                var isRight: Bool?
                if let x0 = seg.x0, let w = row.pageWidth, w > 0 {
                    let l = row.marginLeft ?? 0
                    isRight = x0 - l > (w - l) * 0.35
                }
                if lexicon.layout.isRecipientsHeading(t) { inRecipients = true; isRight = false }
                let bullet = t.first.map { "-–—•+".contains($0) } ?? false
                let side = isRight ?? (afterArchive && !bullet ? true : !looksLikeRecipient(t, inRecipients: inRecipients, previous: left.last?.text))
                if !side, lexicon.layout.isArchiveLine(String(t.drop(while: { "-–—•+* ".contains($0) }))) { afterArchive = true }
                if side { right.append(Line(text: t, span: seg.span)) } else { left.append(Line(text: t, span: seg.span)) }
            }
        }
        var r = Result()
        readRecipients(left, into: &r)
        readSignature(right, into: &r)
        return r
    }

    func looksLikeRecipient(_ t: String, inRecipients: Bool, previous: String?) -> Bool {
        guard inRecipients else { return false }
        if lexicon.layout.isRecipientsHeading(t) { return true }
        if let f = t.first, "-–—•+*".contains(f) { return true }
        if lexicon.layout.isArchiveLine(t) { return true }
        if t.hasSuffix(":") && t.count < 40 { return true }          // "Gửi bản điện tử:"
        if let f = t.first, f.isLowercase || f == "(" { return true }  // a wrapped item
        if t.hasSuffix(";") { return true }
        if let p = previous, !p.hasSuffix(";"), !p.hasSuffix("."), !lexicon.layout.isArchiveLine(p), !lexicon.layout.isRecipientsHeading(p),
           !Casing.isCapitals(t) {
            return true
        }
        return false
    }

    func readRecipients(_ lines: [Line], into r: inout Result) {
        var items: [(String, Span?)] = []
        var started = false
        var marked = false
        var afterArchive = false
        for line in lines {
            var t = line.text.trimmed
            if lexicon.layout.isRecipientsHeading(t) {
                started = true
                t = String(t.drop(while: { $0 != ":" }).dropFirst()).trimmed
                if t.isEmpty { continue }
            }
            guard started else { continue }
            let f = Fold.ascii(t)
            let bulletless = t.drop(while: { "-–—•+* ".contains($0) })
            if let label = lexicon.layout.archiveLabelLength(String(bulletless)) {
                var a = String(bulletless.dropFirst(label)).trimmed(" :")
                while let l = a.last, ".;,".contains(l) { a.removeLast() }
                a = a.replacingOccurrences(of: #",\s*"#, with: ", ", options: .regularExpression)
                r.archive = a.isEmpty ? nil : a
                r.archiveSpan = line.span
                afterArchive = true
                continue
            }
            // The "Lưu" line closes the list: a note under it ("09 KH", the copies) or a footnote
            // the page's text runs on with ("[1] Nghị quyết …") is not a recipient.
            if afterArchive, !(t.first.map { "-–—•+*".contains($0) } ?? false) { continue }
            if t.hasSuffix(":") && t.count < 40 && !f.hasPrefix("-") { continue }   // "Gửi bản điện tử:"
            if let c = t.first, "-–—•+*".contains(c) {
                marked = true
                items.append((String(bulletless), line.span))
            } else if let last = items.last, let c = t.first, c.isLowercase || c == "(" || !(last.0.hasSuffix(";") || last.0.hasSuffix(".")) && marked {
                items[items.count - 1].0 += " " + t
            } else {
                items.append((t, line.span))
            }
        }
        r.recipients = items.map { item in
            var s = item.0.trimmed
            while let l = s.last, ";,.".contains(l) { s.removeLast() }
            return s.trimmed
        }.filter { !$0.isEmpty }
        r.recipientsSpan = items.first?.1
    }

    func readSignature(_ lines: [Line], into r: inout Result) {
        var chain: [(prefix: String, of: String)] = []
        var capacity: [Line] = []
        var name: Line?
        for line in lines {
            let t = line.text.trimmed
            if t.isEmpty || lexicon.layout.isSignatureNote(t) { continue }
            if let p = ClosingPatterns.signingPrefix(t, lexicon: lexicon) {
                chain.append((p.code, casing.onBehalfOf(p.rest)))
                continue
            }
            if looksLikeName(t) {
                name = line
                continue
            }
            if name != nil { continue }   // text after the name (a seal note) is not a position
            if Casing.isCapitals(t) || capacity.isEmpty {
                // A short row right after a long one wraps it ("…PTNT THANH" / "HÓA").
                if let last = capacity.last, last.text.count >= 24, t.split(separator: " ").count <= 2,
                   !casing.startsWithPosition(t) {
                    capacity[capacity.count - 1].text += " " + t
                } else {
                    capacity.append(line)
                }
            }
        }
        guard name != nil || !capacity.isEmpty || !chain.isEmpty else { return }
        var s = Signer()
        s.name = name.map { casing.person($0.text) }
        s.chain = chain
        if let last = chain.last {
            s.authority = last.prefix
            s.onBehalfOf = last.of
        }
        if let pos = capacity.last {
            s.title = casing.position(pos.text)
        }
        r.signer = s
        r.signerSpan = name?.span ?? capacity.last?.span
    }


    /// A person's name: 2–6 words, each opening with a capital, letters only, not a position.
    func looksLikeName(_ t: String) -> Bool {
        let words = t.split(separator: " ")
        guard (2...6).contains(words.count) else { return false }
        guard words.allSatisfy({ w in w.first?.isUppercase == true && w.allSatisfy({ $0.isLetter || $0 == "." }) }) else { return false }
        // Every syllable of a name has a vowel; OCR's broken "PH ULỤC" (PHỤ LỤC) does not.
        guard words.allSatisfy({ w in w.hasSuffix(".") || Fold.ascii(w).contains(where: { "aeiouy".contains($0) }) }) else { return false }
        if casing.startsWithPosition(t) || casing.startsWithHead(t) { return false }
        if Casing.isCapitals(t) {
            // Names in capitals exist ("NGUYỄN VĂN A"): accept when no agency or position word is in it.
            let k = Fold.key(t)
            if lexicon.positionKeys.contains(where: { k.contains($0) }) { return false }
            if lexicon.placeLevelKeys.contains(where: { k.has(" " + $0 + " ") }) { return false }
            if ["uy ban", "nhan dan", "so ", "ban "].contains(where: { Fold.ascii(t).hasPrefix($0) }) { return false }
        }
        return true
    }
}
