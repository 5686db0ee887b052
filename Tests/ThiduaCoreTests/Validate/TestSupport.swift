import Foundation
@testable import ThiduaCore

/// A fresh folder of house rules (file name → YAML text), removed by the caller's `defer`.
func houseRules(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-rules-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files {
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return dir
}

/// The diagnostics of one rule for a record fragment merged over the empty record.
func diagnostics(_ v: Validator, _ rule: String, _ fragmentYAML: String, findings: [Finding] = []) throws -> [Diagnostic] {
    let record = Validator.emptyRecord.merging(try YAMLValue.parse(fragmentYAML))
    return v.validate(record, findings: findings).filter { $0.rule == rule }
}
