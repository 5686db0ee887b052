import ArgumentParser
import Foundation
import Logging
import ThiduaCore
import ThiduaServer
import ThiduaStore

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the store over HTTP: a JSON API under /v1 and review pages for clerks.",
        discussion: """
            Listens on 127.0.0.1 unless --host says otherwise; any other address needs --token \
            (then every request needs Authorization: Bearer TOKEN, and the pages a sign-in). \
            Uploaded documents are extracted in worker processes with the same --timeout and \
            --max-memory as import. Stops on SIGTERM or SIGINT after the requests in flight.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .long, help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on.")
    var port: Int = 8080

    @Option(name: .long, help: "A bearer token every request must carry (default: $THIDUA_TOKEN).")
    var token: String? = ProcessInfo.processInfo.environment["THIDUA_TOKEN"]

    @Option(name: .customLong("max-upload"), help: "The largest document accepted (50MB, 512KB, bytes).")
    var maxUpload: String = "50MB"

    @Option(name: .long, help: "Documents extracted at once (default: the number of cores).")
    var jobs: Int?

    @OptionGroup var reading: ReadingOptions
    @OptionGroup var isolation: IsolationOptions

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") }
        guard ServerSettings.parseSize(maxUpload) != nil else { throw ValidationError("--max-upload: not a size: \(maxUpload)") }
        if let jobs, !(1...BatchImporter.maxJobs).contains(jobs) {
            throw ValidationError("--jobs must be from 1 to \(BatchImporter.maxJobs)")
        }
    }

    func run() throws {
        let settings = ServerSettings(
            host: host, port: port, token: token.flatMap { $0.isEmpty ? nil : $0 },
            maxUploadBytes: ServerSettings.parseSize(maxUpload) ?? 50 << 20,
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
            extractLaunch: isolation.launch(.extract, extra: ["--format", "json"], reading: reading),
            importLaunch: isolation.launch(.import, extra: ["--store", storeOptions.store], reading: reading))
        if let refusal = settings.refusal {
            Console.fail("thidua: \(refusal)")
            throw ExitCode(2)
        }
        let pipeline: Pipeline
        do { pipeline = try reading.pipeline() } catch { Console.fail("thidua: \(error)"); throw ExitCode(2) }
        let store = try storeOptions.open(creating: true)
        defer { store.close() }
        let state: ServerState
        do { state = try ServerState(store: store, pipeline: pipeline, settings: settings, rulesDirectory: try RulesFolder.resolve(reading.rulesDir)) } catch {
            Console.fail("thidua: \(error)")
            throw ExitCode(2)
        }
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "thidua.serve")
        logger.logLevel = .info
        logger.info("listening", metadata: ["address": "\(host):\(port)", "store": "\(store.location)",
                                            "auth": "\(settings.token == nil ? "none" : "bearer")"])
        let serverLogger = logger
        let failure = Self.block { try await ThiduaHTTP.run(state, logger: serverLogger) }
        if let failure {
            Console.fail("thidua: \(failure)")
            throw ExitCode(2)
        }
    }

    /// Runs the server's async work from this synchronous command and waits for it to end.
    static func block(_ body: @escaping @Sendable () async throws -> Void) -> String? {
        final class Box: @unchecked Sendable { var error: String? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await body() } catch { box.error = "\(error)" }
            done.signal()
        }
        done.wait()
        return box.error
    }
}
