import Foundation
import Testing
import ThiduaCore
@testable import ThiduaStore

/// The backends every store test runs against.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

/// A fresh, empty store for one test: a SQLite file in a temporary folder, or a
/// new database on the server `scripts/with-postgres.sh` started.
final class TestStore {
    let backend: Backend
    let location: String
    let store: any RecordStore
    let dir: URL
    private let adminURL: String?
    private let database: String?

    /// nil (after recording an issue unless THIDUA_SKIP_POSTGRES=1) when PostgreSQL is not configured.
    static func make(_ backend: Backend) throws -> TestStore? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        switch backend {
        case .sqlite:
            let path = dir.appendingPathComponent("thidua.sqlite").path
            return TestStore(backend, path, try Stores.open(path), dir, nil, nil)
        case .postgres:
            guard let admin = postgresURL() else { return nil }
            let name = "thidua_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
            try PostgresBackend.administer(url: admin, "CREATE DATABASE \(name)")
            var c = URLComponents(string: admin)!
            c.path = "/" + name
            let url = c.string!
            return TestStore(backend, url, try Stores.open(url), dir, admin, name)
        }
    }

    static func postgresURL() -> String? {
        let env = ProcessInfo.processInfo.environment
        if let url = env["THIDUA_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        if env["THIDUA_SKIP_POSTGRES"] == "1" { return nil }
        Issue.record("""
            THIDUA_TEST_POSTGRES_URL is not set: run the tests as `scripts/with-postgres.sh swift test` \
            (or set THIDUA_SKIP_POSTGRES=1 to skip the PostgreSQL backend on purpose)
            """)
        return nil
    }

    private init(_ backend: Backend, _ location: String, _ store: any RecordStore, _ dir: URL, _ admin: String?,
                 _ database: String?) {
        self.backend = backend
        self.location = location
        self.store = store
        self.dir = dir
        self.adminURL = admin
        self.database = database
    }

    /// A second, independent handle on the same store.
    func reopen() throws -> any RecordStore { try Stores.open(location) }

    var sql: SQLRecordStore { store as! SQLRecordStore }

    func scalar(_ query: String) throws -> Int64 { try sql.backend.query(query, []).first?.first?.int ?? -1 }

    /// The store is consistent: SQLite's own checks pass, no child row lacks its
    /// document, and every document has exactly the child rows its record JSON lists.
    func expectConsistent(sourceLocation: SourceLocation = #_sourceLocation) throws {
        if backend == .sqlite {
            let check = try sql.backend.query("PRAGMA integrity_check", [])
            #expect(check.first?.first?.string == "ok", sourceLocation: sourceLocation)
            #expect(try sql.backend.query("PRAGMA foreign_key_check", []).isEmpty, sourceLocation: sourceLocation)
        }
        for table in StoreSchema.childTables {
            let orphans = try scalar(
                "SELECT count(*) FROM \(table) c WHERE NOT EXISTS (SELECT 1 FROM document d WHERE d.id = c.document_id)")
            #expect(orphans == 0, "orphans in \(table)", sourceLocation: sourceLocation)
        }
        let docs = try store.documents(DocumentFilter(includeOldVersions: true))
        let paths: [(String, String)] = [
            ("reference", "references"), ("movement", "campaign.movements"), ("milestone", "campaign.milestones"),
            ("award", "campaign.awards"), ("anniversary", "campaign.anniversaries"), ("diagnostic", "diagnostics"),
        ]
        var expected: [String: Int] = [:]
        for d in docs {
            let json = try JSONValue.parse(d.recordJSON)
            #expect(json.value(at: "source.sha256")?.stringValue == d.sha256, sourceLocation: sourceLocation)
            for (table, path) in paths { expected[table, default: 0] += json.value(at: path)?.arrayValue?.count ?? 0 }
        }
        let counts = try store.counts()
        #expect(counts["document"] == docs.count, sourceLocation: sourceLocation)
        for (table, _) in paths {
            #expect(counts[table] == expected[table] ?? 0, "rows in \(table)", sourceLocation: sourceLocation)
        }
    }

    deinit {
        store.close()
        if let adminURL, let database {
            try? PostgresBackend.administer(url: adminURL, "DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
        }
        try? FileManager.default.removeItem(at: dir)
    }
}

enum Samples {
    static func sha(_ seed: String) -> String {
        SHA256.hex(Data(seed.utf8))
    }

    static func date(_ iso: String, text: String? = nil) -> VnDate {
        VnDate(text: text ?? iso, value: iso, start: iso, end: iso, precision: .day)
    }

    /// A record built directly (not by the extractor), with every child list filled.
    static func record(_ seed: String, file: String? = nil, title: String = "Phát động phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới” năm 2023") -> Record {
        var r = Record(source: Source(file: file ?? "in/\(seed).txt", sha256: sha(seed), format: .text))
        r.document = DocumentPart(
            kind: Kind(code: "KH", name: "Kế hoạch"),
            number: DocNumber(text: "56/KH-SNN", serial: "56", year: nil, kind: "KH", issuers: ["SNN"],
                              canonical: "56/KH-SNN", style: .state),
            issuer: Issuer(name: "Sở Nông nghiệp và Phát triển nông thôn", parent: "Ủy ban nhân dân tỉnh Bắc Kạn"),
            place: "Bắc Kạn", date: date("2023-03-15", text: "ngày 15 tháng 3 năm 2023"), title: title,
            signer: Signer(name: "Hà Sỹ Huân", title: "Giám đốc"), recipients: ["UBND tỉnh (b/c)"], archive: "VT")
        r.references = [Reference(
            text: "Chỉ thị số 7705/CT-BNN-TCCB ngày 16/11/2021", kind: Kind(code: "CT", name: "Chỉ thị"),
            number: DocNumber(text: "7705/CT-BNN-TCCB", serial: "7705", year: nil, kind: "CT", issuers: ["BNN", "TCCB"],
                              canonical: "7705/CT-BNN-TCCB", style: .state),
            date: date("2021-11-16"), issuer: nil)]
        r.campaign = Campaign(
            theme: "Đoàn kết, sáng tạo", period: nil,
            movements: ["Cả nước chung sức xây dựng nông thôn mới", "Đồng khởi khởi nghiệp"],
            milestones: [
                Milestone(task: "Báo cáo sơ kết; gửi Sở, Ban, ngành", responsible: "Các đơn vị",
                          due: VnDate(text: "Trước ngày 20/6/2023", value: "2023-06-20", start: "2023-06-20",
                                      end: "2023-06-20", precision: .day, relation: .before),
                          text: "Trước ngày 20/6/2023"),
                Milestone(task: "Tổng kết, khen thưởng", due: VnDate(
                    text: "Quý IV năm 2023", value: "2023-36", start: "2023-10-01", end: "2023-12-31", precision: .quarter)),
                Milestone(task: "Gửi báo cáo thi đua hằng năm", due: VnDate(
                    text: "ngày 15 tháng 12 hàng năm", value: "XXXX-12-15", start: nil, end: nil, precision: .day,
                    recurrence: .yearly)),
                Milestone(task: "Thường xuyên theo dõi", text: "Thường xuyên"),
            ],
            awards: [Award(type: .award, name: "Bằng khen", grantor: "Chủ tịch UBND tỉnh", quota: nil)],
            anniversaries: [Anniversary(event: "Ngày Giải phóng miền Nam", years: 50, date: date("2025-04-30"),
                                        since: date("1975-04-30"))])
        r.diagnostics = [Diagnostic(rule: "date.day-blank", severity: .warning, path: "document.date", message: "blank day")]
        return r
    }
}

/// The built `thidua` binary and a folder of generated text documents.
enum CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var binary: String? {
        if let b = ProcessInfo.processInfo.environment["THIDUA_BIN"] { return b }
        for config in ["debug", "release"] {
            let p = packageRoot.appendingPathComponent(".build/\(config)/thidua").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func launch(_ args: [String], cwd: URL? = nil, env extra: [String: String] = [:],
                       viaBinary: String? = nil) throws -> (Process, Pipe, Pipe) {
        guard let binary = viaBinary ?? binary else { throw StoreError("the thidua binary is not built (swift build)") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        if let cwd { p.currentDirectoryURL = cwd }
        var env = ProcessInfo.processInfo.environment
        env["THIDUA_RULES"] = packageRoot.appendingPathComponent("rules").path
        env.merge(extra) { _, new in new }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        return (p, out, err)
    }

    @discardableResult
    static func run(_ args: [String], cwd: URL? = nil, env: [String: String] = [:], viaBinary: String? = nil) throws -> Result {
        let (p, out, err) = try launch(args, cwd: cwd, env: env, viaBinary: viaBinary)
        // Read both pipes before waiting, so a full pipe cannot stall the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Thread {
            box.data = readAll(err.fileHandleForReading.fileDescriptor)
            done.signal()
        }.start()
        let outData = readAll(out.fileHandleForReading.fileDescriptor)
        done.wait()
        let errData = box.data
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Waits until no `thidua __worker` process for `store` is left (the workers of a killed importer).
    static func waitForWorkers(of store: String) {
        func running() -> Bool {
            guard let pids = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return false }
            for pid in pids where pid.allSatisfy(\.isNumber) {
                guard let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { continue }
                let args = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
                if args.contains("__worker"), args.contains(store) { return true }
            }
            return false
        }
        while running() { usleep(10_000) }
    }

    /// Reads to the end, retrying reads a signal interrupted (the SIGCHLD of a killed child).
    static func readAll(_ fd: Int32) -> Data {
        var data = Data()
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 { data.append(contentsOf: buf[0..<n]); continue }
            if n < 0, errno == EINTR { continue }
            return data
        }
    }

    /// `count` small plan documents as UTF-8 text, each different.
    static func makeCorpus(_ dir: URL, count: Int) throws -> [String] {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var files: [String] = []
        for i in 0..<count {
            let text = """
                ỦY BAN NHÂN DÂN TỈNH BẮC KẠN
                SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN
                Số: \(i + 1)/KH-SNN
                Bắc Kạn, ngày \(i % 28 + 1) tháng \(i % 12 + 1) năm 2023
                KẾ HOẠCH
                Phát động phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới” đợt \(i)
                I. MỤC ĐÍCH, YÊU CẦU
                Đẩy mạnh phong trào thi đua yêu nước, lần thứ \(i).
                II. NỘI DUNG
                Báo cáo sơ kết trước ngày 20/6/2023.
                GIÁM ĐỐC
                Hà Sỹ Huân

                """
            let f = dir.appendingPathComponent(String(format: "kh-%05d.txt", i))
            try Data(text.utf8).write(to: f)
            files.append(f.path)
        }
        return files
    }
}
