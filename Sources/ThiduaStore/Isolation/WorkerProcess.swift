import Foundation
import Synchronization

/// How to start a worker: the same binary in its hidden worker mode.
public struct WorkerLaunch: Sendable {
    public var executable: String
    public var arguments: [String]
    /// Seconds one document may take.
    public var timeout: Double
    /// The worker's address-space cap (RLIMIT_AS, set by the worker itself), in MiB.
    public var maxMemoryMB: Int

    public init(executable: String, arguments: [String], timeout: Double, maxMemoryMB: Int) {
        self.executable = executable
        self.arguments = arguments
        self.timeout = timeout
        self.maxMemoryMB = maxMemoryMB
    }

    /// This process's own executable (what `/proc/self/exe` points to).
    public static var currentExecutable: String? {
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
        return Bundle.main.executablePath
    }
}

/// What became of one request sent to a worker.
public enum WorkerOutcome: Sendable, Equatable {
    case reply(String)
    case crashed(signal: Int32, lastWords: String)
    case exited(status: Int32, lastWords: String)
    case timedOut(seconds: Double)
    case exceededMemory(mb: Int)
    case cannotStart(String)

    /// The stable code of the failure (stored with failed files).
    public var code: String? {
        switch self {
        case .reply: return nil
        case .crashed: return "crashed"
        case .exited: return "worker-exited"
        case .timedOut: return "timeout"
        case .exceededMemory: return "memory"
        case .cannotStart: return "worker-unavailable"
        }
    }

    /// The one-line cause recorded for the document.
    public var cause: String? {
        switch self {
        case .reply: return nil
        case let .crashed(signal, lastWords):
            return "crashed (signal \(signal)\(Self.signalName(signal)))" + (lastWords.isEmpty ? "" : ": \(lastWords)")
        case let .exited(status, lastWords):
            return "the worker exited with status \(status)" + (lastWords.isEmpty ? "" : ": \(lastWords)")
        case let .timedOut(seconds): return "timed out after \(Self.seconds(seconds)) s"
        case let .exceededMemory(mb): return "exceeded \(mb) MB"
        case let .cannotStart(why): return "cannot start a worker: \(why)"
        }
    }

    static func seconds(_ s: Double) -> String { s == s.rounded() ? String(Int(s)) : String(format: "%.1f", s) }

    static func signalName(_ s: Int32) -> String {
        switch s {
        case SIGSEGV: return ", SIGSEGV"
        case SIGABRT: return ", SIGABRT"
        case SIGILL: return ", SIGILL"
        case SIGTRAP: return ", SIGTRAP"
        case SIGBUS: return ", SIGBUS"
        case SIGFPE: return ", SIGFPE"
        case SIGKILL: return ", SIGKILL"
        default: return ""
        }
    }
}

/// One worker process, reused request after request, replaced after a failure.
/// Used from one thread at a time (an importer slot).
public final class WorkerProcess: @unchecked Sendable {
    public let launch: WorkerLaunch
    private var process: Process?
    private var input: FileHandle?
    private var output: FileHandle?
    private var stderrTail: StderrTail?

    public init(_ launch: WorkerLaunch) {
        self.launch = launch
        // A write to a worker that died must be an error, not the end of this process.
        signal(SIGPIPE, SIG_IGN)
    }

    deinit { stop() }

    private func start() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: launch.executable)
        p.arguments = launch.arguments
        var env = ProcessInfo.processInfo.environment
        // glibc reserves 64 MiB of address space per arena and thread: keep RLIMIT_AS about real use.
        env["MALLOC_ARENA_MAX"] = env["MALLOC_ARENA_MAX"] ?? "2"
        // A crashing worker dies at once: no backtracer (it takes seconds, and inherits the reply pipe).
        env["SWIFT_BACKTRACE"] = "enable=no"
        p.environment = env
        let i = Pipe(), o = Pipe(), e = Pipe()
        p.standardInput = i
        p.standardOutput = o
        p.standardError = e
        try p.run()
        process = p
        input = i.fileHandleForWriting
        output = o.fileHandleForReading
        stderrTail = StderrTail(e.fileHandleForReading.fileDescriptor)
    }

    /// Closes the worker's input (it exits at end of file) and waits for it, killing it if it lingers.
    public func stop() {
        guard let p = process else { return }
        try? input?.close()
        let deadline = Date().addingTimeInterval(5)
        while p.isRunning, Date() < deadline { usleep(5_000) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        discard()
    }

    private func discard() {
        try? input?.close()
        try? output?.close()
        process = nil
        input = nil
        output = nil
        stderrTail = nil
    }

    /// Sends one request and waits for its reply, at most `launch.timeout` seconds.
    public func request(_ json: String) -> WorkerOutcome {
        if process == nil {
            do { try start() } catch { return .cannotStart("\(error)") }
        }
        guard let p = process, let input, let output else { return .cannotStart("no worker") }
        let frame = WorkerFrames.encode(JSONValueLike(text: json))
        guard WorkerFrames.write(input.fileDescriptor, frame) else { return died(p) }
        let fd = output.fileDescriptor
        let start = DispatchTime.now().uptimeNanoseconds
        var peakMB = 0
        while true {
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if elapsed >= launch.timeout {
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
                discard()
                return .timedOut(seconds: launch.timeout)
            }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let wait = Int32(min(100, max(1, (launch.timeout - elapsed) * 1000)))
            let r = poll(&pfd, 1, wait)
            if r < 0, errno == EINTR { continue }
            if r == 0 {
                peakMB = max(peakMB, Self.peakMB(p.processIdentifier))
                continue
            }
            guard let reply = WorkerFrames.read(fd) else {
                peakMB = max(peakMB, Self.peakMB(p.processIdentifier))
                return died(p, peakMB: peakMB)
            }
            return .reply(reply)
        }
    }

    /// The worker closed its output: why.
    private func died(_ p: Process, peakMB: Int = 0) -> WorkerOutcome {
        try? input?.close()
        let deadline = Date().addingTimeInterval(5)
        while p.isRunning, Date() < deadline { usleep(2_000) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        let tail = stderrTail?.text() ?? ""
        discard()
        let outOfMemory = ["Could not allocate", "bad_alloc", "Bogus memory allocation", "out of memory",
                           "Out of memory", "Cannot allocate memory", "failed to allocate"].contains { tail.contains($0) }
        if outOfMemory || peakMB >= launch.maxMemoryMB * 9 / 10 {
            return .exceededMemory(mb: launch.maxMemoryMB)
        }
        // The last line the worker wrote (a Swift fatal error names its cause), kept short.
        let last = tail.split(whereSeparator: \.isNewline).last.map { String($0.prefix(300)) } ?? ""
        if p.terminationReason == .uncaughtSignal {
            return .crashed(signal: p.terminationStatus, lastWords: last)
        }
        return .exited(status: p.terminationStatus, lastWords: last)
    }

    /// The process's peak resident size (VmHWM), in MiB; 0 when it cannot be read. (Its
    /// virtual size says little: event-loop threads reserve address space they never touch.)
    static func peakMB(_ pid: Int32) -> Int {
        guard let s = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in s.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }
}

/// Drains a worker's stderr (C libraries talk there) and keeps its last few KiB,
/// so that nothing reaches the user's terminal and a dying worker's last words can be read.
final class StderrTail: @unchecked Sendable {
    private let lock = NSLock()
    private var tail: [UInt8] = []
    private let done = DispatchSemaphore(value: 0)

    init(_ source: Int32) {
        // Its own descriptor: the pipe's handle closes the original whenever Foundation releases it.
        let fd = dup(source)
        guard fd >= 0 else { done.signal(); return }
        let thread = Thread { [self] in
            var buf = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                lock.lock()
                tail.append(contentsOf: buf[0..<n])
                if tail.count > 8192 { tail.removeFirst(tail.count - 4096) }
                lock.unlock()
            }
            close(fd)
            done.signal()
        }
        thread.start()
    }

    /// What the worker wrote last; waits briefly for the pipe to close after the worker's death.
    func text() -> String {
        _ = done.wait(timeout: .now() + 1)
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: tail, as: UTF8.self)
    }
}
