import ArgumentParser
import Foundation
import ThiduaCore
import ThiduaStore

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a stored document by id or number (text, or the record's JSON).")

    enum OutputFormat: String, ExpressibleByArgument { case text, json }

    @Argument(help: "A document id, its number (56/KH-SNN) or a sha256 prefix.")
    var key: String

    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

    @Flag(name: .long, help: "Show every document the key matches (otherwise several matches are listed, exit 1).")
    var all = false

    @Flag(name: .long, help: "Match every file of a document, not each document once (from its best file).")
    var allFiles = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open(creating: false)
        defer { store.close() }
        let docs = try storeCall(store) { try store.find(key, allFiles: allFiles) }
        guard !docs.isEmpty else {
            Console.fail("thidua: \(key): no such document in \(store.location)")
            throw ExitCode(1)
        }
        // Several matches (one number in several files or versions): list them, pick none.
        if docs.count > 1, !all {
            Console.out(DocumentTable.render(docs, clipping: Terminal.standardOutput))
            Console.fail("thidua: \(key): \(docs.count) documents match; give an id (or --all)")
            throw ExitCode(1)
        }
        for d in docs { try StoredRecordCheck.check(d, store: store) }
        for (i, d) in docs.enumerated() {
            switch format {
            case .json: Console.out(d.recordJSON)
            case .text: Console.out((i > 0 ? "\n" : "") + StoredSummary.text(d))
            }
        }
    }
}

/// A readable summary rendered from the stored JSON (the fields RecordSummary shows).
enum StoredSummary {
    static func text(_ d: StoredDocument) -> String {
        var lines: [String] = []
        func add(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append(label.padding(toLength: 12, withPad: " ", startingAt: 0) + value)
        }
        let r = (try? JSONValue.parse(d.recordJSON)) ?? .null
        func s(_ path: String) -> String? { r.value(at: path)?.stringValue }
        func list(_ path: String) -> [JSONValue] { r.value(at: path)?.arrayValue ?? [] }
        add("Id", "\(d.id)  (version \(d.version)\(d.previousID.map { ", previous \($0)" } ?? ""), imported \(d.importedAt))")
        add("File", "\(d.file) (\(d.format))")
        add("Sha256", d.sha256)
        add("Kind", d.kindName.map { $0 + (d.kindCode.map { " (\($0))" } ?? "") })
        add("Number", d.number)
        add("Issuer", d.issuer.map { $0 + (d.parent.map { " — \($0)" } ?? "") })
        add("Place", d.place)
        add("Date", d.date.map { "\($0)  (\(s("document.date.text") ?? ""))" })
        add("Title", d.title)
        add("Signer", [s("document.signer.title"), s("document.signer.name")].compactMap { $0 }.joined(separator: " / "))
        add("Theme", s("campaign.theme"))
        if d.files.count > 1 {
            lines.append("Files")
            for f in d.files {
                let layer = f.textLayer.map { ", \($0)" } ?? ""
                lines.append("  - \(f.file) (\(f.format)\(layer); id \(f.id))\(f.best ? "  ← read from this one" : "")")
            }
        }
        let sections: [(String, String, (JSONValue) -> String?)] = [
            ("References", "references", { $0["text"]?.stringValue }),
            ("Movements", "campaign.movements", { $0.stringValue }),
            ("Milestones", "campaign.milestones", { m in
                let due = m.value(at: "due.value")?.stringValue ?? m["status"]?.stringValue ?? "—"
                return "[\(due)] \(m["task"]?.stringValue ?? "")"
            }),
            ("Awards", "campaign.awards", { $0["name"]?.stringValue }),
            ("Anniversaries", "campaign.anniversaries", { $0["event"]?.stringValue }),
            ("Diagnostics", "diagnostics", { x in
                "\(x["severity"]?.stringValue ?? ""): \(x["rule"]?.stringValue ?? ""): \(x["message"]?.stringValue ?? "")"
            }),
        ]
        for (label, path, line) in sections {
            let items = list(path).compactMap(line)
            if items.isEmpty { continue }
            lines.append(label)
            for i in items { lines.append("  - \(i)") }
        }
        return lines.joined(separator: "\n")
    }
}
