import ArgumentParser
import Foundation
import ThiduaCore
import ThiduaStore

/// `--store`, shared by every command that reads or writes the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A SQLite file, or a postgres://user@host:port/database URL; when not given, $THIDUA_STORE, else ./thidua.sqlite.",
        valueName: "FILE|URL"))
    var store: String = ProcessInfo.processInfo.environment["THIDUA_STORE"] ?? Stores.defaultLocation

    /// Opens the store; a reading command refuses to create an empty SQLite file.
    func open(creating: Bool) throws -> any RecordStore {
        if !creating, !Stores.isPostgres(store), !FileManager.default.fileExists(atPath: store) {
            Console.fail("thidua: \(store): no store here (run `thidua import` first, or give --store)")
            throw ExitCode(2)
        }
        do { return try Stores.open(store, readOnly: !creating) } catch {
            Console.fail("thidua: \(error)")
            throw ExitCode(2)
        }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import documents (files, folders walked recursively, ZIP inboxes) into the store.",
        discussion: """
            Each document is saved in its own transaction; files whose bytes the store already \
            holds are skipped, and a changed file at a known path becomes a new version. \
            Exit status: 0 every file imported or unchanged, 1 some files failed, 2 nothing could run \
            (store, rules or report file unusable, or no files found).
            """)

    @Argument(help: "Files and folders to import.")
    var paths: [String]

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .long, help: "Documents extracted at once (default: the number of cores).")
    var jobs: Int?

    @Option(name: .long, help: "Write one JSON status line per file to this file.")
    var report: String?

    @Option(name: .long, help: ArgumentHelp(
        "Only files matching this glob (repeatable): against the name, or the path when it holds /.", valueName: "GLOB"))
    var include: [String] = []

    @Option(name: .long, help: ArgumentHelp("Leave out files matching this glob (repeatable).", valueName: "GLOB"))
    var exclude: [String] = []

    @OptionGroup var reading: ReadingOptions
    @OptionGroup var isolation: IsolationOptions

    func run() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let jobs, jobs > BatchImporter.maxJobs {
            throw ValidationError("--jobs must be at most \(BatchImporter.maxJobs) (four per core)")
        }
        let pipeline: Pipeline
        do { pipeline = try reading.pipeline() } catch { Console.fail("thidua: \(error)"); throw ExitCode(2) }
        // Neither the store nor the report (when it sits in a folder being imported) is a document.
        let walk = FolderWalk.collect(
            paths, excluding: BatchImporter.storeFiles(storeOptions.store).union(report.map { [$0] } ?? []),
            include: include, exclude: exclude)
        let files = walk.files
        guard !files.isEmpty || !walk.skipped.isEmpty else {
            Console.fail("thidua: no files to import in \(paths.joined(separator: " "))")
            throw ExitCode(2)
        }
        var reportFile: OutputFile?
        if let report {
            do { reportFile = try OutputFile(report, store: storeOptions.store, inputs: paths) } catch {
                Console.fail("thidua: \(error)")
                throw ExitCode(2)
            }
        }
        let store = try storeOptions.open(creating: true)
        defer { store.close() }
        let launch = isolation.launch(.import, extra: ["--store", storeOptions.store], reading: reading)
        let importer = BatchImporter(store: store, pipeline: pipeline, jobs: jobs, isolation: launch)
        let bar = isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
        let reportSink = reportFile
        var summary = importer.run(files) { result, progress in
            var shown = result
            shown.file = FileName.display(result.file)
            reportSink?.write(ReportLine.json(shown).serialized() + "\n")
            bar?.update(progress)
        }
        // Entries the walk did not take (links out of the folder, loops) are failures with their reason.
        for (path, reason, cause) in walk.skipped {
            importer.noteSkipped(path, reason: reason, cause: cause)
            var r = ImportResult(file: FileName.display(path), status: .failed)
            r.error = reason
            r.cause = cause
            reportSink?.write(ReportLine.json(r).serialized() + "\n")
            summary.failed += 1
            summary.failures.append((r.file, reason))
        }
        bar?.finish()
        var reportFailure: String?
        do { try reportFile?.commit() } catch { reportFailure = "\(error)" }
        for line in summary.lines { Console.out(line) }
        for f in summary.failures { Console.fail("thidua: \(FileName.display(f.file)): \(f.cause)") }
        if let cause = summary.storeFailure {
            Console.fail("thidua: \(store.location): \(cause) (\(summary.undone) of \(files.count) files not imported)")
            throw ExitCode(2)
        }
        if let reportFailure {
            Console.fail("thidua: \(reportFailure)")
            throw ExitCode(2)
        }
        if summary.failed > 0 { throw ExitCode(1) }
    }
}

/// One line redrawn on stderr: done/total, docs/s, ETA, failures so far.
final class ProgressBar: @unchecked Sendable {
    // Only touched from the importer's serialized callback.
    private var lastDraw: Double = -1

    func update(_ p: ImportProgress) {
        guard p.done == p.total || p.elapsed - lastDraw >= 0.1 else { return }
        lastDraw = p.elapsed
        let width = 30
        let filled = p.total > 0 ? width * p.done / p.total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let eta = p.eta.map { Self.clock($0) } ?? "--:--"
        let line = "\r\(bar) \(p.done)/\(p.total)  \(String(format: "%.1f", p.docsPerSecond)) docs/s  ETA \(eta)"
            + (p.failed > 0 ? "  failed \(p.failed)" : "") + "\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
            : String(format: "%d:%02d", s / 60, s % 60)
    }
}
