import Foundation

/// Checks on markup bytes before libxml2 parses them. libxml2 looks for a
/// duplicate attribute by comparing each new one with every earlier one of the
/// element, so an element with 200,000 attributes costs minutes; no document
/// element has a thousand. One linear pass over the bytes counts them.
enum MarkupLimits {
    static let maxAttributes = 1000

    static func checkAttributes(_ data: Data, kind: String) throws {
        let worst = data.withUnsafeBytes { raw in mostAttributes(raw.bindMemory(to: UInt8.self), stopAbove: maxAttributes) }
        if worst > maxAttributes {
            throw ThiduaError(.tooLarge, "\(kind) has an element with over \(maxAttributes) attributes")
        }
    }

    /// The largest number of attribute-like tokens in one start tag (up to `stopAbove` + 1).
    /// Script and style bodies are skipped: their `<` are not tags.
    static func mostAttributes(_ b: UnsafeBufferPointer<UInt8>, stopAbove: Int) -> Int {
        let n = b.count
        var i = 0
        var worst = 0
        @inline(__always) func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        @inline(__always) func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }
        while i < n {
            guard b[i] == 0x3C, i + 1 < n, isLetter(b[i + 1]) else { i += 1; continue }
            // Tag name.
            var j = i + 1
            var name: [UInt8] = []
            while j < n, !isSpace(b[j]), b[j] != 0x3E, b[j] != 0x2F {
                if name.count < 8 { name.append(b[j] | 0x20) }
                j += 1
            }
            var count = 0
            var quote: UInt8 = 0
            var afterSpace = false
            while j < n {
                let c = b[j]
                if quote != 0 {
                    if c == quote { quote = 0 }
                } else if c == 0x22 || c == 0x27 {
                    quote = c
                    afterSpace = false
                } else if c == 0x3E {
                    break
                } else if isSpace(c) {
                    afterSpace = true
                } else {
                    if afterSpace, c != 0x2F, c != 0x3D {
                        count += 1
                        if count > stopAbove { return count }
                    }
                    afterSpace = false
                }
                j += 1
            }
            worst = max(worst, count)
            i = j + 1
            if name == Array("script".utf8) || name == Array("style".utf8) {
                i = skipPast(closing: name, in: b, from: i)
            }
        }
        return worst
    }

    /// The index after `</name` (case-insensitive), or the end.
    private static func skipPast(closing name: [UInt8], in b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        let n = b.count
        while i + 1 + name.count < n {
            if b[i] == 0x3C, b[i + 1] == 0x2F {
                var k = 0
                while k < name.count, b[i + 2 + k] | 0x20 == name[k] { k += 1 }
                if k == name.count { return i + 2 + k }
            }
            i += 1
        }
        return n
    }
}
