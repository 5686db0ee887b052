import Foundation

/// The campaign record, schema `thidua.record/1` (../shared/spec/RECORD.md).
/// A field the document does not state is nil (or empty for lists), never a guess.
public struct Record: Sendable, JSONRepresentable {
    public static let schemaID = "thidua.record/1"

    public var source: Source
    public var document: DocumentPart
    public var references: [Reference]
    public var campaign: Campaign
    public var sections: [Section]
    public var diagnostics: [Diagnostic]
    /// Where each field came from, keyed by record path ("document.number").
    public var evidence: [(String, Span)]

    public init(source: Source, document: DocumentPart = .init(), references: [Reference] = [],
                campaign: Campaign = .init(), sections: [Section] = [], diagnostics: [Diagnostic] = [],
                evidence: [(String, Span)] = []) {
        self.source = source
        self.document = document
        self.references = references
        self.campaign = campaign
        self.sections = sections
        self.diagnostics = diagnostics
        self.evidence = evidence
    }

    public var json: JSONValue {
        .object([
            ("schema", .string(Record.schemaID)),
            ("source", source.json),
            ("document", document.json),
            ("references", references.json),
            ("campaign", campaign.json),
            ("sections", sections.json),
            ("diagnostics", diagnostics.json),
            ("evidence", .object(evidence.map { ($0.0, $0.1.json) })),
        ])
    }
}

public struct Source: Sendable, JSONRepresentable {
    public var file: String
    public var sha256: String
    public var format: DocumentFormat
    public var pages: Int?
    public var textLayer: TextLayer?
    public var encoding: String
    public var ocrConfidence: Double?

    public init(file: String, sha256: String, format: DocumentFormat, pages: Int? = nil, textLayer: TextLayer? = nil,
                encoding: String = "utf-8", ocrConfidence: Double? = nil) {
        self.file = file
        self.sha256 = sha256
        self.format = format
        self.pages = pages
        self.textLayer = textLayer
        self.encoding = encoding
        self.ocrConfidence = ocrConfidence
    }

    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("file", .string(file)), ("sha256", .string(sha256)), ("format", .string(format.rawValue)),
            ("pages", pages.json), ("textLayer", textLayer.map { .string($0.rawValue) } ?? .null),
            ("encoding", .string(encoding)),
        ]
        if let ocrConfidence { pairs.append(("ocrConfidence", .double((ocrConfidence * 10).rounded() / 10))) }
        return .object(pairs)
    }
}

public struct Kind: Sendable, Equatable, JSONRepresentable {
    public var code: String?
    public var name: String
    public init(code: String?, name: String) {
        self.code = code
        self.name = name
    }
    public var json: JSONValue { .object([("code", code.json), ("name", .string(name))]) }
}

public struct Issuer: Sendable, Equatable, JSONRepresentable {
    public var name: String
    public var parent: String?
    public init(name: String, parent: String? = nil) {
        self.name = name
        self.parent = parent
    }
    public var json: JSONValue { .object([("name", .string(name)), ("parent", parent.json)]) }
}

public struct Signer: Sendable, Equatable, JSONRepresentable {
    public var name: String?
    public var title: String?
    /// TM | KT | TL | TUQ | Q: the innermost signing prefix.
    public var authority: String?
    /// What the prefix signs for ("Chủ tịch" after KT., "Ủy ban nhân dân" after TM.).
    public var onBehalfOf: String?
    /// Every prefix line in order, for combinations such as TM. UBND / KT. CHỦ TỊCH.
    public var chain: [(prefix: String, of: String)]

    public init(name: String? = nil, title: String? = nil, authority: String? = nil, onBehalfOf: String? = nil,
                chain: [(prefix: String, of: String)] = []) {
        self.name = name
        self.title = title
        self.authority = authority
        self.onBehalfOf = onBehalfOf
        self.chain = chain
    }

    public static func == (a: Signer, b: Signer) -> Bool {
        a.name == b.name && a.title == b.title && a.authority == b.authority && a.onBehalfOf == b.onBehalfOf
            && a.chain.map { $0.prefix + "|" + $0.of } == b.chain.map { $0.prefix + "|" + $0.of }
    }

    public var json: JSONValue {
        .object([
            ("name", name.json), ("title", title.json), ("authority", authority.json), ("onBehalfOf", onBehalfOf.json),
            ("chain", .array(chain.map { .object([("prefix", .string($0.prefix)), ("of", .string($0.of))]) })),
        ])
    }
}

public struct DocumentPart: Sendable, JSONRepresentable {
    public var kind: Kind?
    public var number: DocNumber?
    public var issuer: Issuer?
    public var place: String?
    public var date: VnDate?
    public var title: String?
    public var signer: Signer?
    public var recipients: [String]
    public var archive: String?

    public init(kind: Kind? = nil, number: DocNumber? = nil, issuer: Issuer? = nil, place: String? = nil,
                date: VnDate? = nil, title: String? = nil, signer: Signer? = nil, recipients: [String] = [],
                archive: String? = nil) {
        self.kind = kind
        self.number = number
        self.issuer = issuer
        self.place = place
        self.date = date
        self.title = title
        self.signer = signer
        self.recipients = recipients
        self.archive = archive
    }

    public var json: JSONValue {
        .object([
            ("kind", kind.json), ("number", number.json), ("issuer", issuer.json), ("place", place.json),
            ("date", date.json), ("title", title.json), ("signer", signer.json), ("recipients", recipients.json),
            ("archive", archive.json),
        ])
    }
}

public struct Reference: Sendable, Equatable, JSONRepresentable {
    public var text: String
    public var kind: Kind?
    public var number: DocNumber
    public var date: VnDate?
    public var issuer: String?

    public init(text: String, kind: Kind?, number: DocNumber, date: VnDate?, issuer: String?) {
        self.text = text
        self.kind = kind
        self.number = number
        self.date = date
        self.issuer = issuer
    }

    public var json: JSONValue {
        .object([
            ("text", .string(text)), ("kind", kind.json), ("number", number.json), ("date", date.json),
            ("issuer", issuer.json),
        ])
    }
}

public struct Milestone: Sendable, Equatable, JSONRepresentable {
    public var task: String
    public var responsible: String?
    public var due: VnDate?
    public var status: String?
    /// The time as written ("Trước ngày 20/6/2023", "Thường xuyên").
    public var text: String?

    public init(task: String, responsible: String? = nil, due: VnDate? = nil, status: String? = nil, text: String? = nil) {
        self.task = task
        self.responsible = responsible
        self.due = due
        self.status = status
        self.text = text
    }

    public var json: JSONValue {
        .object([
            ("task", .string(task)), ("responsible", responsible.json), ("due", due.json), ("status", status.json),
            ("text", text.json),
        ])
    }
}

public struct Award: Sendable, Equatable, JSONRepresentable {
    public enum AwardType: String, Sendable { case award, title }
    public var type: AwardType
    public var name: String
    public var grantor: String?
    public var quota: String?

    public init(type: AwardType, name: String, grantor: String? = nil, quota: String? = nil) {
        self.type = type
        self.name = name
        self.grantor = grantor
        self.quota = quota
    }

    public var json: JSONValue {
        .object([("type", .string(type.rawValue)), ("name", .string(name)), ("grantor", grantor.json), ("quota", quota.json)])
    }
}

public struct Anniversary: Sendable, Equatable, JSONRepresentable {
    public var event: String
    public var years: Int?
    public var date: VnDate?
    public var since: VnDate?

    public init(event: String, years: Int?, date: VnDate?, since: VnDate?) {
        self.event = event
        self.years = years
        self.date = date
        self.since = since
    }

    public var json: JSONValue {
        .object([("event", .string(event)), ("years", years.json), ("date", date.json), ("since", since.json)])
    }
}

public struct Campaign: Sendable, JSONRepresentable {
    public var theme: String?
    public var period: VnDate?
    public var movements: [String]
    public var milestones: [Milestone]
    public var awards: [Award]
    public var anniversaries: [Anniversary]

    public init(theme: String? = nil, period: VnDate? = nil, movements: [String] = [], milestones: [Milestone] = [],
                awards: [Award] = [], anniversaries: [Anniversary] = []) {
        self.theme = theme
        self.period = period
        self.movements = movements
        self.milestones = milestones
        self.awards = awards
        self.anniversaries = anniversaries
    }

    public var json: JSONValue {
        .object([
            ("theme", theme.json), ("period", period.json), ("movements", movements.json),
            ("milestones", milestones.json), ("awards", awards.json), ("anniversaries", anniversaries.json),
        ])
    }
}

public struct Section: Sendable, Equatable, JSONRepresentable {
    public var label: String
    public var heading: String
    public var level: Int
    public var children: [Section]

    public init(label: String, heading: String, level: Int, children: [Section] = []) {
        self.label = label
        self.heading = heading
        self.level = level
        self.children = children
    }

    public var json: JSONValue {
        .object([("label", .string(label)), ("heading", .string(heading)), ("level", .int(level)), ("children", children.json)])
    }
}

/// A value and where in the page text it was read: extractors return these, and the
/// record's `evidence` is derived from them, never assembled by hand.
public struct Located<Value> {
    public var value: Value
    public var span: Span?
    public init(_ value: Value, _ span: Span?) {
        self.value = value
        self.span = span
    }
    public func map<T>(_ f: (Value) -> T) -> Located<T> { Located<T>(f(value), span) }
}

extension Located: Sendable where Value: Sendable {}
