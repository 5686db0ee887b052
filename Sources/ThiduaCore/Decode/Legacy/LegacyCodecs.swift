import Foundation

/// Byte codecs for the legacy Vietnamese encodings. Decoding never fails: bytes an encoding
/// leaves unused read as Windows-1252. Encoders (Unicode → bytes) exist for the round-trip
/// tests and return nil when a character has no byte.
enum LegacyCodecs {
    // MARK: One byte per character

    static func decodeSingle(_ bytes: some Collection<UInt8>, table: [UInt32]) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for b in bytes { scalars.append(Unicode.Scalar(table[Int(b)])!) }
        return String(scalars)
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
    static let vniDecodeMap: [[UInt8]: Unicode.Scalar] = {
        var map: [[UInt8]: Unicode.Scalar] = [:]
        for (letter, bytes) in vniLower { map[bytes] = letter.unicodeScalars.first! }
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

    /// Bytes that start a VNI letter of two bytes (vowel bases: a e o u y, ơ ư).
    static func decodeVNI(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        let table = LegacyTables.cp1252
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            let lb = lowerByte(b)
            let isUpper = lb != b
            if i + 1 < n, lb == 0x61 || lb == 0x65 || lb == 0x6F || lb == 0x75 || lb == 0x79 || lb == 0xF4 || lb == 0xF6 {
                let m = lowerByte(bytes[i + 1])
                if m >= 0xE0, let s = vniDecodeMap[[lb, m]] {
                    scalars.append(isUpper ? s.properties.uppercaseMapping.unicodeScalars.first! : s)
                    i += 2
                    continue
                }
            }
            if b >= 0xC0, let s = vniDecodeMap[[lb]] {
                scalars.append(isUpper ? s.properties.uppercaseMapping.unicodeScalars.first! : s)
            } else {
                scalars.append(Unicode.Scalar(table[Int(b)])!)
            }
            i += 1
        }
        return String(scalars)
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
