import Foundation
import Testing
import ThiduaCore

/// `thidua --version` prints the one version constant, and so does every subcommand's.
@Suite struct VersionTests {
    @Test func versionFlagPrintsTheConstant() throws {
        #expect(ThiduaVersion.string.range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil)
        let r = try CLI.run(["--version"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == ThiduaVersion.string + "\n")
    }

    @Test func helpStillListsTheSubcommands() throws {
        let r = try CLI.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("--version"))
        #expect(r.stdout.contains("extract"))
    }

    @Test(arguments: ["list", "import", "export", "deadlines", "search", "show"])
    func storeHelpNamesTheEnvironmentVariable(_ command: String) throws {
        let r = try CLI.run([command, "--help"], env: ["THIDUA_STORE": ""])
        #expect(r.status == 0)
        #expect(r.stdout.contains("$THIDUA_STORE"), "\(r.stdout)")
    }
}
