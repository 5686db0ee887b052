import Foundation

/// A readable summary of a record for a person at a terminal.
public enum RecordSummary {
    public static func text(_ r: Record) -> String {
        var lines: [String] = []
        let d = r.document
        func add(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append(label.padding(toLength: 12, withPad: " ", startingAt: 0) + value)
        }
        add("File", "\(r.source.file) (\(r.source.format.rawValue)\(r.source.pages.map { ", \($0) pages" } ?? ""))")
        add("Kind", d.kind.map { $0.name + ($0.code.map { " (\($0))" } ?? "") })
        add("Number", d.number?.canonical)
        add("Issuer", d.issuer.map { $0.name + ($0.parent.map { " — \($0)" } ?? "") })
        add("Place", d.place)
        add("Date", d.date.map { "\($0.value)  (\($0.text))" })
        add("Title", d.title)
        if let s = d.signer {
            let who = [s.authority.map { "\($0). \(s.onBehalfOf ?? "")" }, s.title, s.name].compactMap { $0 }
            add("Signer", who.joined(separator: " / "))
        }
        if !d.recipients.isEmpty { add("Recipients", d.recipients.joined(separator: "; ")) }
        add("Archive", d.archive)
        if !r.references.isEmpty {
            lines.append("References")
            for ref in r.references {
                lines.append("  - \(ref.kind?.name ?? "?") \(ref.number.canonical)\(ref.date.map { " (\($0.value))" } ?? "")")
            }
        }
        let c = r.campaign
        add("Theme", c.theme)
        add("Period", c.period.map { "\($0.value)  (\($0.text))" })
        if !c.movements.isEmpty {
            lines.append("Movements")
            for m in c.movements { lines.append("  - \(m)") }
        }
        if !c.milestones.isEmpty {
            lines.append("Milestones")
            for m in c.milestones {
                lines.append("  - [\(m.due?.value ?? m.status ?? "—")] \(m.task)\(m.responsible.map { " — \($0)" } ?? "")")
            }
        }
        if !c.awards.isEmpty {
            lines.append("Awards")
            for a in c.awards { lines.append("  - \(a.name)\(a.grantor.map { " (\($0))" } ?? "")\(a.quota.map { ": \($0)" } ?? "")") }
        }
        if !c.anniversaries.isEmpty {
            lines.append("Anniversaries")
            for a in c.anniversaries { lines.append("  - \(a.years.map { "\($0) năm " } ?? "")\(a.event)\(a.date.map { " (\($0.value))" } ?? "")") }
        }
        if !r.sections.isEmpty {
            lines.append("Outline")
            func walk(_ s: [Section], _ depth: Int) {
                for x in s {
                    lines.append(String(repeating: "  ", count: depth + 1) + "\(x.label). \(x.heading)")
                    if depth < 1 { walk(x.children, depth + 1) }
                }
            }
            walk(r.sections, 0)
        }
        if !r.diagnostics.isEmpty {
            lines.append("Diagnostics")
            for x in r.diagnostics { lines.append("  \(x.severity.rawValue): \(x.rule): \(x.message)") }
        }
        return lines.joined(separator: "\n")
    }
}
