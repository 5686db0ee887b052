import Foundation

/// VIQR (RFC 1456 quoting): "Vie^.t Nam" → "Việt Nam". Modifiers ^ ( + after the vowel, then a
/// tone mark ' ` ? ~ . ; "dd" → đ. A token is converted only when every syllable it yields is
/// valid Vietnamese; a final "." (and "?" ending a line) is punctuation unless it follows a modifier.
enum VIQR {
    static let tones: [Character: UInt32] = ["'": 0x301, "`": 0x300, "?": 0x309, "~": 0x303, ".": 0x323]

    static func decode(_ text: String) -> String {
        var out = ""
        var token = ""
        let chars = Array(text)
        let lastText = chars.lastIndex { !$0.isWhitespace } ?? -1
        func flush(last: Bool) {
            guard !token.isEmpty else { return }
            out += decodeToken(token, lastInLine: last) ?? token
            token = ""
        }
        for (i, ch) in chars.enumerated() {
            if ch.isWhitespace {
                flush(last: ch.isNewline || i > lastText)
                out.append(ch)
            } else { token.append(ch) }
        }
        flush(last: true)
        return out
    }

    /// Whitespace-separated tokens that convert, and all tokens.
    static func convertedTokens(_ text: String) -> (converted: Int, tokens: Int) {
        let tokens = text.split(whereSeparator: { $0.isWhitespace })
        return (tokens.reduce(0) { $0 + (decodeToken(String($1)) == nil ? 0 : 1) }, tokens.count)
    }

    static func decodeToken(_ token: String, lastInLine: Bool = false) -> String? {
        let chars = Array(token)
        var out = ""
        var used = false
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let lower = Character(c.lowercased())
            if lower == "d", i + 1 < chars.count, chars[i + 1].lowercased() == "d" {
                out.append(c.isUppercase ? "Đ" : "đ"); i += 2; used = true; continue
            }
            guard "aeiouy".contains(lower) else { out.append(c); i += 1; continue }
            var s = String(c)
            var j = i + 1
            var modified = false
            if j < chars.count {
                let m = chars[j]
                if m == "^", "aeo".contains(lower) { s += "\u{302}"; j += 1; modified = true }
                else if m == "(", lower == "a" { s += "\u{306}"; j += 1; modified = true }
                else if m == "+", lower == "o" || lower == "u" { s += "\u{31B}"; j += 1; modified = true }
            }
            if j < chars.count, let tone = tones[chars[j]] {
                let atEnd = j + 1 == chars.count || !(chars[j + 1].isLetter)
                // A final "." is a full stop, a final "?" one only at the end of a line.
                let punctuation = atEnd && !modified && (chars[j] == "." || (chars[j] == "?" && lastInLine))
                if !punctuation { s += String(Unicode.Scalar(tone)!); j += 1; modified = true }
            }
            if modified { used = true }
            out += s.precomposedStringWithCanonicalMapping
            i = j
        }
        guard used else { return nil }
        // Every letter run must be a valid syllable.
        var word: [Unicode.Scalar] = []
        for s in out.unicodeScalars {
            if s.properties.isAlphabetic { word.append(s); continue }
            if !word.isEmpty, !VietSyllable.isValid(word) { return nil }
            word.removeAll()
        }
        if !word.isEmpty, !VietSyllable.isValid(word) { return nil }
        return out
    }
}
