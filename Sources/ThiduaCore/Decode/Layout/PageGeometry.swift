import Foundation

/// Left and right edges of a page's body text, and how each line sits between them.
struct PageMargins: Sendable {
    var left: Double
    var right: Double
    /// Where indented paragraph lines start, if lines agree on one.
    var indent: Double?

    /// The most common line start and line end (2 pt bins): continuation lines
    /// start at the left margin, justified lines end at the right one. Nil when
    /// fewer than `minVotes` lines agree.
    static func estimate(_ lines: [LayoutLine], minVotes: Int = 3) -> PageMargins? {
        guard let l = mode(lines.map(\.x0), minVotes: minVotes), let r = mode(lines.map(\.x1), minVotes: minVotes), r > l
        else { return nil }
        let indented = lines.filter { $0.x0 > l + 0.5 * $0.unit && $0.x0 < (l + r) / 2 }.map(\.x0)
        return PageMargins(left: l, right: r, indent: mode(indented, minVotes: 2))
    }

    private static func mode(_ xs: [Double], minVotes: Int) -> Double? {
        var bins: [Int: (count: Int, sum: Double)] = [:]
        for x in xs {
            let k = (x / 2).rounded().clampedInt
            bins[k, default: (0, 0)].count += 1
            bins[k, default: (0, 0)].sum += x
        }
        // Neighbouring bins count too (a value on a bin edge).
        var best: (votes: Int, x: Double)?
        for (k, v) in bins {
            let votes = v.count + (bins[k - 1]?.count ?? 0) + (bins[k + 1]?.count ?? 0)
            if best == nil || votes > best!.votes || (votes == best!.votes && v.sum / Double(v.count) < best!.x) {
                best = (votes, v.sum / Double(v.count))
            }
        }
        guard let best, best.votes >= minVotes else { return nil }
        return best.x
    }

    /// Centred: off both margins, with about as much room on either side (title
    /// lines, "KẾ HOẠCH"). Justified: reaches the right margin (a paragraph's first,
    /// indented line too). Right: reaches the right margin from far inside.
    func alignment(of line: LayoutLine) -> Alignment {
        let h = line.unit
        let leftGap = line.x0 - left, rightGap = right - line.x1
        let tol = 0.5 * h
        let reachesLeft = leftGap <= tol, reachesRight = rightGap <= tol
        let atIndent = indent.map { abs(line.x0 - $0) <= 1.5 } ?? false
        if !reachesLeft, !reachesRight, !atIndent, abs(leftGap - rightGap) <= max(1.2 * h, 0.06 * (right - left)) {
            return .center
        }
        if reachesRight { return leftGap > 0.35 * (right - left) ? .right : .justify }
        return .left
    }
}
