import Foundation

enum Console {
    static func out(_ s: String) {
        write(STDOUT_FILENO, s + "\n", what: "the output")
    }

    /// Text as it is, no newline added.
    static func raw(_ s: String) {
        write(STDOUT_FILENO, s, what: "the output")
    }

    /// Text as it is, with no line end added.
    static func write(_ s: String) {
        FileHandle.standardOutput.write(Data(s.utf8))
    }

    static func fail(_ s: String) {
        // One line, whatever the cause said.
        let line = s.replacingOccurrences(of: "\n", with: " ")
        write(STDERR_FILENO, line + "\n", what: nil)
    }

    /// Every byte written, or the process ends: a reader that went away (`| head`)
    /// ends it quietly, a failed write (a full disk) with one line and status 2.
    private static func write(_ fd: Int32, _ text: String, what: String?) {
        var bytes = Array(text.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Foundation.write(fd, $0.baseAddress! + off, $0.count - off) }
            if n > 0 { off += n; continue }
            if n < 0, errno == EINTR { continue }
            let e = errno
            if e == EPIPE { exit(141) }
            if let what {
                fail("thidua: cannot write \(what): \(String(cString: strerror(e)))")
                exit(2)
            }
            return
        }
    }
}
