import Foundation
import Testing
import ThiduaCore

/// Exports are read back by real readers: Python's `csv` module, openpyxl for XLSX,
/// icalendar for ICS (installed by `scripts/setup.sh --test`). A missing reader fails
/// the test rather than skipping it.
enum Python {
    /// Runs `script` with `args` (sys.argv[1:]) and parses the JSON it prints.
    static func json(_ script: String, _ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script] + args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            Issue.record("python3 failed (run scripts/setup.sh --test for openpyxl and icalendar): \(errText)",
                         sourceLocation: sourceLocation)
            return nil
        }
        return try JSONValue.parse(String(decoding: data, as: UTF8.self))
    }

    static func strings(_ v: JSONValue?) -> [[String]] {
        (v?.arrayValue ?? []).map { ($0.arrayValue ?? []).map { $0.stringValue ?? "" } }
    }
}
