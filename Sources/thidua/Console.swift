import Foundation

enum Console {
    static func out(_ s: String) {
        FileHandle.standardOutput.write(Data((s + "\n").utf8))
    }

    /// Text as it is, with no line end added.
    static func write(_ s: String) {
        FileHandle.standardOutput.write(Data(s.utf8))
    }

    static func fail(_ s: String) {
        // One line, whatever the cause said.
        let line = s.replacingOccurrences(of: "\n", with: " ")
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
