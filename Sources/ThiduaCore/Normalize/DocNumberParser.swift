import Foundation

// Placeholder until the normalizer lands; replaced wholesale by its implementation.
public enum DocNumberParser {
    /// Reads a document number ("56/KH-SNN", "Số: /KH-UBND", "34-CT/TW"). `kindCodes` are the
    /// official kind codes (KH, QĐ, CT, …) that tell a kind code from an issuer code.
    public static func parse(_ text: String, kindCodes: Set<String>) -> DocNumber? { nil }

    /// Every document number in running text, left to right.
    public static func findAll(in text: String, kindCodes: Set<String>) -> [DocNumberMatch] { [] }
}
