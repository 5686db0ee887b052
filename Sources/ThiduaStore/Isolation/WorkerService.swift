import Foundation
import ThiduaCore

/// The worker's side of the protocol: requests from stdin, replies on stdout,
/// one at a time, until stdin ends. Whatever else the process writes to stdout
/// (a C library) is sent to stderr, so that it cannot corrupt a reply.
public enum WorkerService {
    public static func serve(maxMemoryMB: Int?, _ handle: (JSONValue) -> JSONValue) {
        signal(SIGPIPE, SIG_IGN)
        if let maxMemoryMB { limitAddressSpace(mb: maxMemoryMB) }
        dieWithParent()
        let replies = dup(STDOUT_FILENO)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        while let text = WorkerFrames.read(STDIN_FILENO) {
            let reply: JSONValue
            do {
                let request = try JSONValue.parse(text)
                TestHooks.apply(request["file"]?.stringValue ?? "")
                reply = handle(request)
            } catch {
                reply = .object([("ok", .bool(false)), ("error", .string("bad request: \(error)"))])
            }
            guard WorkerFrames.write(replies, WorkerFrames.encode(JSONValueLike(text: reply.serialized()))) else { return }
        }
    }

    /// A worker whose importer was killed stops at once, mid-document (its transaction is
    /// rolled back), rather than go on writing to the store for a batch nobody is running.
    static func dieWithParent() {
        let parent = getppid()
        let thread = Thread {
            while true {
                if getppid() != parent { _exit(3) }
                usleep(20_000)
            }
        }
        thread.start()
    }

    /// RLIMIT_AS: an allocation past the cap fails in this process only.
    static func limitAddressSpace(mb: Int) {
        let bytes = rlim_t(mb) << 20
        var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
        _ = setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
    }

    /// Deterministic failures for tests, honoured only here, in worker mode:
    /// THIDUA_TEST_CRASH_ON, THIDUA_TEST_HANG_ON and THIDUA_TEST_ALLOC_ON each name a
    /// substring of a file's path; such a file crashes (SIGSEGV), hangs, or allocates without end.
    enum TestHooks {
        static let env = ProcessInfo.processInfo.environment

        static func matches(_ key: String, _ file: String) -> Bool {
            guard let s = env[key], !s.isEmpty else { return false }
            return file.contains(s)
        }

        static func apply(_ file: String) {
            if matches("THIDUA_TEST_CRASH_ON", file) {
                signal(SIGSEGV, SIG_DFL)
                raise(SIGSEGV)
            }
            if matches("THIDUA_TEST_HANG_ON", file) { while true { sleep(1000) } }
            if matches("THIDUA_TEST_ALLOC_ON", file) {
                var blocks: [UnsafeMutableRawPointer] = []
                while true {
                    guard let p = malloc(32 << 20) else {
                        FileHandle.standardError.write(Data("out of memory\n".utf8))
                        abort()
                    }
                    memset(p, 1, 32 << 20)
                    blocks.append(p)
                }
            }
        }
    }
}
