import Foundation

/// Drops page numbers and running headers/footers: they would otherwise cut
/// paragraphs and table rows in two at every page break.
enum PageNoise {
    /// Lines in this share of the page height from the top or bottom edge may be noise.
    static let edgeZone = 0.12

    static func isPageNumber(_ text: Substring) -> Bool {
        var digits = 0, others = 0
        var scalars = text.unicodeScalars[...]
        let lower = text.lowercased()
        if lower.hasPrefix("trang ") || lower.hasPrefix("page ") {
            scalars = text.unicodeScalars.drop { $0 != " " }
        }
        for s in scalars {
            switch s.value {
            case 0x30...0x39: digits += 1
            case 0x20, 0x2D, 0x2F, 0x2E, 0x2013, 0x2014, 0x28, 0x29, 0x5B, 0x5D: others += 1
            default: return false
            }
        }
        // At most 3 digits a side: a wrapped year ("2025") at the foot of a page is not a page number.
        return digits >= 1 && digits <= 6 && others <= 6 && !hasLongRun(scalars)
    }

    private static func hasLongRun(_ scalars: Substring.UnicodeScalarView) -> Bool {
        var run = 0
        for s in scalars {
            run = (0x30...0x39).contains(s.value) ? run + 1 : 0
            if run > 3 { return true }
        }
        return false
    }

    /// `pages[i]` are the lines of page i, top to bottom; `heights[i]` its height.
    static func clean(_ pages: [[LayoutLine]], heights: [Double]) -> [[LayoutLine]] {
        func inZone(_ l: LayoutLine, _ h: Double) -> Bool {
            l.bottom <= h * edgeZone || l.top >= h * (1 - edgeZone)
        }
        func key(_ l: LayoutLine) -> String {
            var s = String.UnicodeScalarView()
            for c in l.text.lowercased().unicodeScalars where c != " " {
                s.append(c.value >= 0x30 && c.value <= 0x39 ? "#" : c)
            }
            return String(s) + "@" + String((l.top / 6).rounded().clampedInt)
        }
        // Running headers and footers: same text (numbers aside) at the same height on most pages.
        var counts: [String: Int] = [:]
        if pages.count >= 2 {
            for (i, lines) in pages.enumerated() {
                var seen = Set<String>()
                for l in edgeLines(lines) where inZone(l, heights[i]) { seen.insert(key(l)) }
                for k in seen { counts[k, default: 0] += 1 }
            }
        }
        let needed = max(2, (pages.count + 1) / 2)
        return pages.enumerated().map { i, lines in
            let h = heights[i]
            var drop = Set<Int>()
            let edge = edgeIndices(lines.count)
            for j in edge {
                let l = lines[j]
                guard inZone(l, h) else { continue }
                if l.segments.count == 1, isPageNumber(l.segments[0].text[...]) {
                    drop.insert(j)
                } else if pages.count >= 2, counts[key(l), default: 0] >= needed {
                    drop.insert(j)
                }
            }
            return drop.isEmpty ? lines : lines.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
        }
    }

    private static func edgeIndices(_ n: Int) -> [Int] {
        Array(Set([0, 1, n - 2, n - 1].filter { $0 >= 0 && $0 < n })).sorted()
    }

    private static func edgeLines(_ lines: [LayoutLine]) -> [LayoutLine] {
        edgeIndices(lines.count).map { lines[$0] }
    }
}
