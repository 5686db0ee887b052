import ArgumentParser
import Foundation
import ThiduaCore
import ThiduaStore

struct Deadlines: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the milestones with due dates, as a table or an iCalendar (.ics) file to subscribe to.")

    enum OutputFormat: String, ExpressibleByArgument { case table, ics }

    @Option(name: .long, help: "Only deadlines on or after this day (YYYY, YYYY-MM or YYYY-MM-DD).")
    var from: String?

    @Option(name: .long, help: "Only deadlines on or before this day (YYYY, YYYY-MM or YYYY-MM-DD).")
    var to: String?

    @Option(name: .long, help: "table or ics.")
    var format: OutputFormat = .table

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open(creating: false)
        defer { store.close() }
        let from = try self.from.map { try DayBound.parse($0, end: false) }
        let to = try self.to.map { try DayBound.parse($0, end: true) }
        let items = try storeCall(store) { try store.milestones(from: from, to: to) }
        switch format {
        case .ics:
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            try Output.write(ICalendarExport.calendar(items, defaultYear: year), to: output, store: storeOptions.store)
        case .table:
            let rows = items.map { m in
                [m.dueValue + (m.recurrence.map { " (\($0))" } ?? ""), DocumentTable.clip(m.task, 70),
                 DocumentTable.clip(m.responsible ?? "–", 30), m.number ?? "#\(m.documentID)"]
            }
            try Output.write(DocumentTable.table(["DUE", "TASK", "RESPONSIBLE", "DOCUMENT"], rows) + "\n", to: output, store: storeOptions.store)
        }
    }
}
