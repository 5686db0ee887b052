import Foundation
import Testing
import ThiduaCore
@testable import ThiduaStore

/// `deadlines --format ics` read back by the icalendar package (a real RFC 5545 parser).
@Suite(.serialized)
struct CalendarTests {
    static let readICS = """
        import json, sys, icalendar
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        out = []
        for e in cal.walk('VEVENT'):
            rr = e.get('RRULE')
            out.append({'uid': str(e['UID']), 'start': e.decoded('DTSTART').isoformat(),
                        'end': e.decoded('DTEND').isoformat(), 'summary': str(e['SUMMARY']),
                        'description': str(e.get('DESCRIPTION', '')),
                        'rrule': rr.to_ical().decode() if rr else None})
        print(json.dumps({'version': str(cal['VERSION']), 'prodid': str(cal['PRODID']), 'events': out}))
        """

    struct Event {
        var uid, start, end, summary, description: String
        var rrule: String?
    }

    func events(_ t: TestStore, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Event] {
        let file = t.dir.appendingPathComponent("\(UUID().uuidString).ics").path
        let r = try CLI.run(["deadlines", "--format", "ics", "-o", file, "--store", t.location])
        #expect(r.status == 0, "\(r.stderr)", sourceLocation: sourceLocation)
        guard let json = try Python.json(Self.readICS, [file], sourceLocation: sourceLocation) else { return [] }
        #expect(json["version"]?.stringValue == "2.0", sourceLocation: sourceLocation)
        return (json["events"]?.arrayValue ?? []).map { e in
            Event(uid: e["uid"]?.stringValue ?? "", start: e["start"]?.stringValue ?? "", end: e["end"]?.stringValue ?? "",
                  summary: e["summary"]?.stringValue ?? "", description: e["description"]?.stringValue ?? "",
                  rrule: e["rrule"]?.stringValue)
        }
    }

    /// The sample plan, with a campaign period 2023–2025.
    static func plan(_ seed: String, file: String, ocr: Bool = false) -> Record {
        var r = Samples.record(seed, file: file)
        r.campaign.period = VnDate(text: "giai đoạn 2023 - 2025", value: "2023/2025", start: "2023-01-01",
                                   end: "2025-12-31", precision: .year)
        if ocr { r.source.textLayer = .ocr }
        return r
    }

    @Test func oneEventPerMilestoneOfADocumentWhateverItsFiles() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(.sqlite) else { return }
        // The same plan as a text PDF and as a scan: one document.
        _ = try t.store.save(Self.plan("pdf", file: "in/kh-56.pdf"), path: "/in/kh-56.pdf", fullText: "")
        var scan = Self.plan("scan", file: "in/kh-56-scan.pdf", ocr: true)
        scan.campaign.milestones[0].task = "Báo cáo sơ kết; gửi Sở, Ban, nganh"  // an OCR slip
        _ = try t.store.save(scan, path: "/in/kh-56-scan.pdf", fullText: "")
        let evs = try events(t)
        #expect(evs.count == 3, "\(evs.map(\.summary))")
        #expect(Set(evs.map(\.uid)).count == 3)
        #expect(evs.contains { $0.summary == "Báo cáo sơ kết; gửi Sở, Ban, ngành" }, "the text layer wins over OCR")

        let june = try #require(evs.first { $0.summary.hasPrefix("Báo cáo sơ kết") })
        #expect(june.start == "2023-06-20" && june.end == "2023-06-21")
        // Quý IV (three months) is one event on its last day, the start in the description.
        let quarter = try #require(evs.first { $0.summary == "Tổng kết, khen thưởng" })
        #expect(quarter.start == "2023-12-31" && quarter.end == "2024-01-01")
        #expect(quarter.description.contains("2023-10-01"))
        #expect(quarter.rrule == nil)
        // The yearly report recurs until the campaign period ends.
        let yearly = try #require(evs.first { $0.summary == "Gửi báo cáo thi đua hằng năm" })
        #expect(yearly.start == "2023-12-15")
        #expect(yearly.rrule == "FREQ=YEARLY;UNTIL=20251231")
    }

    @Test func aReissuedFileKeepsItsEventsUIDs() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let first = try TestStore.make(.sqlite), let second = try TestStore.make(.sqlite) else { return }
        _ = try first.store.save(Self.plan("v1", file: "in/kh-56.pdf"), path: "/in/kh-56.pdf", fullText: "")
        // Re-issued: other bytes and name, a task added before the others, one moved.
        var reissued = Self.plan("v2", file: "in/kh-56-ban-hanh-lai.docx")
        var ms = reissued.campaign.milestones
        ms.insert(Milestone(task: "Phát động thi đua", due: Samples.date("2023-04-01")), at: 0)
        ms.swapAt(1, 2)
        reissued.campaign.milestones = ms
        _ = try second.store.save(reissued, path: "/in/kh-56-ban-hanh-lai.docx", fullText: "")
        let before = Dictionary(uniqueKeysWithValues: try events(first).map { ($0.summary, $0.uid) })
        let after = Dictionary(uniqueKeysWithValues: try events(second).map { ($0.summary, $0.uid) })
        #expect(before.count == 3 && after.count == 4)
        for (task, uid) in before { #expect(after[task] == uid, "\(task)") }

        // Another document (another number) never shares a UID.
        guard let third = try TestStore.make(.sqlite) else { return }
        var other = Self.plan("other", file: "in/kh-57.pdf")
        other.document.number?.canonical = "57/KH-SNN"
        other.document.number?.text = "57/KH-SNN"
        _ = try third.store.save(other, path: "/in/kh-57.pdf", fullText: "")
        #expect(Set(try events(third).map(\.uid)).isDisjoint(with: before.values))
    }

    /// In one store: the re-issued file (another name, other bytes) is a second file of the
    /// document, and the newest file's events replace the old ones under the same UIDs.
    @Test func aReissuedFileInTheSameStoreUpdatesItsEvents() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let t = try TestStore.make(.sqlite) else { return }
        _ = try t.store.save(Self.plan("v1", file: "in/kh-56.pdf"), path: "/in/kh-56.pdf", fullText: "")
        let before = try events(t)
        var reissued = Self.plan("v2", file: "in/kh-56-ban-hanh-lai.docx")
        reissued.campaign.milestones[0].due = Samples.date("2023-06-25")  // the deadline moved
        _ = try t.store.save(reissued, path: "/in/kh-56-ban-hanh-lai.docx", fullText: "")
        let after = try events(t)
        #expect(after.count == before.count)
        #expect(Set(after.map(\.uid)) == Set(before.map(\.uid)))
        let moved = try #require(after.first { $0.summary.hasPrefix("Báo cáo sơ kết") })
        #expect(moved.start == "2023-06-25")
    }

    @Test func aDraftIsKnownByIssuerDateAndTitle() throws {
        guard CLI.binary != nil else { Issue.record("thidua binary not built"); return }
        guard let first = try TestStore.make(.sqlite), let second = try TestStore.make(.sqlite) else { return }
        func draft(_ seed: String, _ file: String, title: String) -> Record {
            var r = Self.plan(seed, file: file)
            r.document.number = nil
            r.document.title = title
            return r
        }
        // Two files of one draft (no number: the same issuer, date and title) and another draft.
        _ = try first.store.save(draft("draft-a", "in/a.txt", title: "Dự thảo kế hoạch"), path: "/in/a.txt", fullText: "")
        _ = try first.store.save(draft("draft-b", "in/b.pdf", title: "Dự thảo kế hoạch"), path: "/in/b.pdf", fullText: "")
        _ = try first.store.save(draft("draft-c", "in/c.txt", title: "Dự thảo khác"), path: "/in/c.txt", fullText: "")
        let evs = try events(first)
        #expect(evs.count == 6)
        #expect(Set(evs.map(\.uid)).count == 6)
        // The draft re-issued in another file keeps its events' UIDs.
        _ = try second.store.save(draft("draft-d", "in/d.docx", title: "DỰ THẢO KẾ HOẠCH"), path: "/in/d.docx", fullText: "")
        let again = Set(try events(second).map(\.uid))
        #expect(again.count == 3)
        #expect(again.isSubset(of: Set(evs.map(\.uid))))
    }
}
