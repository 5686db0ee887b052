import Foundation

/// Text folding for comparisons and search: case- and diacritic-insensitive,
/// with đ/Đ folded to d ("nong thon moi" finds "nông thôn mới").
public enum Fold {
    /// Lowercased, NFC, whitespace collapsed: for comparing words that must keep their tones.
    public static func key(_ s: String) -> String {
        // NFC only where combining marks are present (text from Repair is NFC already).
        let nfc = s.unicodeScalars.contains { (0x0300...0x036F).contains($0.value) } ? s.precomposedStringWithCanonicalMapping : s
        var out = ""
        out.reserveCapacity(nfc.utf8.count)
        var pendingSpace = false
        for ch in nfc.lowercased() {
            if ch.isWhitespace { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(ch)
        }
        return out
    }

    /// Lowercased with every diacritic removed and đ → d.
    public static func ascii(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let v = u.value
            if v < 0x80 {
                out.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 32)! : u)
            } else if let base = baseLetter[v] {
                out.append(Unicode.Scalar(base))
            } else if (0x0300...0x036F).contains(v) {
                continue
            } else {
                out.append(contentsOf: String(u).lowercased().unicodeScalars)
            }
        }
        return String(out)
    }

    /// Latin letters with diacritics (Latin-1, Extended-A/B, Vietnamese) → their lowercase base letter.
    static let baseLetter: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [0x0110: UInt8(ascii: "d"), 0x0111: UInt8(ascii: "d")]
        let ranges: [ClosedRange<UInt32>] = [0x00C0...0x024F, 0x1E00...0x1EFF]
        for r in ranges {
            for v in r {
                guard let u = Unicode.Scalar(v), table[v] == nil else { continue }
                let base = String(u).decomposedStringWithCanonicalMapping.unicodeScalars.first!.value
                if base < 0x80, let b = Unicode.Scalar(base), b.properties.isAlphabetic {
                    table[v] = UInt8(String(b).lowercased().unicodeScalars.first!.value)
                }
            }
        }
        return table
    }()
}
