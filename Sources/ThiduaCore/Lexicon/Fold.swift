import Foundation

/// Text folding for comparisons and search: case- and diacritic-insensitive,
/// with đ/Đ folded to d ("nong thon moi" finds "nông thôn mới").
public enum Fold {
    /// Lowercased, NFC, whitespace collapsed: for comparing words that must keep their tones.
    public static func key(_ s: String) -> String {
        s.precomposedStringWithCanonicalMapping.lowercased()
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Lowercased with every diacritic removed and đ → d.
    public static func ascii(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            switch u.value {
            case 0x0300...0x036F: continue
            case 0x0111, 0x0110: out.append("d")
            default: out.append(u)
            }
        }
        return String(out)
    }
}
