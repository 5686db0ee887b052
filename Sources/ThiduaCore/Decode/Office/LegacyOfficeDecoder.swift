import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Word 97–2003 `.doc` and `.rtf`: converted by LibreOffice (headless, its own
/// throw-away profile so parallel runs do not clash) to DOCX, then read by
/// `DOCXDecoder`, so run fonts (.VnTime, VNI-Times) reach the legacy-encoding
/// repair. Without LibreOffice, antiword/catdoc (.doc) or unrtf (.rtf) give
/// plain text. `scripts/install-converters.sh` installs LibreOffice.
public enum LegacyOfficeDecoder {
    public static let timeoutSeconds = 60

    /// One LibreOffice at a time per process, sharing one warm profile (a cold
    /// profile doubles the start-up time); other processes have their own, so
    /// parallel runs never share a profile.
    private static let sofficeLock = NSLock()
    private static let profileDirectory = FileManager.default.temporaryDirectory
        .appendingPathComponent("thidua-lo-profile-\(getpid())")
    private static let removeProfileAtExit: Void = {
        atexit { try? FileManager.default.removeItem(at: LegacyOfficeDecoder.profileDirectory) }
    }()

    public static func decode(_ data: Data, format: DocumentFormat) throws -> DecodedDocument {
        try decode(data, format: format, find: Converter.find)
    }

    /// `find` locates a converter (names, then fixed paths); tests pass one that finds nothing.
    static func decode(_ data: Data, format: DocumentFormat,
                       find: ([String], [String]) -> String?) throws -> DecodedDocument {
        if format == .doc, isEncryptedOLE(data) {
            throw ThiduaError(.encrypted, "DOC is password-protected")
        }
        let ext = format == .rtf ? "rtf" : "doc"
        if let soffice = find(["soffice", "libreoffice"],
                              ["/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"]) {
            // An explicit import filter: without one LibreOffice opens anything it
            // cannot read as plain text and "succeeds". Word 6/95 files need their own.
            let filters = format == .rtf ? ["Rich Text Format"] : ["MS Word 97", "MS Word 95", "MS WinWord 6.0"]
            let docx = try Converter.withTemporaryDirectory { dir in
                let input = dir.appendingPathComponent("input.\(ext)")
                try data.write(to: input)
                let out = dir.appendingPathComponent("out")
                let profile = profileDirectory
                _ = removeProfileAtExit
                sofficeLock.lock()
                defer { sofficeLock.unlock() }
                var last = Converter.Result(status: 0, stdout: Data(), stderr: "")
                for filter in filters {
                    last = try Converter.run(soffice, [
                        "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--invisible", "--norestore",
                        "--nologo", "--nodefault", "--nolockcheck", "--infilter=\(filter)",
                        "--convert-to", "docx:MS Word 2007 XML", "--outdir", out.path, input.path,
                    ], in: dir, timeout: timeoutSeconds)
                    let produced = out.appendingPathComponent("input.docx")
                    if let bytes = try? Data(contentsOf: produced), !bytes.isEmpty { return bytes }
                }
                throw ThiduaError(.converterFailed, "LibreOffice could not read the .\(ext) file\(last.reason)")
            }
            var doc = try DOCXDecoder.decode(docx)
            doc.format = format
            doc.encoding = "utf-8"
            return doc
        }
        let fallbacks: [(String, [String])] = format == .rtf
            ? [("unrtf", ["--text", "--nopict"])]
            : [("antiword", ["-m", "UTF-8.txt", "-w", "0"]), ("catdoc", ["-d", "utf-8", "-w"])]
        for (tool, args) in fallbacks {
            guard let path = find([tool], []) else { continue }
            let text = try Converter.withTemporaryDirectory { dir in
                let input = dir.appendingPathComponent("input.\(ext)")
                try data.write(to: input)
                let result = try Converter.run(path, args + [input.path], in: dir, timeout: timeoutSeconds)
                guard result.status == 0 else {
                    throw ThiduaError(.converterFailed, "\(tool) could not convert the .\(ext) file\(result.reason)")
                }
                return String(decoding: result.stdout, as: UTF8.self)
            }
            var lines = text.split(whereSeparator: \.isNewline).map(String.init)
            if tool == "unrtf" {
                // unrtf --text prints a banner of comment lines first.
                lines.removeAll { $0.hasPrefix("###") || $0.hasPrefix("-----------------") }
            }
            let blocks: [Block] = lines.compactMap {
                let t = OfficeText.collapse($0)
                return t.isEmpty ? nil : .row(Row(segments: [Segment(t)], isParagraph: true))
            }
            return DecodedDocument(format: format, blocks: blocks, encoding: "utf-8")
        }
        throw ThiduaError(.converterMissing, "reading .\(ext) needs LibreOffice: apt-get install libreoffice-writer-nogui")
    }

    /// A password-protected Word file is an OLE container holding an
    /// "EncryptedPackage" stream (DOCX) or a .doc whose FIB says fEncrypted.
    static func isEncryptedOLE(_ data: Data) -> Bool {
        let needle = Array("EncryptedPackage".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let bytes = [UInt8](data.prefix(1 << 20))
        return FormatDetector.find(needle, in: bytes) != nil
    }
}

/// Finding and running an external converter with a time limit.
enum Converter {
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
        var reason: String {
            let s = stderr.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
            return s.isEmpty ? " (exit \(status))" : " (exit \(status): \(s.prefix(160)))"
        }
    }

    static func find(_ names: [String], extra: [String]) -> String? {
        let fm = FileManager.default
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":").map(String.init)
        for name in names {
            for d in dirs {
                let p = d + "/" + name
                if fm.isExecutableFile(atPath: p) { return p }
            }
        }
        return extra.first { fm.isExecutableFile(atPath: $0) }
    }

    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw ThiduaError(.converterFailed, "cannot make a temporary directory for the converter")
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        return try body(dir)
    }

    /// Runs `tool` under coreutils `timeout` when present (it signals the whole
    /// process group, so LibreOffice's soffice.bin child dies too), else polls.
    static func run(_ tool: String, _ args: [String], in dir: URL, timeout: Int) throws -> Result {
        let outURL = dir.appendingPathComponent("converter.stdout")
        let errURL = dir.appendingPathComponent("converter.stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let p = Process()
        let timeoutTool = find(["timeout"], extra: [])
        if let t = timeoutTool {
            p.executableURL = URL(fileURLWithPath: t)
            p.arguments = ["-k", "5", String(timeout), tool] + args
        } else {
            p.executableURL = URL(fileURLWithPath: tool)
            p.arguments = args
        }
        p.currentDirectoryURL = dir
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = out
        p.standardError = err
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = dir.path
        p.environment = env
        do {
            try p.run()
        } catch {
            throw ThiduaError(.converterFailed, "cannot start \(URL(fileURLWithPath: tool).lastPathComponent)")
        }
        let deadline = Date().addingTimeInterval(Double(timeout + 10))
        while p.isRunning {
            if Date() > deadline {
                p.terminate()
                usleep(500_000)
                if p.isRunning { kill(p.processIdentifier, SIGKILL) }
                p.waitUntilExit()
                throw ThiduaError(.converterFailed, "\(URL(fileURLWithPath: tool).lastPathComponent) timed out after \(timeout) s")
            }
            usleep(20_000)
        }
        p.waitUntilExit()
        let status = p.terminationStatus
        if timeoutTool != nil, status == 124 || status == 137 {
            throw ThiduaError(.converterFailed, "\(URL(fileURLWithPath: tool).lastPathComponent) timed out after \(timeout) s")
        }
        let stdout = (try? Data(contentsOf: outURL)) ?? Data()
        let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return Result(status: status, stdout: stdout, stderr: stderr)
    }
}
