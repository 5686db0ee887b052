import ArgumentParser
import Foundation
import ThiduaCore
import ThiduaStore

struct Deadlines: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the milestones with due dates, as a table or an iCalendar (.ics) file to subscribe to.")

    enum OutputFormat: String, ExpressibleByArgument { case table, jsonl, csv, ics }

    @Option(name: .long, help: "Only deadlines on or after this day (YYYY, YYYY-MM or YYYY-MM-DD).")
    var from: String?

    @Option(name: .long, help: "Only deadlines on or before this day (YYYY, YYYY-MM or YYYY-MM-DD).")
    var to: String?

    @Option(name: .long, help: "table (cells cut with … only on a terminal), jsonl, csv or ics.")
    var format: OutputFormat = .table

    @Flag(name: .long, help: "CSV without the UTF-8 byte-order mark.")
    var noBom = false

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(name: .long, help: "The milestones of every file, not of each document's best file only.")
    var allFiles = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open(creating: false)
        defer { store.close() }
        let from = try self.from.map { try DayBound.parse($0, end: false) }
        let to = try self.to.map { try DayBound.parse($0, end: true) }
        let items = try storeCall(store) { try store.milestones(from: from, to: to, allFiles: allFiles) }
        switch format {
        case .ics:
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            var documents: [Int64: CalendarDocument] = [:]
            for id in Set(items.map(\.documentID)) {
                // Files of one document compete: only the best one's milestones become events.
                for d in try storeCall(store, { try store.find(String(id)) }) { documents[d.id] = CalendarDocument(d) }
            }
            try Output.write(ICalendarExport.calendar(items, documents: documents, defaultYear: year), to: output, store: storeOptions.store)
        case .table:
            let clipping = output == nil && Terminal.standardOutput
            let rows = items.map { m in
                [m.dueValue + (m.recurrence.map { " (\($0))" } ?? ""), DocumentTable.clip(m.task, clipping ? 70 : nil),
                 DocumentTable.clip(m.responsible ?? "–", clipping ? 30 : nil), m.number ?? "#\(m.documentID)"]
            }
            try Output.write(DocumentTable.table(["DUE", "TASK", "RESPONSIBLE", "DOCUMENT"], rows) + "\n", to: output, store: storeOptions.store)
        case .jsonl:
            try Output.write(items.map { DeadlineRows.json($0).serialized() + "\n" }.joined(), to: output, store: storeOptions.store)
        case .csv:
            try Output.write((noBom ? "" : CSVExport.byteOrderMark) + CSVExport.line(DeadlineRows.header)
                + items.map { CSVExport.line(DeadlineRows.cells($0)) }.joined(), to: output, store: storeOptions.store)
        }
    }
}
