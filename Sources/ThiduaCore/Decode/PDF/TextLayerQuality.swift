import Foundation

/// Whether a page's text layer can be trusted, or the page must be read from its pixels.
enum TextLayerQuality: Equatable, Sendable {
    case usable
    /// No text and no picture: a blank page.
    case blank
    /// No text, or only a few words (an e-signature stamp: "Ký bởi …") over a picture.
    case missing
    /// A broken ToUnicode map: letters of other scripts inside Vietnamese words ("6Ӣ CÔNG 7+ѬѪ1*").
    case garbled

    /// Fewer non-space characters than this on a page with a picture: a stamp, not a text layer.
    static let stampChars = 100
    /// A picture covering this share of the page makes a page a scan.
    static let scanCoverage = 0.3
    /// More than this share of words holding characters outside Latin/Vietnamese,
    /// digits and punctuation: garbled.
    static let garbledWords = 0.08

    static func assess(_ chars: [PDFChar], imageCoverage: () -> Double) -> TextLayerQuality {
        var visible = 0, words = 0, badWords = 0
        var inWord = false, wordBad = false
        for c in chars {
            let v = c.scalar.value
            if isSpace(v) {
                if inWord { words += 1; if wordBad { badWords += 1 } }
                inWord = false
                wordBad = false
                continue
            }
            visible += 1
            inWord = true
            if !isExpected(v) { wordBad = true }
        }
        if inWord { words += 1; if wordBad { badWords += 1 } }
        if visible < stampChars {
            return imageCoverage() >= scanCoverage ? .missing : (visible == 0 ? .blank : .usable)
        }
        return Double(badWords) > garbledWords * Double(words) ? .garbled : .usable
    }

    /// Latin letters with Vietnamese marks (and the Latin-1 range, where legacy
    /// TCVN3/VNI text layers live until the Repair stage decodes them), digits,
    /// punctuation, symbols of ordinary documents.
    @inline(__always)
    static func isExpected(_ v: UInt32) -> Bool {
        switch v {
        case 0x21...0x7E, 0xA1...0x24F: return true   // ASCII, Latin-1, Latin Extended-A/B
        case 0x300...0x36F: return true                // combining marks (decomposed Vietnamese)
        case 0x1E00...0x1EFF: return true              // Latin Extended Additional (ạ ả ấ …)
        case 0x2000...0x206F, 0x20A0...0x20CF: return true  // punctuation, currency
        case 0x2100...0x22FF, 0x2190...0x21FF: return true  // letterlike, arrows, math (−, ≤)
        case 0x25A0...0x25FF, 0x2600...0x27BF: return true  // bullets, dingbats
        case 0xF020...0xF0FF: return true              // Symbol/Wingdings glyphs (bullets, boxes)
        case 0xFB00...0xFB06: return true              // ligatures
        default: return false
        }
    }
}
