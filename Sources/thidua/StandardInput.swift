import ArgumentParser
import Foundation
import ThiduaCore

/// `-` as a file name: the document (or the records) on standard input. The record's
/// `source.file` is then `-`, as it was given.
enum StandardInput {
    static let name = "-"

    /// `-` may stand once in a command line: standard input can be read only once.
    static func checkOnce(_ files: [String]) throws {
        if files.filter({ $0 == name }).count > 1 {
            throw ValidationError("'-' (standard input) can be given only once")
        }
    }

    /// The bytes of a file, or of standard input for `-`.
    static func data(_ file: String) throws -> Data {
        file == name ? try Intake.read(.standardInput) : try Intake.read(path: file)
    }
}

extension Pipeline {
    /// Extracts a file, or standard input for `-`.
    func extract(input file: String) throws -> Record {
        try extract(data: StandardInput.data(file), file: file)
    }
}
