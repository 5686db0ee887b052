import Foundation

/// File names are bytes. Swift's String on Linux keeps invalid UTF-8 out, so a name
/// that is not UTF-8 would lose its bytes; Foundation's file-system representation
/// maps such bytes to lone surrogate-free private code points and back (U+DC80-style
/// escapes are not available), so here each invalid byte becomes U+F700+byte, the same
/// mapping CoreFoundation uses, and `cPath` turns it back before any system call.
public enum FileName {
    /// Calls `body` with the C path of `s` (its original bytes).
    public static func c<T>(_ s: String, _ body: (UnsafePointer<CChar>) -> T) -> T {
        var b = bytes(s)
        b.append(0)
        return b.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
    }

    /// The name as a person reads it: each byte that is not UTF-8 written as \xHH (as `ls -b`).
    public static func display(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if u.value >= 0xF780 && u.value <= 0xF7FF {
                out += "\\x" + String(u.value - 0xF700, radix: 16, uppercase: true)
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    public static func string(_ bytes: [UInt8]) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            let len = sequenceLength(bytes, i)
            if len > 0, let s = String(validating: bytes[i..<(i + len)], as: UTF8.self) {
                out.append(contentsOf: s.unicodeScalars)
                i += len
            } else {
                out.append(Unicode.Scalar(0xF700 + UInt32(bytes[i]))!)
                i += 1
            }
        }
        return String(out)
    }

    /// The bytes `string(_:)` came from.
    public static func bytes(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        for u in s.unicodeScalars {
            if u.value >= 0xF780 && u.value <= 0xF7FF {
                out.append(UInt8(u.value - 0xF700))
            } else {
                out.append(contentsOf: Array(String(u).utf8))
            }
        }
        return out
    }

    private static func sequenceLength(_ b: [UInt8], _ i: Int) -> Int {
        let c = b[i]
        if c < 0x80 { return 1 }
        if c >= 0xC2 && c <= 0xDF { return i + 1 < b.count ? 2 : 0 }
        if c >= 0xE0 && c <= 0xEF { return i + 2 < b.count ? 3 : 0 }
        if c >= 0xF0 && c <= 0xF4 { return i + 3 < b.count ? 4 : 0 }
        return 0
    }
}
