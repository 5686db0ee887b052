import Foundation

/// Reads a file's bytes with the checks every format shares.
public enum Intake {
    /// Larger files are refused before reading: no plan is that big.
    public static let maxBytes = 512 * 1024 * 1024
    /// Text and HTML are decoded whole, at about ten bytes of memory per byte (a 200 MB text
    /// once peaked at 2.1 GiB); larger ones are refused after a look at their first bytes.
    /// PDFs and ZIPs are read by poppler and libxml2 page by page, part by part.
    public static let maxCharacterBytes = 32 * 1024 * 1024

    /// What `path` is, without reading it: a regular file within the size limit, or a coded error.
    @discardableResult
    public static func check(path: String) throws -> Int {
        if let (archive, _) = ZipInbox.split(path) { return try check(path: archive) }
        var st = stat()
        guard FileName.c(path, { stat($0, &st) }) == 0 else { throw openError(errno) }
        return try checkKind(st)
    }

    private static func checkKind(_ st: stat) throws -> Int {
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw ThiduaError(.isDirectory, "is a directory")
        case S_IFIFO: throw ThiduaError(.notRegular, "not a regular file (a FIFO)")
        case S_IFSOCK: throw ThiduaError(.notRegular, "not a regular file (a socket)")
        case S_IFCHR, S_IFBLK: throw ThiduaError(.notRegular, "not a regular file (a device)")
        default: throw ThiduaError(.notRegular, "not a regular file")
        }
        let size = Int(st.st_size)
        if size > maxBytes {
            throw ThiduaError(.tooLarge, "file is \(size / 1_048_576) MiB; the limit is \(maxBytes / 1_048_576) MiB")
        }
        return size
    }

    static func openError(_ e: Int32) -> ThiduaError {
        switch e {
        case ENOENT, ENOTDIR: return ThiduaError(.notFound, "no such file")
        case EACCES, EPERM: return ThiduaError(.unreadable, "cannot read the file (permission denied)")
        case ELOOP: return ThiduaError(.notFound, "too many levels of symbolic links")
        case ENAMETOOLONG: return ThiduaError(.notFound, "file name too long")
        default: return ThiduaError(.unreadable, "cannot read the file (\(String(cString: strerror(e))))")
        }
    }

    public static func read(path: String) throws -> Data {
        if let (archive, entry) = ZipInbox.split(path) {
            return try ZipInbox.read(try readFile(archive), entry: entry)
        }
        return try readFile(path)
    }

    static func readFile(_ path: String) throws -> Data {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; the kind is checked on
        // the open descriptor, so a file swapped after a check cannot slip through.
        let fd = FileName.c(path) { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        guard fd >= 0 else { throw openError(errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw openError(errno) }
        let size = try checkKind(st)
        if size > maxCharacterBytes { try checkCharacterSize(fd: fd, size: size) }
        var data = Data(count: size)
        var off = 0
        while off < size {
            let n = data.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + off, size - off) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { throw openError(errno) }
            if n == 0 { break }
            off += n
        }
        // A file that shrank while read keeps what was there.
        if off < size { data.removeSubrange(off..<size) }
        if data.isEmpty { throw ThiduaError(.empty, "empty file") }
        return data
    }

    /// Refuses text or HTML over `maxCharacterBytes`, judged by the first 4 KiB as the detector would.
    static func checkCharacterSize(fd: Int32, size: Int) throws {
        var head = [UInt8](repeating: 0, count: 4096)
        let n = pread(fd, &head, head.count, 0)
        guard n > 0 else { return }
        try checkCharacterSize(head: Data(head[0..<n]), size: size)
    }

    static func checkCharacterSize(head: Data, size: Int) throws {
        // A ZIP's prefix may not hold its part names: the detector's error then means "not text".
        guard let format = try? FormatDetector.detect(head), format == .text || format == .html else { return }
        let kind = format == .html ? "an HTML file" : "a text file"
        throw ThiduaError(.tooLarge, "\(kind) of \(size / 1_048_576) MiB; text and HTML are read whole, up to \(maxCharacterBytes / 1_048_576) MiB")
    }

    /// Reads a stream to its end (standard input for `-`), under the same limit and with
    /// the same error for nothing at all as a file.
    public static func read(_ handle: FileHandle) throws -> Data {
        var data = Data()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            data.append(chunk)
            if data.count > maxBytes {
                throw ThiduaError(.tooLarge, "input is over \(maxBytes / 1_048_576) MiB, the limit")
            }
            if data.count > maxCharacterBytes { try checkCharacterSize(head: data.prefix(4096), size: data.count) }
        }
        if data.isEmpty { throw ThiduaError(.empty, "empty input") }
        return data
    }
}
