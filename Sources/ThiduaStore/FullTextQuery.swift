import Foundation

/// A search's words as each backend's full-text query: the words in this order, the last one
/// also as the start of a longer word. Words are folded as the indexed text is (`RecordRows.fold`)
/// and cut at anything but letters and digits, so nothing of the query is read as syntax.
enum FullTextQuery {
    static func words(_ text: String) -> [String] {
        RecordRows.fold(text).split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init)
    }

    static func expression(_ words: [String], _ dialect: SQLDialect) -> String {
        switch dialect {
        // FTS5: a phrase, its last token a prefix.
        case .sqlite: return "\"" + words.joined(separator: " ") + "\" *"
        // tsquery: followed-by, the last lexeme a prefix.
        case .postgres: return words.dropLast().map { $0 + " <-> " }.joined() + words.last! + ":*"
        }
    }
}
