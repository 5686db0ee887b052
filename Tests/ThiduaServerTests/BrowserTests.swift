import Foundation
import Testing
import ThiduaCore

/// W3C WebDriver over HTTP, spoken to Debian's chromedriver driving headless Chromium.
final class WebDriver: @unchecked Sendable {
    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"
    let process: Process
    let base: String
    private(set) var session = ""

    static var installed: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
    }

    init() async throws {
        let port = LiveServer.freePort()
        base = "http://127.0.0.1:\(port)"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chromedriver")
        process.arguments = ["--port=\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if (try? await send("GET", "/status"))?.value(at: "value.ready") == .bool(true) { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let caps: JSONValue = .object([("capabilities", .object([("alwaysMatch", .object([
            ("goog:chromeOptions", .object([
                ("binary", .string("/usr/bin/chromium")),
                ("args", .array(["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                 "--window-size=1400,900", "--lang=vi"].map(JSONValue.string))),
            ])),
        ]))]))])
        let created: JSONValue
        do { created = try await send("POST", "/session", caps) } catch {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw error
        }
        guard let id = created.value(at: "value.sessionId")?.stringValue else { throw HTTPFailure("no WebDriver session: \(created.serialized())") }
        session = id
    }

    /// One WebDriver command.
    @discardableResult
    func send(_ method: String, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
        let r = try await HTTP.call(method, base + path, body: body.map { Data($0.serialized().utf8) },
                                    headers: ["Content-Type": "application/json"])
        guard r.status == 200 else { throw HTTPFailure("WebDriver \(method) \(path) → \(r.status): \(String(decoding: r.body, as: UTF8.self))") }
        return r.json
    }

    func s(_ path: String) -> String { "/session/\(session)" + path }
    func open(_ url: String) async throws { try await send("POST", s("/url"), .object([("url", .string(url))])) }

    func find(_ css: String) async throws -> String? {
        let all = try await send("POST", s("/elements"), .object([("using", .string("css selector")), ("value", .string(css))]))
        return all["value"]?.arrayValue?.first?[Self.elementKey]?.stringValue
    }

    func count(_ css: String) async throws -> Int {
        try await send("POST", s("/elements"), .object([("using", .string("css selector")), ("value", .string(css))]))["value"]?
            .arrayValue?.count ?? 0
    }

    func text(_ element: String) async throws -> String {
        try await send("GET", s("/element/\(element)/text"))["value"]?.stringValue ?? ""
    }

    func click(_ element: String) async throws { try await send("POST", s("/element/\(element)/click"), .object([])) }
    func clear(_ element: String) async throws { try await send("POST", s("/element/\(element)/clear"), .object([])) }
    func type(_ element: String, _ text: String) async throws {
        try await send("POST", s("/element/\(element)/value"), .object([("text", .string(text))]))
    }

    func script(_ js: String) async throws -> JSONValue {
        try await send("POST", s("/execute/sync"), .object([("script", .string(js)), ("args", .array([]))]))["value"] ?? .null
    }

    func screenshot() async throws -> Data? {
        try await send("GET", s("/screenshot"))["value"]?.stringValue.flatMap { Data(base64Encoded: $0) }
    }

    /// Polls `condition` for up to `seconds`.
    func wait(seconds: Double = 15, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? await condition()) == true { return true }
            try await Task.sleep(nanoseconds: 150_000_000)
        }
        return false
    }

    func quit() async {
        if !session.isEmpty { _ = try? await send("DELETE", s("")) }
        // chromedriver does not stop on SIGTERM.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// The review page in real headless Chromium: evidence marks, click to evidence, a correction
/// saved through the page and seen after a reload, and a document's `<script>` that never runs.
@Suite(.serialized) struct BrowserTests {
    static let newTitle = "Kế hoạch hoạt động Khối thi đua năm 2023 — đã soát"

    @Test func reviewPageRoundTripsACorrection() async throws {
        guard WebDriver.installed else {
            Issue.record("chromium and chromium-driver are not installed (scripts/setup.sh --test installs them)")
            return
        }
        let server = try LiveServer(["--jobs", "1"])
        try await server.waitUntilUp()
        let imported = try await HTTP.call("POST", server.base + "/v1/documents?name=kh-56.pdf", body: try Paths.seed("doc.pdf"))
        let id = try #require(imported.json["id"]?.intValue, "\(String(decoding: imported.body, as: UTF8.self))")
        var hostile = try String(decoding: Paths.seed("doc.txt"), as: UTF8.self)
        hostile += "\n<script>window.__pwned = 1; document.title = 'pwned'</script><img src=x onerror=\"window.__pwned = 2\">\n"
        let hostileID = try #require(try await HTTP.call("POST", server.base + "/v1/documents?name=hostile.txt", body: Data(hostile.utf8))
            .json["id"]?.intValue)

        let browser = try await WebDriver()
        do {
            try await browser.open(server.base + "/documents/\(id)")
            #expect(try await browser.count("mark[data-field]") >= 10)
            let number = try #require(try await browser.find("mark[data-field=\"document.number\"]"))
            #expect(try await browser.text(number).contains("KH"))

            // A field's link scrolls to (and focuses) its evidence.
            let link = try #require(try await browser.find("a.jump[data-target=\"document.number\"]"))
            try await browser.click(link)
            #expect(try await browser.script("return document.activeElement.getAttribute('data-field')") == .string("document.number"))

            let who = try #require(try await browser.find("#reviewer"))
            try await browser.type(who, "Nguyễn Thị Lan")
            let input = try #require(try await browser.find("form.edit[data-path=\"document.title\"] input[name=value]"))
            try await browser.clear(input)
            try await browser.type(input, Self.newTitle)
            _ = try await browser.script("document.getElementById('reviewer').dispatchEvent(new Event('change'))")
            try await browser.click(try #require(try await browser.find("form.edit[data-path=\"document.title\"] button")))
            let saved = try await browser.wait {
                try await browser.script("return document.querySelector('tr[data-path=\"document.title\"] .provenance') !== null") == .bool(true)
            }
            #expect(saved)
            try await browser.open(server.base + "/documents/\(id)")
            let value = try #require(try await browser.find("tr[data-path=\"document.title\"] .value"))
            #expect(try await browser.text(value) == Self.newTitle)
            let provenance = try #require(try await browser.find("tr[data-path=\"document.title\"] .provenance"))
            #expect(try await browser.text(provenance).contains("Nguyễn Thị Lan"))
            if let png = try await browser.screenshot(), let out = ProcessInfo.processInfo.environment["THIDUA_SCREENSHOT"] {
                try png.write(to: URL(fileURLWithPath: out))
            }

            // A document's own markup is text: its script never runs.
            try await browser.open(server.base + "/documents/\(hostileID)")
            #expect(try await browser.script("return typeof window.__pwned") == .string("undefined"))
            #expect(try await browser.script("return document.title.startsWith('pwned')") == .bool(false))
            #expect(try await browser.script("return document.querySelector('pre.page').textContent.includes('<script>window.__pwned')") == .bool(true))
            #expect(try await browser.count("pre.page script, pre.page img") == 0)
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
        _ = server.stopAndReadLog()
    }
}
