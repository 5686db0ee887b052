import Foundation
import ThiduaCore
import ThiduaStore

// Import throughput against pdftotext, peak memory at 1,000 and 10,000 documents,
// and the re-import of an unchanged corpus. Run from the package root:
//   swift build -c release --product thidua-bench && .build/release/thidua-bench [options]

struct Options {
    var corpus = "../shared/bench/corpus-1000/docs"
    var jobs = ProcessInfo.processInfo.activeProcessorCount
    var rounds = 10
    var formats: Set<String>? = nil
    var work = NSTemporaryDirectory() + "thidua-bench-\(getpid())"
    var store: String? = nil

    init(_ args: [String]) {
        var it = args.dropFirst().makeIterator()
        while let a = it.next() {
            switch a {
            case "--corpus": corpus = it.next() ?? corpus
            case "--jobs": jobs = Int(it.next() ?? "") ?? jobs
            case "--rounds": rounds = Int(it.next() ?? "") ?? rounds
            case "--formats": formats = Set((it.next() ?? "").split(separator: ",").map(String.init))
            case "--work": work = it.next() ?? work
            case "--store": store = it.next()
            default:
                FileHandle.standardError.write(Data("""
                    usage: thidua-bench [--corpus DIR] [--jobs N] [--rounds N] [--formats pdf,docx,html,txt] \
                    [--work DIR] [--store postgres://…]

                    """.utf8))
                exit(a == "--help" || a == "-h" ? 0 : 2)
            }
        }
    }
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// Peak resident set of this process so far, in MiB (getrusage: KiB on Linux).
func peakRSS() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_maxrss) / 1024
}

/// Resident set now, in MiB.
func currentRSS() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let pages = s.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

func which(_ tool: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let p = "\(dir)/\(tool)"
        if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
}

/// pdftotext over the PDFs, `jobs` processes at a time (the same parallelism as the import).
func pdftotext(_ pdfs: [String], jobs: Int, tool: String) -> Double {
    let next = NSLock()
    nonisolated(unsafe) var i = 0
    let group = DispatchGroup()
    let t0 = now()
    for _ in 0..<jobs {
        group.enter()
        Thread {
            while true {
                next.lock()
                let k = i
                i += 1
                next.unlock()
                guard k < pdfs.count else { break }
                let p = Process()
                p.executableURL = URL(fileURLWithPath: tool)
                p.arguments = ["-q", "-enc", "UTF-8", pdfs[k], "-"]
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                try? p.run()
                p.waitUntilExit()
            }
            group.leave()
        }.start()
    }
    group.wait()
    return now() - t0
}

func line(_ s: String) { FileHandle.standardOutput.write(Data((s + "\n").utf8)) }

let o = Options(CommandLine.arguments)
let fm = FileManager.default
guard fm.fileExists(atPath: o.corpus) else {
    FileHandle.standardError.write(Data("thidua-bench: \(o.corpus): no corpus here (give --corpus DIR)\n".utf8))
    exit(2)
}
var files = BatchImporter.collect([o.corpus])
if let formats = o.formats { files = files.filter { formats.contains(($0 as NSString).pathExtension.lowercased()) } }
let pdfs = files.filter { $0.lowercased().hasSuffix(".pdf") }
try? fm.createDirectory(atPath: o.work, withIntermediateDirectories: true)
defer { try? fm.removeItem(atPath: o.work) }

let pipeline: Pipeline
do { pipeline = try Pipeline() } catch {
    FileHandle.standardError.write(Data("thidua-bench: \(error)\n".utf8))
    exit(2)
}
let byFormat = Dictionary(grouping: files, by: { ($0 as NSString).pathExtension.lowercased() })
    .map { "\($0.value.count) \($0.key)" }.sorted().joined(separator: ", ")
line("corpus: \(o.corpus): \(files.count) files (\(byFormat)); jobs \(o.jobs)")

func freshStore(_ name: String) throws -> any RecordStore {
    if let url = o.store { return try Stores.open(url) }
    return try Stores.open(o.work + "/\(name).sqlite")
}

do {
    // 1. pdftotext over the same PDFs.
    var pdftotextRate: Double? = nil
    if !pdfs.isEmpty, let tool = which("pdftotext") {
        let t = pdftotext(pdfs, jobs: o.jobs, tool: tool)
        pdftotextRate = Double(pdfs.count) / t
        line(String(format: "pdftotext: %d PDFs in %.2f s = %.1f docs/s", pdfs.count, t, pdftotextRate!))
    }

    // 2. First import into a fresh store.
    let store = try freshStore("first")
    let importer = BatchImporter(store: store, pipeline: pipeline, jobs: o.jobs)
    let first = importer.run(files)
    let firstRate = Double(first.total) / first.elapsed
    line(String(format: "first import: %d files in %.2f s = %.1f docs/s (imported %d, failed %d)",
                first.total, first.elapsed, firstRate, first.imported, first.failed))
    let failedByCause = Dictionary(grouping: first.failures, by: \.cause).map { "\($0.value.count)× \($0.key)" }
    for c in failedByCause.sorted().prefix(5) { line("  failed: \(c)") }
    let stored = first.imported + first.updated
    if stored > 0 {
        let okRate = Double(stored) / first.elapsed
        line(String(format: "  stored documents: %.1f docs/s", okRate))
    }
    if let r = pdftotextRate {
        if first.failed == 0 {
            line(String(format: "ratio to pdftotext (docs/s, whole batch vs PDFs): %.2f×", firstRate / r))
        } else {
            line("ratio to pdftotext: not meaningful while \(first.failed) files fail (failed files cost no extraction)")
        }
    }

    // 3. Re-import of the unchanged corpus.
    let again = importer.run(files)
    line(String(format: "re-import: %d files in %.3f s (unchanged %d, failed again %d) = %.0f× faster than the first import",
                again.total, again.elapsed, again.unchanged, again.failed, first.elapsed / max(again.elapsed, 1e-9)))
    store.close()
    let rss1k = peakRSS()
    line(String(format: "peak RSS after %d documents: %.1f MiB", files.count, rss1k))

    // The floor of any re-import: reading and hashing every file.
    let th = now()
    var bytes = 0
    for f in files {
        if let d = try? Intake.read(path: f) {
            bytes += d.count
            _ = BatchImporter.sha256(d)
        }
    }
    let hashTime = now() - th
    line(String(format: "read + sha256 of all %d files (%.1f MB), one thread: %.3f s (%.0f MB/s)",
                files.count, Double(bytes) / 1e6, hashTime, Double(bytes) / 1e6 / max(hashTime, 1e-9)))

    // 4. The corpus again and again into fresh stores: memory must stay flat.
    var rounds: [String] = []
    for k in 1..<max(o.rounds, 1) {
        let s = try freshStore("round\(k)")
        _ = BatchImporter(store: s, pipeline: pipeline, jobs: o.jobs).run(files)
        s.close()
        try? fm.removeItem(atPath: o.work + "/round\(k).sqlite")
        rounds.append(String(format: "%.0f", currentRSS()))
    }
    line("RSS after each further round (MiB): " + rounds.joined(separator: " "))
    line(String(format: "peak RSS after %d documents: %.1f MiB", files.count * max(o.rounds, 1), peakRSS()))
} catch {
    FileHandle.standardError.write(Data("thidua-bench: \(error)\n".utf8))
    exit(1)
}
