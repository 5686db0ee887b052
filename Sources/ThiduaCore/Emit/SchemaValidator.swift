import Foundation

/// Checks a JSON value against a JSON Schema (the subset the record schema uses:
/// type, const, enum, properties, required, additionalProperties (false or a schema),
/// items, minLength, minimum, pattern, `format: date` (a real calendar day, so
/// 2023-02-31 fails), oneOf, $ref to #/$defs). Annotations (description, examples)
/// are read by `SchemaDocs`. Returns the violations.
public struct SchemaValidator: Sendable {
    public let schema: JSONValue

    public init(schema: JSONValue) { self.schema = schema }

    /// The record schema shipped with the library (`schema/record.schema.json`); with
    /// `rulesDirectory`, the one beside that folder.
    public static func recordSchema(rulesDirectory: URL? = nil) throws -> SchemaValidator {
        let shipped = Bundle.module.url(forResource: "schema", withExtension: nil)
        guard let folder = rulesDirectory.map({ $0.deletingLastPathComponent().appendingPathComponent("schema") }) ?? shipped else {
            throw ThiduaError(.rules, "cannot find the record schema (the resource bundle beside the binary is missing)")
        }
        let url = folder.appendingPathComponent("record.schema.json")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ThiduaError(.rules, "\(url.path): cannot read the record schema")
        }
        return SchemaValidator(schema: try JSONValue.parse(text))
    }

    public func validate(_ value: JSONValue) -> [String] {
        var errors: [String] = []
        check(value, against: schema, at: "$", errors: &errors)
        return errors
    }

    private func resolve(_ s: JSONValue) -> JSONValue {
        if let ref = s["$ref"]?.stringValue, ref.hasPrefix("#/") {
            var cur = schema
            for part in ref.dropFirst(2).split(separator: "/") { cur = cur[String(part)] ?? .null }
            return cur
        }
        return s
    }

    private func typeName(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    func check(_ v: JSONValue, against raw: JSONValue, at path: String, errors: inout [String]) {
        let s = resolve(raw)
        if let c = s["const"], c != v { errors.append("\(path): expected \(c.serialized())"); return }
        if let e = s["enum"]?.arrayValue, !e.contains(v) { errors.append("\(path): \(v.serialized()) not in enum"); return }
        if let t = s["type"] {
            let allowed = t.arrayValue?.compactMap(\.stringValue) ?? [t.stringValue ?? ""]
            let actual = typeName(v)
            let ok = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
            if !ok { errors.append("\(path): expected \(allowed.joined(separator: "|")), got \(actual)"); return }
        }
        if let options = s["oneOf"]?.arrayValue {
            let matching = options.filter { o in var e: [String] = []; check(v, against: o, at: path, errors: &e); return e.isEmpty }
            if matching.count != 1 {
                var first: [String] = []
                if let o = options.last { check(v, against: o, at: path, errors: &first) }
                errors.append("\(path): matches \(matching.count) of oneOf\(first.first.map { " (\($0))" } ?? "")")
            }
        }
        switch v {
        case let .string(str):
            if let min = s["minLength"]?.intValue, str.count < min { errors.append("\(path): shorter than \(min)") }
            if let p = s["pattern"]?.stringValue, str.range(of: p, options: .regularExpression) == nil {
                errors.append("\(path): \"\(str)\" does not match \(p)")
            }
            if s["format"]?.stringValue == "date", ISODay(str) == nil {
                errors.append("\(path): \"\(str)\" is not a calendar date")
            }
        case let .int(i):
            if let min = s["minimum"]?.intValue, i < min { errors.append("\(path): below \(min)") }
        case let .array(items):
            if let item = s["items"] {
                for (i, x) in items.enumerated() { check(x, against: item, at: "\(path)[\(i)]", errors: &errors) }
            }
        case let .object(pairs):
            let keys = Set(pairs.map(\.0))
            for r in s["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where !keys.contains(r) {
                errors.append("\(path): missing \(r)")
            }
            let props = s["properties"]
            for (k, x) in pairs {
                if let p = props?[k] {
                    check(x, against: p, at: "\(path).\(k)", errors: &errors)
                } else if let extra = s["additionalProperties"] {
                    if case .bool(false) = extra { errors.append("\(path): unexpected key \(k)") } else if case .object = extra {
                        check(x, against: extra, at: "\(path).\(k)", errors: &errors)
                    }
                }
            }
        default: break
        }
    }
}
