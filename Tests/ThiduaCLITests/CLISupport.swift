import Foundation

/// Runs the built `thidua` binary and captures what it prints.
enum CLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("thidua")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        // The test bundle may sit deeper (…/debug/thiduaPackageTests.xctest/…).
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let c = dir.appendingPathComponent("thidua")
            if FileManager.default.isExecutableFile(atPath: c.path) { return c }
            dir = dir.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/thidua")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `stdin`, when given, is what the command reads on standard input (else nothing).
    static func run(_ args: [String], cwd: URL? = nil, env: [String: String] = [:], stdin: Data? = nil) throws -> Result {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        if let cwd { p.currentDirectoryURL = cwd }
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        // Output goes to files, so a large output can never block the child.
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        p.standardOutput = out
        p.standardError = err
        if let stdin {
            let inURL = dir.appendingPathComponent("in")
            try stdin.write(to: inURL)
            p.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            p.standardInput = FileHandle.nullDevice
        }
        try p.run()
        p.waitUntilExit()
        try out.close()
        try err.close()
        return Result(status: p.terminationStatus, stdout: try String(contentsOf: outURL, encoding: .utf8),
                      stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    static func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }
}
