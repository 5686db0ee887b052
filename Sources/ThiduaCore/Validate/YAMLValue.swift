import Foundation
import Yams

/// Reads rule files into `JSONValue`, keeping key order and resolving plain
/// scalars by a narrow YAML 1.2 core schema: `no`, `on`, `08` and `2023-05-30`
/// stay strings (a serial "08" must not become 8, a kind code "NO" not false).
enum YAMLValue {
    private static let int = try! NSRegularExpression(pattern: "^[-+]?(?:0|[1-9][0-9]*)$")
    private static let float = try! NSRegularExpression(pattern: "^[-+]?(?:[0-9]+\\.[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")

    /// Parses YAML text; a syntax error becomes a one-line message with its line.
    static func parse(_ text: String) throws -> JSONValue {
        do {
            guard let node = try Yams.compose(yaml: text, .basic) else { return .null }
            return convert(node)
        } catch let error as YamlError {
            throw YAMLSyntaxError(message: oneLine(error))
        }
    }

    struct YAMLSyntaxError: Error { var message: String }

    private static func oneLine(_ error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            let ctx = context.map { "\($0.text) " } ?? ""
            return "YAML syntax error at line \(mark.line): \(ctx)\(problem)"
        case let .composer(context, problem, mark, _):
            let ctx = context.map { "\($0.text) " } ?? ""
            return "YAML syntax error at line \(mark.line): \(ctx)\(problem)"
        default:
            return "YAML syntax error: " + "\(error)".split(separator: "\n").joined(separator: " ")
        }
    }

    static func convert(_ node: Node) -> JSONValue {
        switch node {
        case let .scalar(s):
            let text = s.string
            guard s.style == .plain else { return .string(text) }
            return scalar(text)
        case let .sequence(seq):
            return .array(seq.map(convert))
        case let .mapping(map):
            return .object(map.map { (key, value) in (key.string ?? "\(key)", convert(value)) })
        case let .alias(alias):
            return .string(alias.anchor.rawValue)
        }
    }

    private static func scalar(_ text: String) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        let range = NSRange(text.startIndex..., in: text)
        if int.firstMatch(in: text, range: range) != nil, let i = Int(text) { return .int(i) }
        if float.firstMatch(in: text, range: range) != nil, let d = Double(text) { return .double(d) }
        return .string(text)
    }
}
