import Foundation

// Placeholder until the normalizer lands; replaced wholesale by its implementation.
public enum VnDateParser {
    /// Reads the date expression in `text` (a table cell, a header date line, "Trước ngày 30/5/2023").
    /// Returns nil where there is no date expression.
    public static func parse(_ text: String) -> VnDateParse? { findAll(in: text).first?.result }

    /// Every date expression in running text, left to right, non-overlapping, each as long as it can be.
    public static func findAll(in text: String) -> [VnDateMatch] { [] }
}
