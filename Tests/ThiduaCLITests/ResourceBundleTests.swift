import Foundation
import Testing

/// The rules and the schema ship as the library's resource bundle: the binary copied
/// elsewhere with its bundle reads them from there, whatever the working directory.
@Suite struct ResourceBundleTests {
    @Test func copiedBinaryReadsItsOwnBundle() throws {
        let fm = FileManager.default
        let dir = try CLI.tempDir()
        defer { try? fm.removeItem(at: dir) }
        let bundleName = "thidua_ThiduaCore.resources"
        let bundle = CLI.binary.deletingLastPathComponent().appendingPathComponent(bundleName)
        try #require(fm.fileExists(atPath: bundle.path), "no resource bundle beside \(CLI.binary.path)")
        try fm.copyItem(at: CLI.binary, to: dir.appendingPathComponent("thidua"))
        try fm.copyItem(at: bundle, to: dir.appendingPathComponent(bundleName))
        // Mark the copy: a house-style rule switched off in the copied bundle only, so that the
        // output shows which rules were read.
        let rule = dir.appendingPathComponent("\(bundleName)/rules/checks/recipients-missing.yaml")
        var text = try String(contentsOf: rule, encoding: .utf8)
        text += "\nenabled: false\n"
        try text.write(to: rule, atomically: true, encoding: .utf8)
        let doc = CLI.root.appendingPathComponent("fixtures/text/plan-no-period.txt")
        let input = dir.appendingPathComponent("plan.txt")
        try fm.copyItem(at: doc, to: input)
        var noRecipients = try String(contentsOf: input, encoding: .utf8)
        if let r = noRecipients.range(of: "Nơi nhận") { noRecipients = String(noRecipients[..<r.lowerBound]) }
        try noRecipients.write(to: input, atomically: true, encoding: .utf8)

        let p = Process()
        p.executableURL = dir.appendingPathComponent("thidua")
        p.arguments = ["validate", input.path]
        p.currentDirectoryURL = fm.temporaryDirectory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "THIDUA_RULES")
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let printed = String(decoding: data, as: UTF8.self)
        #expect(!printed.contains("recipients-missing"), "the copied bundle's rules were not used: \(printed)")

        // The same document with the checkout's rules reports the missing Nơi nhận.
        let original = try CLI.run(["validate", input.path], env: ["THIDUA_RULES": CLI.root.appendingPathComponent("rules").path])
        #expect(original.stdout.contains("recipients-missing"))
        #expect(try CLI.run(["schema"], cwd: fm.temporaryDirectory).stdout.contains("\"$id\""))
    }
}
