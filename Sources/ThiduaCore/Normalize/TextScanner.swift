import Foundation

/// A lowercased word packed into two integers (up to 8 scalars of 16 bits), so the
/// date grammar compares words without allocating a String per word. Words longer
/// than 8 scalars (never a keyword) all share `long`.
struct WordKey: Hashable, Sendable {
    var a: UInt64
    var b: UInt64

    static let long = WordKey(a: .max, b: .max)

    init(a: UInt64, b: UInt64) {
        self.a = a
        self.b = b
    }

    /// The key of a literal keyword (NFC, as written in the source).
    init(_ word: String) {
        var k = WordKey(a: 0, b: 0)
        var n = 0
        for u in word.unicodeScalars {
            if !k.append(u.value, at: n) { self = .long; return }
            n += 1
        }
        self = k
    }

    /// Adds the `n`th scalar (lowercased); false when the word no longer fits.
    @inline(__always)
    mutating func append(_ v: UInt32, at n: Int) -> Bool {
        let l = UInt64(ScalarClass.lower(v))
        if l > 0xFFFF || n >= 8 { return false }
        if n < 4 { a |= l << (16 * UInt64(n)) } else { b |= l << (16 * UInt64(n - 4)) }
        return true
    }
}

/// Character classes on raw scalar values, tuned for Vietnamese text.
enum ScalarClass {
    @inline(__always)
    static func isSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    @inline(__always)
    static func isLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        switch v {
        case 0x80...0xBF, 0xD7, 0xF7, 0x2000...0x2BFF, 0x3000...0x303F, 0xFE00...0xFFFF: return false
        case 0xC0...0x24F, 0x300...0x36F, 0x1E00...0x1EFF: return true  // Latin + combining marks (NFD input)
        default: return Unicode.Scalar(v)?.properties.isAlphabetic ?? false
        }
    }

    /// Uppercase letters, including Vietnamese capitals (Đ, Ơ, Ư, Ầ …).
    @inline(__always)
    static func isUpper(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        return lower(v) != v
    }

    /// Lowercase mapping for the scripts Vietnamese text uses; other scalars unchanged.
    @inline(__always)
    static func lower(_ v: UInt32) -> UInt32 {
        switch v {
        case 0x41...0x5A: return v + 0x20
        case 0xC0...0xDE where v != 0xD7: return v + 0x20
        case 0x100...0x137, 0x14A...0x177: return v | 1
        case 0x1A0, 0x1AF: return v + 1
        case 0x1EA0...0x1EF9: return v | 1
        case 0x391...0x3A9, 0x410...0x42F: return v + 0x20
        default: return v
        }
    }
}

/// One token of running text: a digit run, a letter run, or one other scalar.
/// Offsets are UTF-8 byte offsets into the scanned text.
struct Token {
    enum Kind: UInt8 { case number, word, punct }
    var kind: Kind
    var start: Int
    var end: Int
    /// Whitespace comes right before this token.
    var spaced: Bool
    /// A number's value (capped at 9 digits) or a punctuation scalar's value.
    var value: Int
    /// Digits in a number, scalars in a word.
    var length: Int
    var key: WordKey
    /// A word whose first letter is a capital.
    var capital: Bool
}

enum Tokenizer {
    /// Decodes one scalar at `i` (input is valid UTF-8: it comes from a String).
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return (((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F), 2) }
        if b0 < 0xF0 {
            return (((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F), 3)
        }
        return (((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12) | ((UInt32(p[i + 2]) & 0x3F) << 6)
            | (UInt32(p[i + 3]) & 0x3F), 4)
    }

    static func tokenize(_ p: UnsafeBufferPointer<UInt8>) -> [Token] {
        var toks: [Token] = []
        toks.reserveCapacity(p.count / 3 + 4)
        let n = p.count
        var i = 0
        var spaced = true
        while i < n {
            let b = p[i]
            if b >= 0x30 && b <= 0x39 {
                let s = i
                var v = 0
                while i < n, p[i] >= 0x30, p[i] <= 0x39 {
                    if i - s < 9 { v = v * 10 + Int(p[i] - 0x30) }
                    i += 1
                }
                toks.append(Token(kind: .number, start: s, end: i, spaced: spaced, value: v, length: i - s,
                                  key: WordKey(a: 0, b: 0), capital: false))
                spaced = false
                continue
            }
            let (v, len) = decode(p, i)
            if ScalarClass.isSpace(v) {
                spaced = true
                i += len
                continue
            }
            if ScalarClass.isLetter(v) {
                let s = i
                var key = WordKey(a: 0, b: 0)
                var count = 0
                var fits = true
                var j = i
                while j < n {
                    let c = p[j]
                    if c < 0x80 {
                        // ASCII fast path: most letters of Vietnamese words are plain Latin.
                        let lc = c | 0x20
                        guard lc >= 0x61 && lc <= 0x7A else { break }
                        if fits {
                            if count < 4 { key.a |= UInt64(lc) << (16 * UInt64(count)) }
                            else if count < 8 { key.b |= UInt64(lc) << (16 * UInt64(count - 4)) }
                            else { fits = false }
                        }
                        count += 1
                        j += 1
                        continue
                    }
                    let (w, l) = decode(p, j)
                    if !ScalarClass.isLetter(w) { break }
                    if fits { fits = key.append(w, at: count) }
                    count += 1
                    j += l
                }
                toks.append(Token(kind: .word, start: s, end: j, spaced: spaced, value: 0, length: count,
                                  key: fits ? key : .long, capital: ScalarClass.isUpper(v)))
                i = j
                spaced = false
                continue
            }
            toks.append(Token(kind: .punct, start: i, end: i + len, spaced: spaced, value: Int(v), length: 1,
                              key: WordKey(a: 0, b: 0), capital: false))
            i += len
            spaced = false
        }
        return toks
    }

    /// Runs `body` over the UTF-8 bytes of `text` without copying where the string is native.
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = text.utf8.withContiguousStorageIfAvailable(body) { return r }
        let copy = Array(text.utf8)
        return copy.withUnsafeBufferPointer(body)
    }

    @inline(__always)
    static func contains(_ p: UnsafeBufferPointer<UInt8>, where pred: (UInt8) -> Bool) -> Bool {
        for b in p where pred(b) { return true }
        return false
    }

    static func string(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[s..<e]), as: UTF8.self)
    }

    static func range(in text: String, _ s: Int, _ e: Int) -> Range<String.Index> {
        let u = text.utf8
        return u.index(u.startIndex, offsetBy: s)..<u.index(u.startIndex, offsetBy: e)
    }
}
