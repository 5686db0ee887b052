import ArgumentParser
import Foundation
import ThiduaCore
import ThiduaStore

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the store into a new SQLite file, consistently, while others may use it.",
        discussion: "Exit status: 0 copied, 2 the store or the target unusable (PostgreSQL: use pg_dump).")

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The new SQLite file (must not exist yet).")
    var file: String

    func run() throws {
        if FileManager.default.fileExists(atPath: file) || (try? FileManager.default.destinationOfSymbolicLink(atPath: file)) != nil {
            Console.fail("thidua: \(file): already exists (a backup is written to a new file)")
            throw ExitCode(2)
        }
        let store = try storeOptions.open(creating: false)
        defer { store.close() }
        // Written beside the target, then renamed: no half-written backup under its name.
        let temp = file + ".tmp-\(getpid())"
        do {
            try store.backup(to: temp)
            guard rename(temp, file) == 0 else {
                throw StoreError("cannot rename \(temp) to \(file): \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temp)
            Console.fail("thidua: \(error)")
            throw ExitCode(2)
        }
    }
}
