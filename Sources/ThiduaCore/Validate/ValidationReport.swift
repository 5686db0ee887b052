import Foundation

/// How `thidua validate` reports a file's diagnostics: one line each, or one
/// JSON object per file; and the exit status they call for.
public enum ValidationReport {
    /// Errors first, then warnings, then info; the rules' order within each.
    public static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
    }

    /// `FILE: severity [rule] path: message — "evidence"`, or `FILE: ok`.
    public static func text(file: String, diagnostics: [Diagnostic]) -> [String] {
        guard !diagnostics.isEmpty else { return ["\(file): ok"] }
        return ordered(diagnostics).map { d in
            var line = "\(file): \(d.severity.rawValue) [\(d.rule)]"
            if let path = d.path { line += " \(path)" }
            line += ": \(d.message)"
            if let e = d.evidence { line += " — \"\(e)\"" }
            return line
        }
    }

    public static func json(file: String, diagnostics: [Diagnostic]) -> JSONValue {
        .object([("file", .string(file)), ("diagnostics", .array(ordered(diagnostics).map(\.json)))])
    }

    /// "2 files: 1 error, 3 warnings, 0 info".
    public static func summary(files: Int, diagnostics: [Diagnostic]) -> String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let e = diagnostics.filter { $0.severity == .error }.count
        let w = diagnostics.filter { $0.severity == .warning }.count
        let i = diagnostics.filter { $0.severity == .info }.count
        return "\(count(files, "file")): \(count(e, "error")), \(count(w, "warning")), \(i) info"
    }

    /// 1 when any error (or, with `strict`, any warning) was found, else 0.
    /// (2, "could not run", is the caller's: a file it could not read, bad rules.)
    public static func exitStatus(_ diagnostics: [Diagnostic], strict: Bool) -> Int32 {
        let worst = diagnostics.map(\.severity).max() ?? .info
        return worst == .error || (strict && worst == .warning) ? 1 : 0
    }
}
