import Foundation

/// `--include`/`--exclude` of `import`: shell globs by fnmatch(3).
enum Glob {
    static func wanted(_ path: String, include: [String], exclude: [String]) -> Bool {
        (include.isEmpty || include.contains { matches($0, path) }) && !exclude.contains { matches($0, path) }
    }

    /// A pattern with "/" is matched against the whole path as listed (a leading "./" ignored),
    /// one without against the last name (a ZIP entry's own name too).
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var subject = path
        if pattern.contains("/") {
            if subject.hasPrefix("./") { subject.removeFirst(2) }
        } else if let slash = subject.lastIndex(of: "/") {
            subject = String(subject[subject.index(after: slash)...])
        }
        return fnmatch(pattern, subject, 0) == 0
    }
}
