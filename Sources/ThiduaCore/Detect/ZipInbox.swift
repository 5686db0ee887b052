import Foundation

/// A ZIP of documents (a portal's download, a mail attachment) is an inbox: each entry is
/// imported as a file named `inbox.zip!/name`. The archive is opened with the limits of a
/// DOCX (`OfficeArchive`: entry count, sizes and ratios checked before anything is inflated);
/// an entry that is a symbolic link, or whose name is absolute or climbs out with `..`, is
/// refused with its own cause and never read.
public enum ZipInbox {
    public static let separator = "!/"

    public struct Entry: Sendable {
        /// `inbox.zip!/name`.
        public var path: String
        /// Why the entry is not read, or nil.
        public var refusal: ThiduaError?
    }

    /// `a/inbox.zip!/dir/x.pdf` → (`a/inbox.zip`, `dir/x.pdf`); nil for the path of a plain file.
    public static func split(_ path: String) -> (archive: String, entry: String)? {
        guard let r = path.range(of: separator) else { return nil }
        let archive = String(path[..<r.lowerBound])
        let entry = String(path[r.upperBound...])
        guard !archive.isEmpty, !entry.isEmpty, !FileManager.default.fileExists(atPath: path) else { return nil }
        return (archive, entry)
    }

    /// A ZIP that is not a DOCX or ODT.
    public static func isInbox(_ data: Data) -> Bool {
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06]) else {
            return false
        }
        return (try? FormatDetector.zipKind(data)) == nil
    }

    /// The entries of the inbox at `path` (folders and hidden entries left out), in name order.
    public static func entries(of path: String, data: Data) throws -> [Entry] {
        let info = try OfficeArchive.centralDirectory([UInt8](data), kind: "ZIP")
        var out: [Entry] = []
        for (name, e) in info.sorted(by: { $0.key < $1.key }) where !name.hasSuffix("/") {
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            if parts.contains(where: { $0.hasPrefix(".") && $0 != ".." }) || parts.first == "__MACOSX" { continue }
            var refusal: ThiduaError?
            if e.isLink {
                refusal = ThiduaError(.zipEntryLink, "a symbolic link inside the ZIP; not read")
            } else if name.hasPrefix("/") || name.hasPrefix("\\") || name.contains("\\")
                || parts.contains("..") || (name.count > 1 && name.dropFirst().first == ":") {
                refusal = ThiduaError(.zipEntryPath, "an entry named outside the ZIP (\(name)); not read")
            }
            out.append(Entry(path: path + separator + name, refusal: refusal))
        }
        return out
    }

    /// The bytes of one entry, read under the archive's limits.
    public static func read(_ data: Data, entry: String) throws -> Data {
        let archive = try OfficeArchive(data, kind: "ZIP")
        guard let info = archive.entries[entry] else { throw ThiduaError(.notFound, "no such entry in the ZIP") }
        if info.isLink { throw ThiduaError(.zipEntryLink, "a symbolic link inside the ZIP; not read") }
        guard let bytes = try archive.read(entry) else { throw ThiduaError(.notFound, "no such entry in the ZIP") }
        if bytes.isEmpty { throw ThiduaError(.empty, "empty file") }
        return bytes
    }
}
