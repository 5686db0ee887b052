import CTesseract
import Foundation

/// The closing zone of a scanned page — "Nơi nhận:" and its list on the left, the
/// signature block on the right, often in smaller type — read a second time with
/// settings chosen for it. The page pass analyses the whole page's layout, and reads the
/// zone's small type, its two columns side by side, no better than the body; here each
/// column of the zone is cropped, enlarged until its letters have the height tesseract
/// reads best, and read as one block of lines.
enum ClosingZoneOCR {
    /// Letter height (pixels) tesseract's LSTM models read best; smaller type is enlarged.
    static let wantedWordHeight = 34.0
    static let maxScale = 3.0

    struct Zone: Equatable {
        var top: Int
        /// Where the left column (recipients) ends and the right (signature) begins.
        var split: Int
    }

    /// Words of the page with those of the closing zone read again, when the page has one.
    static func refine(_ words: [OCRWord], image: GrayImage, engine: TesseractEngine,
                       markers: [[String]]) -> [OCRWord] {
        guard let zone = find(in: words, width: image.width, markers: markers) else { return words }
        let inZone = { (w: OCRWord) in w.top >= zone.top }
        var lineBase = (words.map(\.line).max() ?? 0) + 1
        var out = words.filter { !inZone($0) }
        for (x0, x1) in [(0, zone.split), (zone.split, image.width)] where x1 - x0 > 16 {
            let before = words.filter { inZone($0) && $0.left >= x0 && $0.left < x1 }
            let again = read(image, x0: x0, x1: x1, top: zone.top, height: medianHeight(before), engine: engine)
            // The second reading replaces the first only where it reads about as much.
            let chars = { (ws: [OCRWord]) in ws.reduce(0) { $0 + $1.text.count } }
            if !again.isEmpty, chars(again) * 10 >= chars(before) * 7 {
                out += again.map { var w = $0; w.line += lineBase; return w }
                lineBase += (again.map(\.line).max() ?? 0) + 1
            } else {
                out += before
            }
        }
        return out
    }

    /// The zone opens at the recipients heading ("Nơi nhận", its marks read or not); its
    /// columns part at the widest vertical gap of the words below it, near the middle.
    static func find(in words: [OCRWord], width: Int, markers: [[String]]) -> Zone? {
        var heading: OCRWord?
        outer: for (i, w) in words.enumerated() where w.left < width / 2 {
            for marker in markers where !marker.isEmpty && i + marker.count <= words.count {
                let run = words[i..<(i + marker.count)]
                let same = run.allSatisfy { $0.line == w.line }
                if same, zip(run, marker).allSatisfy({ Fold.ascii($0.text).trimmingCharacters(in: .punctuationCharacters).hasPrefix($1) }) {
                    heading = w
                    break outer
                }
            }
        }
        guard let h = heading else { return nil }
        let lineHeight = max(8, h.bottom - h.top)
        let top = max(0, h.top - lineHeight * 2)
        let below = words.filter { $0.top >= top }
        return Zone(top: top, split: gap(in: below, width: width) ?? width / 2)
    }

    /// The middle of the widest run of columns (between 30 % and 70 % of the width) that
    /// no word of the zone covers.
    static func gap(in words: [OCRWord], width: Int) -> Int? {
        guard width > 0 else { return nil }
        var covered = [Bool](repeating: false, count: width)
        for w in words {
            let a = max(0, min(width, w.left)), b = max(a, min(width, w.right))
            for x in a..<b { covered[x] = true }
        }
        var best: (start: Int, length: Int)?
        var runStart: Int?
        let lo = width * 3 / 10, hi = width * 7 / 10
        for x in lo...hi {
            let free = x < hi && !covered[x]
            if free, runStart == nil { runStart = x }
            if !free, let s = runStart {
                if (best?.length ?? 0) < x - s { best = (s, x - s) }
                runStart = nil
            }
        }
        guard let b = best, b.length >= 4 else { return nil }
        return b.start + b.length / 2
    }

    static func medianHeight(_ words: [OCRWord]) -> Double? {
        let hs = words.map { Double($0.bottom - $0.top) }.filter { $0 > 2 }.sorted()
        return hs.isEmpty ? nil : hs[hs.count / 2]
    }

    /// One column of the zone, enlarged and read as a block; boxes in page pixels.
    static func read(_ image: GrayImage, x0: Int, x1: Int, top: Int, height: Double?,
                     engine: TesseractEngine) -> [OCRWord] {
        guard let crop = image.cropped(x0: x0, y0: top, x1: x1, y1: image.height) else { return [] }
        let scale = height.map { min(maxScale, max(1, wantedWordHeight / $0)) } ?? 1
        let input = scale > 1.15 ? (LeptonicaImage.scaled(crop, by: scale) ?? crop) : crop
        let k = Double(crop.width) / Double(input.width)
        return engine.recognize(input, mode: PSM_SINGLE_BLOCK).filter { !PageOCR.isRuling($0) }.map { w in
            var p = w
            p.left = x0 + Int(Double(w.left) * k)
            p.right = x0 + Int(Double(w.right) * k)
            p.top = top + Int(Double(w.top) * k)
            p.bottom = top + Int(Double(w.bottom) * k)
            return p
        }
    }
}

extension GrayImage {
    /// The pixels of a rectangle (clamped to the image), or nil when it is empty.
    func cropped(x0: Int, y0: Int, x1: Int, y1: Int) -> GrayImage? {
        let a = max(0, x0), b = min(width, x1), c = max(0, y0), d = min(height, y1)
        guard b > a, d > c else { return nil }
        var out = [UInt8](repeating: 255, count: (b - a) * (d - c))
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in c..<d {
                    let from = y * width + a, to = (y - c) * (b - a)
                    for x in 0..<(b - a) { dst[to + x] = src[from + x] }
                }
            }
        }
        return GrayImage(width: b - a, height: d - c, pixels: out, dpi: dpi)
    }
}
