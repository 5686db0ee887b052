import Foundation

/// The worker protocol: each message is a 4-byte big-endian length and that many
/// bytes of UTF-8 JSON, one request then one reply, over the worker's stdin and stdout.
enum WorkerFrames {
    /// No reply is that large (a record of a plan is a few hundred KB).
    static let maxFrame = 256 << 20

    static func encode(_ json: JSONValueLike) -> [UInt8] {
        let body = Array(json.text.utf8)
        let n = UInt32(body.count)
        return [UInt8(n >> 24), UInt8((n >> 16) & 0xFF), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)] + body
    }

    /// Writes all of `bytes`; false when the other end is gone.
    static func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n > 0 { off += n; continue }
            if n < 0, errno == EINTR { continue }
            return false
        }
        return true
    }

    /// Reads exactly `count` bytes (blocking); nil at end of file or error.
    static func readExactly(_ fd: Int32, _ count: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: count)
        var off = 0
        while off < count {
            let n = out[off...].withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n > 0 { off += n; continue }
            if n < 0, errno == EINTR { continue }
            return nil
        }
        return out
    }

    /// One whole frame's body (blocking); nil at end of file, error or an oversized length.
    static func read(_ fd: Int32) -> String? {
        guard let head = readExactly(fd, 4) else { return nil }
        let n = Int(head[0]) << 24 | Int(head[1]) << 16 | Int(head[2]) << 8 | Int(head[3])
        guard n <= maxFrame, let body = readExactly(fd, n) else { return nil }
        return String(decoding: body, as: UTF8.self)
    }
}

/// Text already serialized as JSON.
struct JSONValueLike {
    var text: String
}
