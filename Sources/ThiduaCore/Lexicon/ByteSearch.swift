/// Finds a byte string in a byte array (memchr and memcmp underneath).
enum ByteSearch {
    /// The offset of the first occurrence, if any.
    static func first(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        needle.withUnsafeBufferPointer { n in hay.withUnsafeBufferPointer { h in TextBytes.search(n, in: h, from: 0) } }
    }

    /// Every occurrence, non-overlapping, left to right.
    static func all(_ needle: [UInt8], in hay: [UInt8]) -> [Int] {
        guard !needle.isEmpty else { return [] }
        return needle.withUnsafeBufferPointer { n in
            hay.withUnsafeBufferPointer { h in
                var out: [Int] = []
                var from = 0
                while let i = TextBytes.search(n, in: h, from: from) {
                    out.append(i)
                    from = i + n.count
                }
                return out
            }
        }
    }
}
