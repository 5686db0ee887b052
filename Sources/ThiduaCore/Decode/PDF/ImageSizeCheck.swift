import Foundation

/// Image sizes a PDF declares, checked before poppler sees them: poppler aborts
/// the whole process ("Bogus memory allocation size") on an image claiming
/// 2147483647×2147483647 pixels, while listing or rendering a page. Image
/// dictionaries are never inside object streams (they are streams themselves),
/// so their `/Width` and `/Height` can be read off the raw bytes.
enum ImageSizeCheck {
    /// A 600 dpi A0 scan is about 20,000 × 28,000 pixels.
    static let maxSide = 60_000
    static let maxPixels = 600_000_000

    static func check(_ data: Data) throws {
        if let (w, h) = largest(data), w > maxSide || h > maxSide || w * h > maxPixels {
            throw ThiduaError(.tooLarge, "PDF holds an image of \(w)×\(h) pixels (limit \(maxSide) a side, "
                + "\(maxPixels / 1_000_000) million in all)")
        }
    }

    /// The image with the most pixels: each `/Width n` paired with the nearest `/Height m`
    /// within the same few hundred bytes (the same dictionary). Numbers are capped, not trusted.
    static func largest(_ data: Data) -> (width: Int, height: Int)? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> (Int, Int)? in
            let b = raw.bindMemory(to: UInt8.self)
            let widths = occurrences(of: "/Width", in: b)
            guard !widths.isEmpty else { return nil }
            let heights = occurrences(of: "/Height", in: b)
            guard !heights.isEmpty else { return nil }
            var best: (Int, Int)?
            var k = 0
            for (at, w) in widths {
                while k + 1 < heights.count, heights[k + 1].at < at { k += 1 }
                var h: Int?
                var distance = Int.max
                for j in [k, k + 1] where j < heights.count {
                    let d = abs(heights[j].at - at)
                    if d < distance { distance = d; h = heights[j].value }
                }
                guard let h, distance < 400 else { continue }
                if best == nil || w * h > best!.0 * best!.1 { best = (w, h) }
            }
            return best
        }
    }

    /// Positions and values of `key n` (a direct integer; `/Widths [..]` and references are skipped).
    private static func occurrences(of key: StaticString, in b: UnsafeBufferPointer<UInt8>) -> [(at: Int, value: Int)] {
        let k = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        let n = b.count
        var out: [(Int, Int)] = []
        var i = 0
        while i + k.count < n {
            guard b[i] == k[0] else { i += 1; continue }
            var j = 1
            while j < k.count, b[i + j] == k[j] { j += 1 }
            guard j == k.count else { i += 1; continue }
            var p = i + k.count
            while p < n, b[p] == 0x20 || b[p] == 0x0A || b[p] == 0x0D || b[p] == 0x09 { p += 1 }
            var v = 0
            var digits = 0
            while p < n, b[p] >= 0x30, b[p] <= 0x39 {
                // Capped: a number past a billion is as refused as any larger one.
                v = min(v * 10 + Int(b[p] - 0x30), 1 << 31)
                digits += 1
                p += 1
            }
            // "12 0 R" is a reference: its value is elsewhere.
            var q = p
            while q < n, b[q] == 0x20 { q += 1 }
            let isReference = q < n && b[q] >= 0x30 && b[q] <= 0x39
            if digits > 0, !isReference { out.append((i, v)) }
            i = max(p, i + 1)
        }
        return out
    }
}
