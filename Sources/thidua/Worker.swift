import ArgumentParser
import Foundation
import ThiduaCore
import ThiduaStore

/// The hidden worker mode: `import` and `extract` run each document in a child
/// process of this same binary, so that a crash, a hang or a runaway allocation
/// costs that document only (as Tika Pipes does). Requests and replies are
/// length-prefixed JSON over stdin and stdout (see ThiduaStore/Isolation).
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "__worker", shouldDisplay: false)

    enum Mode: String, ExpressibleByArgument { case `import`, extract }

    @Argument var mode: Mode

    @Option(name: .long) var store: String?
    @Option(name: .long) var format: Extract.OutputFormat = .json
    @Flag(name: .long) var pretty = false
    @Option(name: .long) var maxMemory: Int?
    @OptionGroup var reading: ReadingOptions

    func run() throws {
        let pipeline: Pipeline
        do { pipeline = try reading.pipeline() } catch { Console.fail("thidua: \(error)"); throw ExitCode(2) }
        switch mode {
        case .import:
            guard let store else { throw ValidationError("--store is required") }
            let opened: any RecordStore
            do { opened = try Stores.open(store) } catch { Console.fail("thidua: \(error)"); throw ExitCode(2) }
            defer { opened.close() }
            let importer = BatchImporter(store: opened, pipeline: pipeline, jobs: 1)
            WorkerService.serve(maxMemoryMB: maxMemory) { importer.serveWorkerRequest($0) }
        case .extract:
            WorkerService.serve(maxMemoryMB: maxMemory) { request in
                let file = request["file"]?.stringValue ?? ""
                do {
                    // `as`: the name an upload (`thidua serve`) came under, read from a temporary file.
                    let record = try request["as"]?.stringValue.map { try pipeline.extract(data: Intake.read(path: file), file: $0) }
                        ?? pipeline.extract(path: file)
                    return .object([("ok", .bool(true)), ("output", .string(Extract.render(record, format, pretty)))])
                } catch {
                    return .object([("ok", .bool(false)), ("error", .string("\(error)")),
                                    ("code", .string((error as? ThiduaError)?.code.rawValue ?? "internal"))])
                }
            }
        }
    }
}

/// `--timeout` and `--max-memory`, shared by the commands that isolate documents.
struct IsolationOptions: ParsableArguments {
    @Option(name: .long, help: "Seconds one document may take before its worker is stopped (0: no limit).")
    var timeout: Double = 120

    @Option(name: .long, help: "Memory one document's worker may use, in MB (address space).")
    var maxMemory: Int = 4096

    @Flag(name: .long, help: "Extract in this process, without worker processes (no crash isolation).")
    var noIsolation = false

    func validate() throws {
        if timeout < 0 { throw ValidationError("--timeout must be 0 or more seconds") }
        if maxMemory < 64 { throw ValidationError("--max-memory must be at least 64 (MB)") }
    }

    /// The worker launch for `mode`, or nil when isolation is off or this binary cannot be found.
    func launch(_ mode: Worker.Mode, extra: [String], reading: ReadingOptions) -> WorkerLaunch? {
        guard !noIsolation, let exe = WorkerLaunch.currentExecutable else { return nil }
        var args = ["__worker", mode.rawValue, "--max-memory", String(maxMemory), "--ocr", reading.ocr.rawValue]
        for r in reading.rules { args += ["--rules", r] }
        if let d = reading.rulesDir { args += ["--rules-dir", d] }
        return WorkerLaunch(executable: exe, arguments: args + extra,
                            timeout: timeout == 0 ? .infinity : timeout, maxMemoryMB: maxMemory)
    }
}
