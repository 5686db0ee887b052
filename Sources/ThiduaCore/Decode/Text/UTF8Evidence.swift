import Foundation

/// How far a byte string reads as UTF-8. One stray byte in a UTF-8 plan (a bad
/// copy, a truncated download) is no reason to read the whole file as
/// Windows-1252: it is kept as U+FFFD and reported, while legacy 8-bit text,
/// whose high bytes seldom form UTF-8 sequences, still goes to the legacy decoders.
struct UTF8Evidence {
    /// Well-formed sequences of two to four bytes.
    var multiByte = 0
    /// Bytes that start no well-formed sequence.
    var invalid = 0

    init(_ data: Data) {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                let len = Self.sequenceLength(b, i)
                if len == 0 { invalid += 1; i += 1 } else { multiByte += 1; i += len }
            }
        }
    }

    /// The length of the well-formed sequence at `i` (RFC 3629), or 0.
    static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let c = b[i]
        let n = b.count
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { k < n && b[k] >= lo && b[k] <= hi }
        switch c {
        case 0xC2...0xDF: return cont(i + 1) ? 2 : 0
        case 0xE0: return cont(i + 1, 0xA0) && cont(i + 2) ? 3 : 0
        case 0xED: return cont(i + 1, 0x80, 0x9F) && cont(i + 2) ? 3 : 0
        case 0xE1...0xEF: return cont(i + 1) && cont(i + 2) ? 3 : 0
        case 0xF0: return cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0
        case 0xF1...0xF3: return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0
        case 0xF4: return cont(i + 1, 0x80, 0x8F) && cont(i + 2) && cont(i + 3) ? 4 : 0
        default: return 0
        }
    }

    /// UTF-8 with a few damaged bytes: many well-formed sequences, and at most one bad byte per ten.
    var isMostlyUTF8: Bool { multiByte >= 8 && invalid * 10 <= multiByte }

    /// Valid UTF-8 with characters beyond ASCII: the bytes themselves say what they are.
    var isCleanUTF8: Bool { multiByte > 0 && invalid == 0 }

    /// The text of bytes that are mostly UTF-8, damaged bytes as U+FFFD; nil otherwise.
    static func mostlyUTF8(_ data: Data) -> String? {
        guard UTF8Evidence(data).isMostlyUTF8 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// A warning when decoded text holds replacement characters (bytes that were not UTF-8).
    static func replacements(in text: String) -> [Diagnostic] {
        var count = 0
        var first: Int?
        var line = 1
        var state = 0
        for byte in text.utf8 {
            if byte == 0x0A { line += 1 }
            // U+FFFD is EF BF BD.
            switch (state, byte) {
            case (_, 0xEF): state = 1
            case (1, 0xBF): state = 2
            case (2, 0xBD):
                count += 1
                if first == nil { first = line }
                state = 0
            default: state = 0
            }
        }
        guard count > 0, let first else { return [] }
        return [Diagnostic(
            rule: "encoding-invalid-bytes", severity: .warning,
            message: "\(count) byte\(count == 1 ? " is" : "s are") not UTF-8 in otherwise UTF-8 text "
                + "(kept as U+FFFD; first on line \(first))")]
    }
}
