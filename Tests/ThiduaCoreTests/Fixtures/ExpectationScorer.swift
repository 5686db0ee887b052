import Foundation
@testable import ThiduaCore

/// The scoring rules of ../shared/tools/score.py, in Swift, so that the
/// fixtures' `*.expect.json` files are tests without Python or ../shared.
enum ExpectationScorer {
    static let tonePlacement: [(String, String)] = [
        ("uỷ", "ủy"), ("uý", "úy"), ("uỳ", "ùy"), ("uỹ", "ũy"), ("uỵ", "ụy"), ("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"),
        ("oã", "õa"), ("oạ", "ọa"), ("oè", "òe"), ("oé", "óe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"),
    ]

    static func fold(_ v: JSONValue?) -> String? {
        guard let v, !v.isNull else { return nil }
        var s: String
        switch v {
        case let .string(x): s = x
        case let .int(i): s = String(i)
        case let .bool(b): s = b ? "True" : "False"
        default: s = v.serialized()
        }
        s = s.precomposedStringWithCanonicalMapping.lowercased()
        for (a, b) in tonePlacement { s = s.replacingOccurrences(of: a, with: b) }
        for q in ["“", "”", "\"", "«", "»"] { s = s.replacingOccurrences(of: q, with: "") }
        s = s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        s = s.trimmingCharacters(in: CharacterSet(charactersIn: " .;:,"))
        return s
    }

    /// difflib.SequenceMatcher(None, a, b).ratio() (Ratcliff/Obershelp), on characters.
    static func ratio(_ a: String, _ b: String) -> Double {
        let x = Array(a), y = Array(b)
        if x.isEmpty && y.isEmpty { return 1 }
        func matches(_ a0: Int, _ a1: Int, _ b0: Int, _ b1: Int) -> Int {
            guard a0 < a1, b0 < b1 else { return 0 }
            var best = 0, bi = 0, bj = 0
            var prev = [Int](repeating: 0, count: b1 - b0 + 1)
            for i in a0..<a1 {
                var cur = [Int](repeating: 0, count: b1 - b0 + 1)
                for j in b0..<b1 where x[i] == y[j] {
                    cur[j - b0 + 1] = prev[j - b0] + 1
                    if cur[j - b0 + 1] > best { best = cur[j - b0 + 1]; bi = i - best + 1; bj = j - best + 1 }
                }
                prev = cur
            }
            guard best > 0 else { return 0 }
            return best + matches(a0, bi, b0, bj) + matches(bi + best, a1, bj + best, b1)
        }
        return 2.0 * Double(matches(0, x.count, 0, y.count)) / Double(x.count + y.count)
    }

    static func similar(_ a: String, _ b: JSONValue?) -> Double {
        guard let fb = fold(b), case .string = b!, let fa = fold(.string(a)) else { return 0 }
        return ratio(fa, fb)
    }

    static func get(_ record: JSONValue, _ path: String) -> JSONValue? {
        record.value(at: path)
    }

    static func flattenRefs(_ record: JSONValue) -> [JSONValue] {
        (record["references"]?.arrayValue ?? []).map { r in
            let n = r["number"] ?? .null
            let k = r["kind"]
            let kind = k?["code"].flatMap { $0.isNull ? nil : $0 } ?? n["kind"] ?? .null
            return .object([("serial", n["serial"] ?? .null), ("kind", kind), ("date", r["date"]?["start"] ?? .null),
                            ("canonical", n["canonical"] ?? .null)])
        }
    }

    static func itemMatch(_ exp: JSONValue, _ got: JSONValue) -> Bool {
        switch exp {
        case let .string(s): if case .string = got { return similar(s, got) >= 0.9 }; return false
        case let .object(pairs):
            guard case .object = got else { return false }
            for (k, v) in pairs {
                var g = got[k]
                if k == "kind", let o = g, case .object = o { g = o["code"] }
                if k == "date", let o = g, case .object = o { g = o["start"] }
                var ev = v
                if k == "serial", case let .string(gs)? = g { g = .string(String(gs.drop(while: { $0 == "0" })).isEmpty ? "0" : String(gs.drop(while: { $0 == "0" }))) }
                if k == "serial", case let .string(vs) = v { ev = .string(String(vs.drop(while: { $0 == "0" })).isEmpty ? "0" : String(vs.drop(while: { $0 == "0" }))) }
                if fold(g) != fold(ev) { return false }
            }
            return true
        default: return fold(exp) == fold(got)
        }
    }

    static func scoreSet(_ exp: JSONValue, _ gotValue: JSONValue?) -> (Double, String) {
        let want = exp["set"]?.arrayValue ?? []
        let optional = exp["optional"]?.arrayValue ?? []
        let got = (gotValue?.arrayValue ?? []).filter { !$0.isNull }
        var used = [Bool](repeating: false, count: got.count)
        var tp = 0
        for w in want {
            for (i, g) in got.enumerated() where !used[i] && itemMatch(w, g) { used[i] = true; tp += 1; break }
        }
        var extra = 0
        for (i, g) in got.enumerated() where !used[i] && !optional.contains(where: { itemMatch($0, g) }) { extra += 1 }
        if want.isEmpty && extra == 0 { return (1, "ok") }
        let p = tp + extra > 0 ? Double(tp) / Double(tp + extra) : 0
        let r = want.isEmpty ? 1 : Double(tp) / Double(want.count)
        let f = p + r > 0 ? 2 * p * r / (p + r) : 0
        return (f, "tp=\(tp) want=\(want.count) extra=\(extra)")
    }

    static func score(path: String, expected exp: JSONValue, record: JSONValue) -> (Double, String) {
        let got: JSONValue? = path.hasPrefix("references") ? .array(flattenRefs(record)) : get(record, path)
        let shown = got?.serialized() ?? "missing"
        switch exp {
        case .null:
            let parentPath = path.split(separator: ".").dropLast().joined(separator: ".")
            let parent = parentPath.isEmpty ? record : get(record, parentPath)
            var parentIsObject = false
            if case .object? = parent { parentIsObject = true }
            let empty = got == nil || got == .null || got == .array([]) || got == .string("")
            return (parentIsObject && empty ? 1 : 0, "got \(shown)")
        case let .object(pairs) where pairs.contains { $0.0 == "set" }:
            return scoreSet(exp, got)
        case let .object(pairs) where pairs.contains { $0.0 == "similar" }:
            let r = similar(exp["similar"]?.stringValue ?? "", got)
            let min = exp["min"].flatMap { v -> Double? in if case let .double(d) = v { return d }; return v.intValue.map(Double.init) } ?? 0.9
            return (r >= min ? 1 : 0, "ratio=\(r) got \(shown)")
        case let .object(pairs) where pairs.contains { $0.0 == "anyOf" }:
            guard let g = fold(got), case .string? = got else { return (0, "got \(shown)") }
            let ok = (exp["anyOf"]?.arrayValue ?? []).contains { a in
                guard let fa = fold(a) else { return false }
                return g.contains(fa) || similar(a.stringValue ?? "", got) >= 0.85
            }
            return (ok ? 1 : 0, "got \(shown)")
        case let .object(pairs) where pairs.contains { $0.0 == "count" }:
            let n = got?.arrayValue?.count
            return (n == exp["count"]?.intValue ? 1 : 0, "count=\(n.map(String.init) ?? "nil")")
        case let .array(items):
            guard let g = got?.arrayValue else { return (0, "got \(shown)") }
            func norm(_ v: JSONValue) -> String {
                if case let .array(a) = v { return "[" + a.map(norm).joined(separator: ",") + "]" }
                return fold(v) ?? "null"
            }
            return (g.map(norm) == items.map(norm) ? 1 : 0, "got \(shown)")
        default:
            return (fold(got) == fold(exp) ? 1 : 0, "got \(shown)")
        }
    }
}
