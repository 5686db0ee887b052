import Foundation

/// Finds every occurrence of a byte string (non-overlapping, left to right).
enum ByteSearch {
    /// The offset of the first occurrence, if any.
    static func first(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard let first = needle.first, hay.count >= needle.count else { return nil }
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count, hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    static func all(_ needle: [UInt8], in hay: [UInt8]) -> [Int] {
        guard let first = needle.first, hay.count >= needle.count else { return [] }
        var out: [Int] = []
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count, hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { out.append(i); i += needle.count; continue }
            }
            i += 1
        }
        return out
    }
}
