import Foundation

/// Reads a file's bytes with the checks every format shares.
public enum Intake {
    /// Larger files are refused before reading: no plan is that big.
    public static let maxBytes = 512 * 1024 * 1024

    public static func read(path: String) throws -> Data {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
            throw ThiduaError(.notFound, "no such file")
        }
        if isDir.boolValue { throw ThiduaError(.isDirectory, "is a directory") }
        let attrs = try? fm.attributesOfItem(atPath: path)
        if let size = (attrs?[.size] as? NSNumber)?.intValue, size > maxBytes {
            throw ThiduaError(.tooLarge, "file is \(size / 1_048_576) MiB; the limit is \(maxBytes / 1_048_576) MiB")
        }
        guard let data = fm.contents(atPath: path) else {
            throw ThiduaError(.unreadable, "cannot read the file (permission denied?)")
        }
        if data.isEmpty { throw ThiduaError(.empty, "empty file") }
        return data
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
        }
        if data.isEmpty { throw ThiduaError(.empty, "empty input") }
        return data
    }
}
