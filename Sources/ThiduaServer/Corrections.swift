import Foundation
import ThiduaCore
import ThiduaStore

/// `PATCH /v1/documents/{id}`: a JSON Merge Patch of record fields, checked against the
/// schema and the rules before it is stored as a new correction row.
enum Corrections {
    /// Fields a reviewer may correct; the rest (source, evidence, diagnostics) is the machine's account.
    static let correctable: Set<String> = ["document", "references", "campaign", "sections"]

    /// The patch's own problems (422), before anything is merged.
    static func checkShape(_ patch: JSONValue) throws {
        guard case let .object(pairs) = patch else {
            throw APIError(.unprocessableContent, "patch-invalid", "a merge patch is a JSON object of record fields")
        }
        guard !pairs.isEmpty else { throw APIError(.unprocessableContent, "patch-empty", "the patch changes nothing") }
        if let bad = pairs.first(where: { !correctable.contains($0.0) }) {
            throw APIError(.unprocessableContent, "patch-forbidden-field",
                           "\(bad.0) cannot be corrected (only \(correctable.sorted().joined(separator: ", ")))")
        }
    }

    /// Blocking. Merges, validates and stores the patch; the view of the document after it.
    static func apply(_ patch: JSONValue, to view: DocumentView, author: String, state: ServerState) throws -> DocumentView {
        try checkShape(patch)
        let validator = state.pipeline.validator
        let before = view.record
        var after = MergePatch.apply(patch, to: before, keepingNulls: true)
        let diagnostics = validator.revalidate(after)
        after = after.setting("diagnostics", to: .array(diagnostics.map(\.json)))
        let schemaErrors = state.schema.validate(after)
        if !schemaErrors.isEmpty {
            throw APIError(.unprocessableContent, "schema",
                           "the corrected record does not fit the schema: " + schemaErrors.prefix(5).joined(separator: "; "))
        }
        let errorsBefore = Set(validator.revalidate(before).filter { $0.severity == .error }.map { "\($0.rule) \($0.path ?? "")" })
        let introduced = diagnostics.filter { $0.severity == .error && !errorsBefore.contains("\($0.rule) \($0.path ?? "")") }
        if !introduced.isEmpty {
            throw APIError(.unprocessableContent, "rules",
                           "the correction breaks a rule: " + introduced.map { "\($0.rule): \($0.message)" }.joined(separator: "; "))
        }
        _ = try state.store.addCorrection(sha256: view.stored.sha256, documentID: view.stored.id,
                                          patch: patch.serialized(), author: author)
        return try DocumentView.load(view.stored, state: state)
    }
}

/// "2023" → 2023-01-01 (from) or 2023-12-31 (to), as `thidua list` and `thidua deadlines` read them.
enum DayBound {
    static func parse(_ s: String?, end: Bool, name: String) throws -> String? {
        guard let s, !s.isEmpty else { return nil }
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(p.count), p[0].count == 4, p.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            p.dropFirst().allSatisfy({ $0.count == 2 })
        else { throw APIError.badRequest("\(name): not a date: \(s) (YYYY, YYYY-MM or YYYY-MM-DD)") }
        switch p.count {
        case 1: return s + (end ? "-12-31" : "-01-01")
        case 2: return s + (end ? "-31" : "-01")
        default: return s
        }
    }
}
