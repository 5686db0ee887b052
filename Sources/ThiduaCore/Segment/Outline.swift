import Foundation

/// Outline marks that open a paragraph: "Phần I", "I.", "1.", "1.1.", "a)", "-", "+".
public enum Outline {
    public enum Mark: Int, Sendable, Comparable {
        case part = 0, roman, article, arabic, arabicNested, letter, dash, plus
        public static func < (a: Mark, b: Mark) -> Bool { a.rawValue < b.rawValue }
    }

    public struct Found: Sendable {
        public var mark: Mark
        public var label: String
        /// The text after the mark.
        public var rest: Substring
    }

    static let romans: Set<String> = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]

    public static func marker(in s: String) -> Found? {
        var t = Substring(s)
        t = t.drop(while: { $0 == " " })
        guard let first = t.first else { return nil }
        // Bullets
        if "-–—•+*".contains(first) {
            let rest = t.dropFirst()
            guard rest.first == " " || (rest.first?.isLetter ?? false) || rest.first == "\"" || rest.first == "“" else { return nil }
            return Found(mark: first == "+" ? .plus : .dash, label: first == "+" ? "+" : "-", rest: rest.drop(while: { $0 == " " }))
        }
        // "Phần I", "Chương II", "Mục 1" (a part of the outline above the Roman numbers)
        for word in ["Phần ", "PHẦN ", "Chương ", "CHƯƠNG "] where t.hasPrefix(word) {
            let after = t.dropFirst(word.count)
            // "Phần thứ nhất", "PHẦN THỨ HAI": an ordinal word.
            for ordinal in ["thứ ", "THỨ ", "Thứ "] where after.hasPrefix(ordinal) {
                let word2 = after.dropFirst(ordinal.count).prefix(while: { $0.isLetter })
                guard !word2.isEmpty else { return nil }
                let rest = after.dropFirst(ordinal.count + word2.count).drop(while: { $0 == "." || $0 == ":" || $0 == " " || $0 == "-" || $0 == "–" })
                return Found(mark: .part, label: String(word.trimmed.capitalized + " thứ " + word2.lowercased()), rest: rest)
            }
            let label = after.prefix(while: { $0.isLetter || $0.isNumber })
            guard !label.isEmpty, romans.contains(String(label)) || label.allSatisfy(\.isNumber) else { return nil }
            var rest = after.dropFirst(label.count)
            rest = rest.drop(while: { $0 == "." || $0 == ":" || $0 == " " || $0 == "-" || $0 == "–" })
            return Found(mark: .part, label: word.trimmed.capitalized + " " + label, rest: rest)
        }
        if t.hasPrefix("Điều ") {
            let after = t.dropFirst(5)
            let num = after.prefix(while: \.isNumber)
            guard !num.isEmpty else { return nil }
            let rest = after.dropFirst(num.count)
            guard rest.first == "." || rest.first == ":" || rest.first == " " else { return nil }
            return Found(mark: .article, label: "Điều " + num, rest: rest.drop(while: { $0 == "." || $0 == ":" || $0 == " " }))
        }
        // Roman: "II. ", "IV- ", "III) "
        let roman = t.prefix(while: { "IVX".contains($0) })
        if !roman.isEmpty, romans.contains(String(roman)) {
            let after = t.dropFirst(roman.count)
            if let c = after.first, c == "." || c == ")" || c == "-" || c == "–" {
                let rest = after.dropFirst().drop(while: { $0 == " " })
                if rest.first.map({ $0.isLetter || $0 == "\"" || $0 == "“" }) ?? false {
                    return Found(mark: .roman, label: String(roman), rest: rest)
                }
            }
        }
        // Arabic: "1. ", "1) ", "2.3. ", "2.3 "
        let digits = t.prefix(while: { $0.isNumber || $0 == "." })
        if let d0 = digits.first, d0.isNumber {
            var label = String(digits)
            var after = t.dropFirst(digits.count)
            let nested = label.trimmed(".").has(".")
            if label.hasSuffix(".") {
                label.removeLast()
            } else if after.first == ")" {
                after = after.dropFirst()
            } else if !nested {
                return nil
            }
            guard label.count <= 8, after.first == " " else { return nil }
            let parts = label.split(separator: ".")
            guard parts.allSatisfy({ $0.count <= 2 }) else { return nil }   // "2021." is a year, not a mark
            let rest = after.drop(while: { $0 == " " })
            guard let r0 = rest.first, r0.isLetter || r0 == "\"" || r0 == "“" || r0 == "(" else { return nil }
            return Found(mark: parts.count > 1 ? .arabicNested : .arabic, label: label, rest: rest)
        }
        // Letter: "a) ", "b. ", "đ) "
        if first.isLetter, first.isLowercase {
            let after = t.dropFirst()
            if let c = after.first, c == ")" || c == ".", after.dropFirst().first == " " {
                let rest = after.dropFirst().drop(while: { $0 == " " })
                if rest.first.map({ $0.isLetter || $0 == "\"" || $0 == "“" }) ?? false {
                    return Found(mark: .letter, label: String(first), rest: rest)
                }
            }
        }
        return nil
    }
}
