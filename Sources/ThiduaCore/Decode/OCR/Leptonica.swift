import CTesseract
import Foundation

/// The pages of a PNG, JPEG or TIFF (every page of a multi-page TIFF) as gray images,
/// read by leptonica. The PIX objects are owned here and destroyed before returning.
enum LeptonicaImage {
    /// Past this a page is no scan of a document (and would take gigabytes as gray).
    static let maxPixels = 15_000 * 15_000
    static let assumedDPI = 300.0

    static func pages(_ data: Data) throws -> [GrayImage] {
        // Leptonica reports its errors on stderr unless told not to; the library never prints.
        _ = setMsgSeverity(Int32(L_SEVERITY_NONE))
        let isTIFF = data.starts(with: [0x49, 0x49, 0x2A, 0x00]) || data.starts(with: [0x4D, 0x4D, 0x00, 0x2A])
        // libpng prints its own complaints about a damaged file on stderr; such a file
        // is refused before it gets there.
        if data.starts(with: PNGStructure.signature), !PNGStructure.isWellFormed(data) {
            throw ThiduaError(.binary, "an image that cannot be read (damaged PNG)")
        }
        var pixes: [UnsafeMutablePointer<PIX>] = []
        defer {
            for p in pixes {
                var q: UnsafeMutablePointer<PIX>? = p
                pixDestroy(&q)
            }
        }
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return }
            if isTIFF {
                guard let pixa = pixaReadMemMultipageTiff(base, raw.count) else { return }
                for i in 0..<pixaGetCount(pixa) {
                    if let p = pixaGetPix(pixa, i, Int32(L_CLONE)) { pixes.append(p) }
                }
                var a: UnsafeMutablePointer<PIXA>? = pixa
                pixaDestroy(&a)
            } else if let p = pixReadMem(base, raw.count) {
                pixes.append(p)
            }
        }
        guard !pixes.isEmpty else { throw ThiduaError(.binary, "an image that cannot be read (damaged PNG, JPEG or TIFF)") }
        return try pixes.map(gray)
    }

    /// `image` enlarged by `factor` with linear interpolation (leptonica's `pixScaleGrayLI`).
    static func scaled(_ image: GrayImage, by factor: Double) -> GrayImage? {
        var pix: UnsafeMutablePointer<PIX>? = pixCreate(Int32(image.width), Int32(image.height), 8)
        defer { pixDestroy(&pix) }
        guard let pix else { return nil }
        guard let data = pixGetData(pix) else { return nil }
        let wpl = Int(pixGetWpl(pix))
        let raw = UnsafeMutableRawPointer(data).assumingMemoryBound(to: UInt8.self)
        let swap = UInt32(1).littleEndian == 1 ? 3 : 0
        image.pixels.withUnsafeBufferPointer { src in
            for y in 0..<image.height {
                let row = raw + y * wpl * 4
                for x in 0..<image.width { row[x ^ swap] = src[y * image.width + x] }
            }
        }
        // Leptonica scales the resolution with the pixels.
        let dpi = Int32(image.dpi.rounded())
        pixSetResolution(pix, dpi, dpi)
        var big: UnsafeMutablePointer<PIX>? = pixScaleGrayLI(pix, Float(factor), Float(factor))
        defer { pixDestroy(&big) }
        guard let big else { return nil }
        return try? gray(big)
    }

    /// An 8-bit gray copy of a PIX (any depth, colormapped or not).
    static func gray(_ pix: UnsafeMutablePointer<PIX>) throws -> GrayImage {
        let width = Int(pixGetWidth(pix)), height = Int(pixGetHeight(pix))
        guard width > 0, height > 0, width * height <= maxPixels else {
            throw ThiduaError(.tooLarge, "an image of \(width)×\(height) pixels; the limit is \(maxPixels / 1_000_000) megapixels")
        }
        guard var g = pixConvertTo8(pix, 0) else { throw ThiduaError(.binary, "an image leptonica cannot convert to gray") }
        defer {
            var q: UnsafeMutablePointer<PIX>? = g
            pixDestroy(&q)
        }
        if pixGetColormap(g) != nil, let plain = pixRemoveColormap(g, Int32(REMOVE_CMAP_TO_GRAYSCALE)) {
            var q: UnsafeMutablePointer<PIX>? = g
            pixDestroy(&q)
            g = plain
        }
        let wpl = Int(pixGetWpl(g))
        guard let words = pixGetData(g) else { throw ThiduaError(.binary, "an image without pixels") }
        var pixels = [UInt8](repeating: 255, count: width * height)
        // Leptonica packs a row's bytes into 32-bit words, most significant byte first:
        // on a little-endian machine byte x of a row sits at x ^ 3.
        let raw = UnsafeRawPointer(words).assumingMemoryBound(to: UInt8.self)
        let swap = UInt32(1).littleEndian == 1 ? 3 : 0
        pixels.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let row = raw + y * wpl * 4
                for x in 0..<width { out[y * width + x] = row[x ^ swap] }
            }
        }
        let res = Double(pixGetXRes(pix))
        // A resolution below 70 dpi is a missing or bogus header, not a real scan.
        return GrayImage(width: width, height: height, pixels: pixels, dpi: res >= 70 ? res : assumedDPI)
    }
}

/// The chunk structure of a PNG: every chunk's length within the file, its type four
/// letters, its CRC right, up to IEND.
enum PNGStructure {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func isWellFormed(_ data: Data) -> Bool {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let b = raw.bindMemory(to: UInt8.self)
            var i = signature.count
            func u32(_ at: Int) -> UInt32 {
                UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
            }
            while i + 12 <= b.count {
                let length = Int(u32(i))
                guard length <= b.count - i - 12 else { return false }
                let type = b[(i + 4)..<(i + 8)]
                guard type.allSatisfy({ (65...90).contains($0) || (97...122).contains($0) }) else { return false }
                var crc: UInt32 = 0xFFFF_FFFF
                for k in (i + 4)..<(i + 8 + length) { crc = crcTable[Int((crc ^ UInt32(b[k])) & 0xFF)] ^ (crc >> 8) }
                guard crc ^ 0xFFFF_FFFF == u32(i + 8 + length) else { return false }
                if type.elementsEqual([0x49, 0x45, 0x4E, 0x44]) { return true }  // IEND
                i += 12 + length
            }
            return false
        }
    }
}
