import Foundation

/// A date as a Vietnamese document states it, normalized (RECORD.md, "VnDate").
/// `value` is EDTF; `start`/`end` are the first and last ISO day covered, nil where
/// no calendar year is known. Missing parts stay missing: a blank day is `XX`.
public struct VnDate: Sendable, Equatable, JSONRepresentable {
    public enum Precision: String, Sendable { case day, month, quarter, half, year }
    public enum Relation: String, Sendable { case before, by, after, from, until }
    public enum Recurrence: String, Sendable { case yearly, monthly, quarterly, weekly, daily }

    public var text: String
    public var value: String
    public var start: String?
    public var end: String?
    public var precision: Precision
    public var relation: Relation?
    public var recurrence: Recurrence?

    public init(text: String, value: String, start: String?, end: String?, precision: Precision,
                relation: Relation? = nil, recurrence: Recurrence? = nil) {
        self.text = text
        self.value = value
        self.start = start
        self.end = end
        self.precision = precision
        self.relation = relation
        self.recurrence = recurrence
    }

    public var json: JSONValue {
        .object([
            ("text", .string(text)), ("value", .string(value)), ("start", start.json), ("end", end.json),
            ("precision", .string(precision.rawValue)), ("relation", relation.map { .string($0.rawValue) } ?? .null),
            ("recurrence", recurrence.map { .string($0.rawValue) } ?? .null),
        ])
    }
}

/// The outcome of reading one date expression: a date, or text that reads as a
/// date but is impossible on the calendar ("31/02/2023"), which is never coerced.
public enum VnDateParse: Sendable, Equatable {
    case date(VnDate)
    case invalid(text: String, reason: String)

    public var date: VnDate? { if case let .date(d) = self { return d }; return nil }
}

public struct VnDateMatch: Sendable, Equatable {
    public var range: Range<String.Index>
    public var result: VnDateParse
    public init(range: Range<String.Index>, result: VnDateParse) {
        self.range = range
        self.result = result
    }
}
