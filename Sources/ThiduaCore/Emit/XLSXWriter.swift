import Foundation
import ZIPFoundation

/// A minimal Office Open XML workbook (ECMA-376): one worksheet per table, strings
/// inline (no shared-string table), days as date serials in a yyyy-mm-dd style,
/// lines inside a cell wrapped, the header row bold and frozen.
public enum XLSXWriter {
    public struct Sheet: Sendable {
        public var name: String
        public var header: [String]
        public var rows: [[ExportCell]]
        public init(name: String, header: [String], rows: [[ExportCell]]) {
            self.name = name
            self.header = header
            self.rows = rows
        }
    }

    /// Excel's limit on the characters of one cell; longer text is cut there.
    static let maxCellCharacters = 32_767

    public static func workbook(_ sheets: [Sheet]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(sheets.count)),
            ("_rels/.rels", rootRelationships),
            ("docProps/app.xml", appProperties),
            ("xl/workbook.xml", workbookXML(sheets)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheets.count)),
            ("xl/styles.xml", styles),
        ]
        for (i, s) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", worksheet(s))) }
        for (path, xml) in parts {
            let data = Data(xml.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: Date(timeIntervalSince1970: 315_532_800), compressionMethod: .deflate) {
                position, size in data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw ThiduaError(.internalError, "the workbook could not be written") }
        return data
    }

    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    static func contentTypes(_ n: Int) -> String {
        header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
            + (1...max(n, 1)).prefix(n).map {
                #"<Override PartName="/xl/worksheets/sheet\#($0).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            }.joined()
            + "</Types>"
    }

    static let rootRelationships = header
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#
        + "</Relationships>"

    static let appProperties = header
        + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#
        + "<Application>thidua \(ThiduaVersion.string)</Application></Properties>"

    static func workbookXML(_ sheets: [Sheet]) -> String {
        header + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
            + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
            + sheets.enumerated().map { i, s in
                #"<sheet name="\#(escape(sheetName(s.name)))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
            }.joined()
            + "</sheets></workbook>"
    }

    static func workbookRelationships(_ n: Int) -> String {
        header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + (0..<n).map { i in
                #"<Relationship Id="rId\#(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
            }.joined()
            + #"<Relationship Id="rId\#(n + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
            + "</Relationships>"
    }

    /// Cell styles by index: 0 plain, 1 a day (yyyy-mm-dd), 2 wrapped text, 3 the bold header.
    static let styles = header
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    static func worksheet(_ s: Sheet) -> String {
        var xml = header + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            + #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetData>"#
        xml += "<row r=\"1\">"
        for (c, name) in s.header.enumerated() { xml += inlineString(ref: column(c) + "1", name, style: 3) }
        xml += "</row>"
        for (i, row) in s.rows.enumerated() {
            let r = i + 2
            xml += "<row r=\"\(r)\">"
            for (c, cell) in row.enumerated() {
                let ref = column(c) + String(r)
                switch cell {
                case .empty: continue
                case let .number(n): xml += "<c r=\"\(ref)\"><v>\(n)</v></c>"
                case let .date(iso):
                    if let day = ISODay(iso) {
                        xml += "<c r=\"\(ref)\" s=\"1\"><v>\(serial(day))</v></c>"
                    } else {
                        xml += inlineString(ref: ref, iso, style: 0)
                    }
                case let .text(t): xml += inlineString(ref: ref, t, style: t.contains("\n") ? 2 : 0)
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    static func inlineString(ref: String, _ text: String, style: Int) -> String {
        let cut = text.count > maxCellCharacters ? String(text.prefix(maxCellCharacters)) : text
        return "<c r=\"\(ref)\"" + (style > 0 ? " s=\"\(style)\"" : "")
            + " t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(cut))</t></is></c>"
    }

    /// Excel's day number: days since 1899-12-30 (so that 1900-03-01 is 61, past the
    /// leap day 1900 never had).
    public static func serial(_ d: ISODay) -> Int { d.daysSinceEpoch + 25_569 }

    /// 0 → A, 25 → Z, 26 → AA.
    static func column(_ i: Int) -> String {
        var n = i + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// At most 31 characters, none of : \ / ? * [ ].
    static func sheetName(_ s: String) -> String {
        String(s.filter { !":\\/?*[]".contains($0) }.prefix(31))
    }

    /// XML text: markup characters escaped, and characters XML 1.0 cannot hold dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
