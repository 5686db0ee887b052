import Foundation
import ThiduaCore
import ThiduaStore

/// A file the user named with `-o` or `--report`, written whole or not at all: into
/// a new temporary file beside it, every write checked, then renamed into place.
/// Refused before anything is written when it names the store, an input, a device,
/// a FIFO, a directory or a symbolic link.
/// Written from the importer's serialized callback only.
final class OutputFile: @unchecked Sendable {
    let path: String
    private let temp: String
    private var fd: Int32
    /// The first write error; later writes are skipped.
    private(set) var failure: String?

    struct Refused: Error, CustomStringConvertible { var description: String }

    /// Checks `path` against the store and the inputs, then opens its temporary file.
    init(_ path: String, store: String? = nil, inputs: [String] = []) throws {
        self.path = path
        try Self.check(path, store: store, inputs: inputs)
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var template = Array((dir + "/.thidua-out-XXXXXX").utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw Refused(description: "\(path): cannot write (\(String(cString: strerror(errno))))")
        }
        temp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        fchmod(fd, 0o644 & ~Self.umask)
    }

    private static let umask: mode_t = {
        let m = Foundation.umask(0)
        _ = Foundation.umask(m)
        return m
    }()

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(temp)
        }
    }

    static func check(_ path: String, store: String?, inputs: [String]) throws {
        func refuse(_ why: String) -> Refused { Refused(description: "\(path): \(why)") }
        var st = stat()
        if lstat(path, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFLNK: throw refuse("is a symbolic link; give the file it points to")
            case S_IFDIR: throw refuse("is a directory")
            default: throw refuse("not a regular file (a device, FIFO or socket); output goes to a regular file")
            }
        }
        let target = canonical(path)
        if let store, !Stores.isPostgres(store) {
            for f in BatchImporter.storeFiles(store) where canonical(f) == target || sameFile(f, path) {
                throw refuse("is the store; give another file")
            }
        }
        for input in inputs where canonical(input) == target || sameFile(input, path) {
            throw refuse("is one of the inputs; give another file")
        }
    }

    /// The absolute path with its folder's symbolic links resolved.
    static func canonical(_ path: String) -> String {
        let url = URL(fileURLWithPath: BatchImporter.absolute(path))
        return url.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(url.lastPathComponent).path
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    func write(_ text: String) { write(bytes: Array(text.utf8)) }

    func write(bytes: [UInt8]) {
        guard failure == nil else { return }
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n > 0 { off += n; continue }
            if n < 0, errno == EINTR { continue }
            failure = String(cString: strerror(errno))
            return
        }
    }

    /// Flushes and renames the file into place; on any failure the temporary file is removed
    /// and the path is left as it was.
    func commit() throws {
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        fd = -1
        if failure == nil, rename(temp, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temp)
            throw Refused(description: "\(path): cannot write (\(failure))")
        }
    }
}
