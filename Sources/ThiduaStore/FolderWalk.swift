import Foundation
import ThiduaCore

/// Walks the folders given to `import` without ever leaving them: a symbolic link is
/// followed only when it resolves inside the folder it was found in (once: a link to a
/// folder already walked is a loop), entries that are not regular files are listed so
/// that they fail with their own cause, and names are kept as the bytes the file system
/// gave (a name that is not UTF-8 is read through its bytes, not through a lossy String).
public enum FolderWalk {
    public struct Result: Sendable {
        /// Paths to import, in order.
        public var files: [String]
        /// Entries not imported, each with its reason (a link out of the folder, a loop) and its code.
        public var skipped: [(path: String, reason: String, cause: String)]
    }

    /// `include`/`exclude`: shell globs (`*.pdf`, `2024/*`); a glob without "/" is matched against
    /// the file's name, one with "/" against its path as listed. A file is taken when it matches
    /// some include (or there are none) and no exclude. ZIP inboxes are opened (`ZipInbox`).
    public static func collect(_ paths: [String], excluding: Set<String> = [], include: [String] = [],
                               exclude: [String] = []) -> Result {
        var result = walk(paths, excluding: excluding)
        result = expandInboxes(result)
        let wanted = { (p: String) in Glob.wanted(p, include: include, exclude: exclude) }
        result.files = result.files.filter(wanted)
        result.skipped = result.skipped.filter { wanted($0.path) }
        return result
    }

    /// Each ZIP inbox among the files becomes its entries; entries refused (links, names out of
    /// the ZIP) and archives that cannot be opened (a bomb, damaged) are skipped with their cause.
    static func expandInboxes(_ walked: Result) -> Result {
        var result = Result(files: [], skipped: walked.skipped)
        for f in walked.files {
            guard startsLikeZip(f), let data = try? Intake.read(path: f), ZipInbox.isInbox(data) else {
                result.files.append(f)
                continue
            }
            do {
                for e in try ZipInbox.entries(of: f, data: data) {
                    if let refusal = e.refusal {
                        result.skipped.append((e.path, refusal.message, refusal.code.rawValue))
                    } else {
                        result.files.append(e.path)
                    }
                }
            } catch let e as ThiduaError {
                result.skipped.append((f, e.message, e.code.rawValue))
            } catch {
                result.skipped.append((f, "\(error)", ThiduaError.Code.zipDamaged.rawValue))
            }
        }
        return result
    }

    static func startsLikeZip(_ path: String) -> Bool {
        guard let h = head(path, 4), h.count == 4 else { return false }
        return h[0] == 0x50 && h[1] == 0x4B
    }

    /// Names plain text may have in a folder (the name's extension, lower-cased; "" for none).
    static let textNames: Set<String> = ["", "txt", "md", "markdown", "text"]

    /// In a folder a file is taken for what its bytes are: any format thidua reads, but plain
    /// text only under a text name (a `.json` or `.csv` sidecar beside the documents is none).
    /// A file that cannot be looked at (not regular, unreadable) is taken, to fail with its cause.
    static func isDocument(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.contains(".") ? String(name.split(separator: ".").last ?? "").lowercased() : ""
        if textNames.contains(ext) { return true }
        guard let h = head(path, 4096), !h.isEmpty, let format = try? FormatDetector.detect(Data(h)) else { return true }
        return format != .text
    }

    /// The first `n` bytes of a regular file; nil for anything else or an unreadable file.
    static func head(_ path: String, _ n: Int) -> [UInt8]? {
        let fd = FileName.c(path) { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: n)
        let got = read(fd, &bytes, n)
        return got < 0 ? nil : Array(bytes[0..<got])
    }

    static func walk(_ paths: [String], excluding: Set<String>) -> Result {
        let excluded = Set(excluding.map(BatchImporter.absolute))
        var result = Result(files: [], skipped: [])
        for p in paths {
            var st = stat()
            guard FileName.c(p) { stat($0, &st) } == 0, st.st_mode & S_IFMT == S_IFDIR else {
                result.files.append(p)
                continue
            }
            let root = p.count > 1 && p.hasSuffix("/") ? String(p.dropLast()) : p
            guard let realRoot = realPath(root) else {
                result.files.append(p)
                continue
            }
            var found: [String] = []
            var seenDirs: Set<String> = [realRoot]
            walk(root, realRoot: realRoot, seen: &seenDirs, files: &found, skipped: &result.skipped, excluded: excluded)
            result.files += found.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        }
        return result
    }

    private static func walk(_ dir: String, realRoot: String, seen: inout Set<String>, files: inout [String],
                             skipped: inout [(path: String, reason: String, cause: String)], excluded: Set<String>) {
        for name in entries(dir) {
            if name.hasPrefix(".") { continue }
            let full = dir == "." ? name : dir + "/" + name
            var lst = stat()
            guard FileName.c(full) { lstat($0, &lst) } == 0 else {
                files.append(full)  // vanished: fails with its own cause
                continue
            }
            var kind = lst.st_mode & S_IFMT
            if kind == S_IFLNK {
                guard let target = realPath(full) else {
                    skipped.append((full, "a symbolic link to nothing (or a loop)", "link-broken"))
                    continue
                }
                guard target == realRoot || target.hasPrefix(realRoot + "/") else {
                    skipped.append((full, "a symbolic link out of the folder (to \(target)); not followed",
                                     ThiduaError.Code.outsideFolder.rawValue))
                    continue
                }
                var st = stat()
                guard FileName.c(full) { stat($0, &st) } == 0 else { continue }
                kind = st.st_mode & S_IFMT
                if kind == S_IFDIR {
                    // Inside the folder: walked once, under its real path.
                    guard seen.insert(target).inserted else {
                        skipped.append((full, "a symbolic link to a folder already walked (a loop)", "link-loop"))
                        continue
                    }
                }
            }
            if kind == S_IFDIR {
                if lst.st_mode & S_IFMT == S_IFDIR, let real = realPath(full), !seen.insert(real).inserted { continue }
                walk(full, realRoot: realRoot, seen: &seen, files: &files, skipped: &skipped, excluded: excluded)
                continue
            }
            if excluded.contains(BatchImporter.absolute(full)) || !isDocument(full) { continue }
            // FIFOs, sockets and devices are listed: reading them fails with "not a regular file".
            files.append(full)
        }
    }

    /// The names in a folder, read with readdir (no FileManager bridging, which drops
    /// names that are not UTF-8). A name that is not valid UTF-8 is kept in a String
    /// that round-trips to the same bytes through `fileSystemRepresentation`.
    static func entries(_ dir: String) -> [String] {
        guard let d = FileName.c(dir, { opendir($0) }) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw -> String in
                let bytes = raw.bindMemory(to: UInt8.self)
                let n = bytes.firstIndex(of: 0) ?? bytes.count
                return FileName.string(Array(bytes[0..<n]))
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        return names
    }

    static func realPath(_ path: String) -> String? {
        guard let r = FileName.c(path, { realpath($0, nil) }) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }
}

