import Foundation

/// One place a rule's path reaches in a record: the concrete path
/// ("references.2.date.start"), the value there (`.null` where the record has
/// nothing), and which list items it went through, so that a second path in
/// the same rule ("references.number.year") reads the same item.
struct PathHit: Sendable {
    var path: [String]
    var value: JSONValue
    /// Abstract list path ("references", "campaign.milestones") → item index.
    var bindings: [String: Int]

    var pathString: String { path.joined(separator: ".") }
}

/// A dotted record path as written in a rule ("campaign.milestones.due").
/// A list in the middle maps the rest of the path over its items (as
/// `JSONValue.value(at:)` does); a list at the end is the value itself;
/// a number picks one item ("references.0.date").
///
/// A path may start with dots to be read from the place being checked, as
/// Python's relative imports do: `.issuers` is a sibling of the checked value,
/// `..kind.name` an uncle: checking `references.2.number.kind`, `..kind.name` is
/// `references.2.kind.name`. One rule then serves the document and each reference.
struct RecordPath: Sendable, Equatable, CustomStringConvertible {
    let parts: [String]
    /// Leading dots: 0 for a path from the record's root.
    let up: Int
    var description: String { String(repeating: ".", count: up) + parts.joined(separator: ".") }
    var isRelative: Bool { up > 0 }

    static let syntax = try! NSRegularExpression(pattern: "^\\.*[A-Za-z_][A-Za-z0-9_]*(\\.([A-Za-z_][A-Za-z0-9_]*|[0-9]+))*$")

    /// `parts[0..<i]` joined, the key a list met at depth i is bound under.
    private let listKeys: [String]
    private let indices: [Int?]

    init?(_ text: String) {
        guard RecordPath.syntax.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil else { return nil }
        let dots = text.prefix(while: { $0 == "." }).count
        self.init(parts: text.dropFirst(dots).split(separator: ".").map(String.init), up: dots)
    }

    private init(parts: [String], up: Int = 0) {
        self.parts = parts
        self.up = up
        var keys: [String] = []
        var names: [String] = []
        for p in parts {
            keys.append(names.joined(separator: "."))
            if Int(p) == nil { names.append(p) }
        }
        listKeys = keys
        indices = parts.map { Int($0) }
    }

    static func == (a: RecordPath, b: RecordPath) -> Bool { a.parts == b.parts && a.up == b.up }

    /// Every place this path reaches; `bindings` pins lists already chosen by
    /// another path of the same rule. A relative path needs `from`.
    func resolve(in root: JSONValue, bindings: [String: Int] = [:], from place: [String]? = nil) -> [PathHit] {
        var out: [PathHit] = []
        if isRelative {
            // The place is concrete (its list items are numbered): go there, then on.
            guard let place, place.count >= up else { return [] }
            var node = root
            for p in place.dropLast(up) {
                switch node {
                case let .array(items):
                    guard let i = Int(p), i >= 0, i < items.count else { return [] }
                    node = items[i]
                case .object: node = node[p] ?? .null
                default: node = .null
                }
            }
            var concrete = Array(place.dropLast(up))
            walk(node, index: 0, concrete: &concrete, bindings: bindings, pin: false, into: &out)
            return out
        }
        var concrete: [String] = []
        concrete.reserveCapacity(parts.count + 2)
        walk(root, index: 0, concrete: &concrete, bindings: bindings, pin: true, into: &out)
        return out
    }

    /// Read from a place a rule is checking.
    func resolve(in root: JSONValue, at hit: PathHit) -> [PathHit] {
        resolve(in: root, bindings: hit.bindings, from: hit.path)
    }

    private func walk(_ node: JSONValue, index: Int, concrete: inout [String], bindings: [String: Int], pin: Bool,
                      into out: inout [PathHit]) {
        guard index < parts.count else {
            out.append(PathHit(path: concrete, value: node, bindings: bindings))
            return
        }
        switch node {
        case let .array(items):
            if let i = indices[index] {
                guard i >= 0, i < items.count else { return }
                concrete.append(parts[index])
                walk(items[i], index: index + 1, concrete: &concrete, bindings: bindings, pin: pin, into: &out)
                concrete.removeLast()
                return
            }
            let key = listKeys[index]
            if pin, let pinned = bindings[key] {
                guard pinned < items.count else { return }
                concrete.append(String(pinned))
                walk(items[pinned], index: index, concrete: &concrete, bindings: bindings, pin: pin, into: &out)
                concrete.removeLast()
                return
            }
            for (i, item) in items.enumerated() {
                var b = bindings
                if pin { b[key] = i }
                concrete.append(String(i))
                walk(item, index: index, concrete: &concrete, bindings: b, pin: pin, into: &out)
                concrete.removeLast()
            }
        case let .object(pairs):
            let part = parts[index]
            let child = pairs.first(where: { $0.0 == part })?.1 ?? .null
            concrete.append(part)
            walk(child, index: index + 1, concrete: &concrete, bindings: bindings, pin: pin, into: &out)
            concrete.removeLast()
        default:
            // Nothing below a null or a scalar: the rest of the path is missing.
            out.append(PathHit(path: concrete + parts[index...], value: .null, bindings: bindings))
        }
    }
}

extension JSONValue {
    /// Null, missing, an empty string or an empty list: "not stated".
    var isAbsent: Bool {
        switch self {
        case .null: return true
        case let .string(s): return s.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        case let .array(a): return a.isEmpty
        default: return false
        }
    }

    /// A scalar as text for comparisons (kind codes, encodings, serials).
    var scalarText: String? {
        switch self {
        case let .string(s): return s
        case let .int(i): return String(i)
        case let .double(d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case let .bool(b): return b ? "true" : "false"
        default: return nil
        }
    }

    var numberValue: Double? {
        switch self {
        case let .int(i): return Double(i)
        case let .double(d): return d
        case let .string(s): return Double(s.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    /// How a value reads in a message: a date or number by its printed text.
    var display: String {
        switch self {
        case .null: return "(none)"
        case let .array(items): return items.map(\.display).joined(separator: ", ")
        case .object:
            if let t = self["text"]?.stringValue { return t }
            if let v = self["value"]?.stringValue { return v }
            if let n = self["name"]?.stringValue { return n }
            if let s = self["start"]?.stringValue, let e = self["end"]?.stringValue { return s == e ? s : s + "/" + e }
            return serialized()
        default: return scalarText ?? serialized()
        }
    }

    /// Deep merge for rule examples: objects merge key by key (a dotted key is
    /// a nested path), anything else replaces.
    func merging(_ fragment: JSONValue) -> JSONValue {
        guard case let .object(pairs) = fragment else { return fragment }
        var result: JSONValue = {
            if case .object = self { return self }
            return .object([])
        }()
        for (key, value) in pairs {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            let head = parts[0]
            let incoming: JSONValue = parts.count == 2 ? .object([(parts[1], value)]) : value
            let current = result[head] ?? .null
            let merged: JSONValue
            if case .object = incoming, case .object = current { merged = current.merging(incoming) }
            else if case .object = incoming { merged = JSONValue.object([]).merging(incoming) }
            else { merged = incoming }
            result = result.replacing(key: head, with: merged)
        }
        return result
    }

    private func replacing(key: String, with value: JSONValue) -> JSONValue {
        guard case var .object(pairs) = self else { return .object([(key, value)]) }
        if let i = pairs.firstIndex(where: { $0.0 == key }) { pairs[i].1 = value } else { pairs.append((key, value)) }
        return .object(pairs)
    }
}
