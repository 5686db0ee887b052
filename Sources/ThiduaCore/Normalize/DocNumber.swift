import Foundation

/// The "số và ký hiệu" of a document (RECORD.md, "DocNumber").
public struct DocNumber: Sendable, Equatable, JSONRepresentable {
    public enum Style: String, Sendable { case state, party }

    /// As printed (trimmed, without the "Số:" label).
    public var text: String
    /// The serial with its leading zeros; nil where a draft left it blank.
    public var serial: String?
    public var year: Int?
    /// Kind code (KH, QĐ, CT, …) where the number has one.
    public var kind: String?
    public var issuers: [String]
    public var canonical: String
    public var style: Style
    /// False where the number breaks the rules of its style but was still read
    /// ("259/KH/TU": a Party number written state-style).
    public var wellFormed: Bool

    public init(text: String, serial: String?, year: Int?, kind: String?, issuers: [String], canonical: String,
                style: Style, wellFormed: Bool = true) {
        self.text = text
        self.serial = serial
        self.year = year
        self.kind = kind
        self.issuers = issuers
        self.canonical = canonical
        self.style = style
        self.wellFormed = wellFormed
    }

    public var json: JSONValue {
        .object([
            ("text", .string(text)), ("serial", serial.json), ("year", year.json), ("kind", kind.json),
            ("issuers", issuers.json), ("canonical", .string(canonical)), ("style", .string(style.rawValue)),
        ])
    }
}

public struct DocNumberMatch: Sendable, Equatable {
    public var range: Range<String.Index>
    public var number: DocNumber
    public init(range: Range<String.Index>, number: DocNumber) {
        self.range = range
        self.number = number
    }
}
