import Foundation

/// Byte codecs for the legacy Vietnamese encodings. Decoding never fails: bytes an encoding
/// leaves unused read as Windows-1252. Encoders (Unicode → bytes) exist for the round-trip
/// tests and return nil when a character has no byte.
enum LegacyCodecs {
    // MARK: One byte per character

    static func decodeSingle(_ bytes: some Collection<UInt8>, table: [UInt32]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { UTF8Out.append(table[Int(b)], to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    static func inverse(_ table: [UInt32]) -> [UInt32: UInt8] {
        var map: [UInt32: UInt8] = [:]
        for (i, v) in table.enumerated() where map[v] == nil || v == UInt32(i) { map[v] = UInt8(i) }
        return map
    }

    static let tcvn3Inverse = inverse(LegacyTables.tcvn3)
    static let visciiInverse = inverse(LegacyTables.viscii)
    static let cp1252Inverse = inverse(LegacyTables.cp1252)
    static let cp1258Inverse = inverse(LegacyTables.cp1258)

    static func encodeSingle(_ text: String, inverse: [UInt32: UInt8]) -> Data? {
        var out = Data()
        for s in text.unicodeScalars {
            guard let b = inverse[s.value] else { return nil }
            out.append(b)
        }
        return out
    }

    /// TCVN3 has no capital toned letters: capitals are written with the lowercase byte
    /// (the .VnTimeH font draws them as capitals).
    static func encodeTCVN3(_ text: String) -> Data? {
        var out = Data()
        for s in text.unicodeScalars {
            if let b = tcvn3Inverse[s.value] { out.append(b); continue }
            let lower = s.properties.lowercaseMapping.unicodeScalars
            guard lower.count == 1, let b = tcvn3Inverse[lower.first!.value] else { return nil }
            out.append(b)
        }
        return out
    }

    static func decodeWindows1258(_ bytes: some Collection<UInt8>) -> String {
        decodeSingle(bytes, table: LegacyTables.cp1258).precomposedStringWithCanonicalMapping
    }

    /// Windows-1258 writes a base letter (precomposed where the code page has it) then a
    /// combining tone mark.
    static func encodeWindows1258(_ text: String) -> Data? {
        var out = Data()
        for ch in text {
            let s = String(ch)
            if let d = encodeSingle(s, inverse: cp1258Inverse) { out.append(d); continue }
            // Base letter with its vowel modifier, precomposed; then the tone mark.
            let nfd = s.decomposedStringWithCanonicalMapping.unicodeScalars
            let tones: Set<UInt32> = [0x300, 0x301, 0x303, 0x309, 0x323]
            var base = String.UnicodeScalarView(), marks = String.UnicodeScalarView()
            for m in nfd { if tones.contains(m.value) { marks.append(m) } else { base.append(m) } }
            guard let b = encodeSingle(String(base).precomposedStringWithCanonicalMapping, inverse: cp1258Inverse),
                  let t = encodeSingle(String(marks), inverse: cp1258Inverse) else { return nil }
            out.append(b)
            out.append(t)
        }
        return out
    }

    // MARK: VNI (Windows): base letter + modifier byte

    /// Lowercase letters and their VNI byte sequences (capitals use the capital forms of the
    /// same Windows-1252 characters, i.e. byte − 0x20 for the modifiers).
    static let vniLower: [(String, [UInt8])] = {
        let tones: [UInt8] = [0xF9, 0xF8, 0xFB, 0xF5, 0xEF] // sắc huyền hỏi ngã nặng
        var list: [(String, [UInt8])] = []
        func add(_ letters: String, _ base: [UInt8], _ toneBytes: [[UInt8]]) {
            let chars = Array(letters)
            list.append((String(chars[0]), base))
            for i in 0..<5 { list.append((String(chars[i + 1]), toneBytes[i])) }
        }
        func plain(_ b: UInt8) -> [[UInt8]] { tones.map { [b, $0] } }
        add("aáàảãạ", [0x61], plain(0x61))
        add("ăắằẳẵặ", [0x61, 0xEA], [[0x61, 0xE9], [0x61, 0xE8], [0x61, 0xFA], [0x61, 0xFC], [0x61, 0xEB]])
        add("âấầẩẫậ", [0x61, 0xE2], [[0x61, 0xE1], [0x61, 0xE0], [0x61, 0xE5], [0x61, 0xE3], [0x61, 0xE4]])
        add("eéèẻẽẹ", [0x65], plain(0x65))
        add("êếềểễệ", [0x65, 0xE2], [[0x65, 0xE1], [0x65, 0xE0], [0x65, 0xE5], [0x65, 0xE3], [0x65, 0xE4]])
        add("iíìỉĩị", [0x69], [[0xED], [0xEC], [0xE6], [0xF3], [0xF2]])
        add("oóòỏõọ", [0x6F], plain(0x6F))
        add("ôốồổỗộ", [0x6F, 0xE2], [[0x6F, 0xE1], [0x6F, 0xE0], [0x6F, 0xE5], [0x6F, 0xE3], [0x6F, 0xE4]])
        add("ơớờởỡợ", [0xF4], plain(0xF4))
        add("uúùủũụ", [0x75], plain(0x75))
        add("ưứừửữự", [0xF6], plain(0xF6))
        add("yýỳỷỹỵ", [0x79], [[0x79, 0xF9], [0x79, 0xF8], [0x79, 0xFB], [0x79, 0xF5], [0xEE]])
        list.append(("đ", [0xF1]))
        return list.filter { !($0.0.count == 1 && $0.1.count == 1 && $0.1[0] < 0x80) }
    }()

    @inline(__always) static func upperByte(_ b: UInt8) -> UInt8 {
        if b >= 0x61 && b <= 0x7A { return b - 0x20 }
        if b >= 0xE0 && b != 0xF7 { return b - 0x20 }
        return b
    }

    @inline(__always) static func lowerByte(_ b: UInt8) -> UInt8 {
        if b >= 0x41 && b <= 0x5A { return b + 0x20 }
        if b >= 0xC0 && b <= 0xDE && b != 0xD7 { return b + 0x20 }
        return b
    }

    /// Lowercase byte sequence → lowercase scalar.
    /// Lowercase byte pair (first << 8 | second, or a single byte) → lowercase scalar.
    static let vniDecodeMap: [UInt16: (lower: Unicode.Scalar, upper: Unicode.Scalar)] = {
        var map: [UInt16: (lower: Unicode.Scalar, upper: Unicode.Scalar)] = [:]
        for (letter, bytes) in vniLower {
            map[bytes.reduce(0) { $0 << 8 | UInt16($1) }] = (letter.unicodeScalars.first!, letter.uppercased().unicodeScalars.first!)
        }
        return map
    }()

    static let vniEncodeMap: [UInt32: [UInt8]] = {
        var map: [UInt32: [UInt8]] = [:]
        for (letter, bytes) in vniLower {
            let s = letter.unicodeScalars.first!
            map[s.value] = bytes
            let upper = letter.uppercased().unicodeScalars.first!
            map[upper.value] = bytes.map(upperByte)
        }
        return map
    }()

    /// A vowel base (a e o u y, ơ ư) takes the modifier byte after it; other bytes read alone.
    static func decodeVNI(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        decodeVNI(bytes, utf8: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Flat VNI tables: index of a base byte (a e o u y ơ ư, lowercase) and, per base and
    /// modifier byte, the letter (lower, upper); singles per lowercase byte.
    static let vniBaseIndex: [Int8] = {
        var t = [Int8](repeating: -1, count: 256)
        for (i, b) in [0x61, 0x65, 0x6F, 0x75, 0x79, 0xF4, 0xF6].enumerated() { t[b] = Int8(i) }
        return t
    }()

    static let vniPairs: [(UInt32, UInt32)] = {
        var t = [(UInt32, UInt32)](repeating: (0, 0), count: 7 * 256)
        for (key, letter) in vniDecodeMap where key > 0xFF {
            let i = Int(vniBaseIndex[Int(key >> 8)])
            t[i * 256 + Int(key & 0xFF)] = (letter.lower.value, letter.upper.value)
        }
        return t
    }()

    static let vniSingles: [(UInt32, UInt32)] = {
        var t = [(UInt32, UInt32)](repeating: (0, 0), count: 256)
        for (key, letter) in vniDecodeMap where key <= 0xFF { t[Int(key)] = (letter.lower.value, letter.upper.value) }
        return t
    }()

    static func decodeVNI(_ bytes: [UInt8], utf8 out: inout [UInt8]) {
        let table = LegacyTables.cp1252
        let baseIndex = vniBaseIndex, pairs = vniPairs, singles = vniSingles
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            let lb = lowerByte(b)
            let isUpper = lb != b
            if i + 1 < n {
                let bi = baseIndex[Int(lb)]
                if bi >= 0 {
                    let m = lowerByte(bytes[i + 1])
                    let p = pairs[Int(bi) * 256 + Int(m)]
                    if p.0 != 0 {
                        UTF8Out.append(isUpper ? p.1 : p.0, to: &out)
                        i += 2
                        continue
                    }
                }
            }
            let single = b >= 0xC0 ? singles[Int(lb)] : (0, 0)
            UTF8Out.append(single.0 != 0 ? (isUpper ? single.1 : single.0) : table[Int(b)], to: &out)
            i += 1
        }
    }

    static func encodeVNI(_ text: String) -> Data? {
        var out = Data()
        for s in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if s.isASCII { out.append(UInt8(s.value)); continue }
            guard let bytes = vniEncodeMap[s.value] else { return nil }
            out.append(contentsOf: bytes)
        }
        return out
    }
}
