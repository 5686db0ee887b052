import Foundation

/// Chooses the decoder by what the bytes are, never by the file's name.
public enum FormatDetector {
    public static func detect(_ data: Data) throws -> DocumentFormat {
        guard !data.isEmpty else { throw ThiduaError(.empty, "empty file") }
        let head = [UInt8](data.prefix(4096))
        if head.starts(with: Array("%PDF".utf8)) { return .pdf }
        // A PDF may have a few bytes of junk before its header (allowed in the first 1024).
        if let r = find(Array("%PDF-".utf8), in: head), r < 1024 { return .pdf }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return try zipKind(data)
        }
        if isImage(head) { return .image }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .doc }
        if head.starts(with: Array("{\\rtf".utf8)) { return .rtf }
        if looksLikeHTML(head) { return .html }
        return .text
    }

    /// PNG, JPEG (any APP marker) and TIFF in either byte order.
    static func isImage(_ head: [UInt8]) -> Bool {
        head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) || head.starts(with: [0xFF, 0xD8, 0xFF])
            || head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A])
    }

    /// Text formats are told apart after decoding (Markdown marks); here: text.
    static func looksLikeHTML(_ head: [UInt8]) -> Bool {
        var bytes = head
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let prefix = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        let trimmed = prefix.drop(while: { $0.isWhitespace })
        if trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") { return true }
        if trimmed.hasPrefix("<?xml"), prefix.contains("<html") { return true }
        if trimmed.hasPrefix("<"), prefix.contains("<head") || prefix.contains("<body") || prefix.contains("<meta")
            || prefix.contains("<div") || prefix.contains("<p") || prefix.contains("<table") {
            return true
        }
        return false
    }

    static func zipKind(_ data: Data) throws -> DocumentFormat {
        // The names of a ZIP's entries are in its central directory; a plain byte
        // search for the names decides without unpacking anything.
        let bytes = [UInt8](data)
        if find(Array("word/document.xml".utf8), in: bytes) != nil { return .docx }
        if find(Array("application/vnd.oasis.opendocument.text".utf8), in: bytes) != nil { return .odt }
        if find(Array("content.xml".utf8), in: bytes) != nil { return .odt }
        throw ThiduaError(.unsupportedFormat, "a ZIP archive that is neither DOCX nor ODT")
    }

    static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? { ByteSearch.first(needle, in: hay) }
}
