import Foundation

// Placeholder until the legacy-encoding repair lands; replaced wholesale.
public enum LegacyEncoding {
    /// Decodes bytes that are not UTF-8 (TCVN3, VNI, VISCII, Windows-1258 …), choosing the
    /// encoding by the share of valid Vietnamese syllables. Returns the text and the encoding name.
    public static func decodeBytes(_ data: Data) -> (text: String, encoding: String)? {
        String(data: data, encoding: .windowsCP1252).map { ($0, "windows-1252") }
    }

    /// Repairs text that is Unicode but garbled by a legacy font (TCVN3 or VNI glyphs read as
    /// Windows-1252, PDF glyph variants), deciding by evidence. Sets `encoding` when it repaired.
    public static func repairIfGarbled(_ doc: DecodedDocument) -> DecodedDocument { doc }
}
