/// The record's documentation (docs/RECORD.md), generated from the JSON Schema's
/// descriptions and examples, so the two cannot drift apart.
public enum SchemaDocs {
    public static func markdown(_ schema: JSONValue) -> String {
        var out: [String] = []
        let title = schema["title"]?.stringValue ?? "Record"
        out.append("# \(title)")
        out.append("")
        out.append("<!-- Generated from schema/record.schema.json by `thidua schema --markdown`; edit the schema, not this file. -->")
        out.append("")
        if let d = schema["description"]?.stringValue { out += [d, ""] }
        out.append("Schema `\(schema["$id"]?.stringValue ?? "")`, version \(schema["version"]?.stringValue ?? "?").")
        out.append("Objects are closed: a key not listed here is an error (`thidua schema FILE` reports it),")
        out.append("and every date (`start`, `end`) is a real calendar day.")
        // Objects to describe, in the order they are met: (heading, schema).
        var queue: [(String, JSONValue)] = [("Top level", schema)]
        var seen = Set<String>()
        var i = 0
        while i < queue.count {
            let (heading, object) = queue[i]
            i += 1
            guard seen.insert(heading).inserted, case let .object(props)? = object["properties"] else { continue }
            out += ["", "## \(heading)", ""]
            if heading != "Top level", let d = object["description"]?.stringValue { out += [d, ""] }
            if let extra = object["additionalProperties"], case .object = extra {
                out += ["Any key, each mapped to \(type(extra, path: heading)).", ""]
            }
            out.append("| field | type | meaning | example |")
            out.append("|---|---|---|---|")
            let required = Set(object["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            for (name, p) in props {
                let path = heading == "Top level" ? name : "\(heading).\(name)"
                let optional = required.contains(name) ? "" : " (optional)"
                let example = p["examples"]?.arrayValue?.first.map { "`\($0.serialized())`" } ?? ""
                out.append("| `\(name)`\(optional) | \(type(p, path: path)) | \(cell(p["description"]?.stringValue ?? "")) | \(cell(example)) |")
                for (sub, s) in nested(p, path: path) { queue.append((sub, s)) }
            }
            if let extra = object["additionalProperties"], case .object = extra {
                for (sub, s) in nested(extra, path: heading + ".*") { queue.append((sub, s)) }
            }
        }
        if case let .object(defs)? = schema["$defs"] {
            for (name, d) in defs {
                out += ["", "## \(name)", ""]
                if let desc = d["description"]?.stringValue { out += [desc, ""] }
                out.append("| field | type | meaning | example |")
                out.append("|---|---|---|---|")
                let required = Set(d["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                guard case let .object(props)? = d["properties"] else { continue }
                for (field, p) in props {
                    let optional = required.contains(field) ? "" : " (optional)"
                    let example = p["examples"]?.arrayValue?.first.map { "`\($0.serialized())`" } ?? ""
                    out.append("| `\(field)`\(optional) | \(type(p, path: "\(name).\(field)")) | \(cell(p["description"]?.stringValue ?? "")) | \(cell(example)) |")
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Objects inside a property that get their own section: a direct object, one of a
    /// oneOf, or the items of a list.
    static func nested(_ p: JSONValue, path: String) -> [(String, JSONValue)] {
        if p["properties"] != nil { return [(path, p)] }
        if let items = p["items"], items["properties"] != nil { return [(path + "[]", items)] }
        return (p["oneOf"]?.arrayValue ?? []).filter { $0["properties"] != nil }.map { (path, $0) }
    }

    static func anchor(_ name: String) -> String { "[\(name)](#\(name.lowercased()))" }

    /// The type of a property in words: `string or null`, `list of` [DocNumber](#docnumber) …
    static func type(_ p: JSONValue, path: String) -> String {
        if let c = p["const"] { return "`\(c.serialized())`" }
        if let e = p["enum"]?.arrayValue { return e.map { "`\($0.serialized())`" }.joined(separator: " \\| ") }
        if let ref = p["$ref"]?.stringValue { return anchor(String(ref.split(separator: "/").last ?? "")) }
        if let options = p["oneOf"]?.arrayValue {
            let parts = options.map { o -> String in
                if o["properties"] != nil { return "object (`\(path)`)" }
                return type(o, path: path)
            }
            return (parts.filter { $0 != "null" } + parts.filter { $0 == "null" }).joined(separator: " or ")
        }
        let types = p["type"]?.arrayValue?.compactMap(\.stringValue) ?? [p["type"]?.stringValue].compactMap { $0 }
        return types.map { t -> String in
            switch t {
            case "array":
                guard let items = p["items"] else { return "list" }
                if items["properties"] != nil { return "list of objects (`\(path)[]`)" }
                return "list of " + type(items, path: path + "[]")
            case "object":
                if p["properties"] != nil { return "object (`\(path)`)" }
                if let extra = p["additionalProperties"], case .object = extra {
                    return "map of record path → " + type(extra, path: path + ".*")
                }
                return "object"
            case "string":
                return p["format"]?.stringValue == "date" ? "date `YYYY-MM-DD`" : "string"
            case "integer": return p["minimum"]?.intValue.map { "integer ≥ \($0)" } ?? "integer"
            default: return t
            }
        }.joined(separator: " or ")
    }

    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
