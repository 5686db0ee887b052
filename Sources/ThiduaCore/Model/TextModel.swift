import Foundation

/// The formats thidua reads, chosen by content sniffing (see `FormatDetector`).
public enum DocumentFormat: String, Sendable, CaseIterable {
    case pdf, docx, odt, html, markdown, text, rtf, doc
    /// A PNG, JPEG or TIFF: a photographed or scanned page, read through OCR.
    case image
}

/// Where a PDF's text came from.
public enum TextLayer: String, Sendable {
    case native, ocr, none
}

/// Where a piece of text sits in the normalized page text that thidua builds
/// (`thidua text FILE` prints it). Offsets count Unicode scalars; `page` is 1-based.
public struct Span: Sendable, Equatable, JSONRepresentable {
    public var page: Int
    public var start: Int
    public var end: Int
    public init(page: Int, start: Int, end: Int) {
        self.page = page
        self.start = start
        self.end = end
    }
    public var json: JSONValue { .object([("page", .int(page)), ("start", .int(start)), ("end", .int(end))]) }

    /// From the start of the first to the end of the last, where both are on one page.
    public static func covering(_ spans: [Span?]) -> Span? {
        let s = spans.compactMap { $0 }
        guard let first = s.first else { return nil }
        let same = s.filter { $0.page == first.page }
        return Span(page: first.page, start: same.map(\.start).min()!, end: same.map(\.end).max()!)
    }
}

/// A run of text on one visual line. Decoders that know geometry (PDF, OCR)
/// give its horizontal extent in points, so that the two columns of the header
/// and of the closing block can be told apart.
public struct Segment: Sendable, Equatable {
    public var text: String
    public var x0: Double?
    public var x1: Double?
    public var bold: Bool
    /// Font name where the format gives one (legacy-encoding evidence).
    public var font: String?
    /// Filled in by the Repair stage: where the segment sits in its page text.
    public var span: Span?

    public init(_ text: String, x0: Double? = nil, x1: Double? = nil, bold: Bool = false, font: String? = nil) {
        self.text = text
        self.x0 = x0
        self.x1 = x1
        self.bold = bold
        self.font = font
    }
}

public enum Alignment: String, Sendable {
    case left, center, right, justify
}

/// One visual line (or, for formats without lines, one paragraph) of the document.
/// Several segments mean text standing side by side with a wide gap between
/// (two columns, or cells of a text table).
public struct Row: Sendable, Equatable {
    public var segments: [Segment]
    public var page: Int
    public var alignment: Alignment?
    /// Markdown `#` depth or a Word heading level.
    public var headingLevel: Int?
    /// Width of the page's text area in the decoder's unit, where known (PDF).
    public var pageWidth: Double?
    /// Left and right edges of the body text on that page, where known (PDF).
    public var marginLeft: Double?
    public var marginRight: Double?
    /// True where the source says this row is a whole paragraph (DOCX, HTML, unwrapped text):
    /// the reflow must not join it with its neighbours.
    public var isParagraph: Bool

    public init(segments: [Segment], page: Int = 1, alignment: Alignment? = nil, headingLevel: Int? = nil,
                pageWidth: Double? = nil, marginLeft: Double? = nil, marginRight: Double? = nil, isParagraph: Bool = false) {
        self.segments = segments
        self.page = page
        self.alignment = alignment
        self.headingLevel = headingLevel
        self.pageWidth = pageWidth
        self.marginLeft = marginLeft
        self.marginRight = marginRight
        self.isParagraph = isParagraph
    }

    public init(_ text: String, page: Int = 1) {
        self.init(segments: [Segment(text)], page: page)
    }

    /// The row's text, segments joined by a space.
    public var text: String { segments.count == 1 ? segments[0].text : segments.map(\.text).joined(separator: " ") }
}

/// A table cell: its lines in order.
public struct TableCell: Sendable, Equatable {
    public var segments: [Segment]
    public init(segments: [Segment]) { self.segments = segments }
    public init(_ text: String) { self.segments = [Segment(text)] }
    public var text: String { segments.map(\.text).joined(separator: " ") }
}

public struct Table: Sendable, Equatable {
    public var rows: [[TableCell]]
    public var page: Int
    public init(rows: [[TableCell]], page: Int = 1) {
        self.rows = rows
        self.page = page
    }
}

public enum Block: Sendable, Equatable {
    case row(Row)
    case table(Table)

    public var page: Int {
        switch self {
        case let .row(r): return r.page
        case let .table(t): return t.page
        }
    }
}

/// What a decoder gives: the document's text as blocks in reading order, with
/// what it knows of the source.
public struct DecodedDocument: Sendable {
    public var format: DocumentFormat
    public var blocks: [Block]
    /// Page count for paged formats, nil otherwise.
    public var pageCount: Int?
    public var textLayer: TextLayer?
    /// What the bytes were decoded from: utf-8, utf-16, tcvn3, vni, viscii, windows-1258, …
    public var encoding: String
    /// Findings of the decoder (no text layer, OCR confidence, …).
    public var diagnostics: [Diagnostic]
    /// Mean OCR confidence (0–100) where pages were recognized.
    public var ocrConfidence: Double?

    public init(format: DocumentFormat, blocks: [Block], pageCount: Int? = nil, textLayer: TextLayer? = nil,
                encoding: String = "utf-8", diagnostics: [Diagnostic] = [], ocrConfidence: Double? = nil) {
        self.format = format
        self.blocks = blocks
        self.pageCount = pageCount
        self.textLayer = textLayer
        self.encoding = encoding
        self.diagnostics = diagnostics
        self.ocrConfidence = ocrConfidence
    }
}
