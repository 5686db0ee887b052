import Foundation
import Testing
@testable import ThiduaCore

/// The published schema is closed and fully described, its checker knows calendar
/// days, and docs/RECORD.md is what the schema generates.
@Suite struct RecordSchemaTests {
    static let validator = try! SchemaValidator.recordSchema(rulesDirectory: TestSupport.rules)
    static var schema: JSONValue { validator.schema }

    /// Every (path, property schema) and every object schema, across properties, items, oneOf and $defs.
    static func walk(_ s: JSONValue, _ path: String, properties: inout [(String, JSONValue)], objects: inout [(String, JSONValue)]) {
        if case let .object(props)? = s["properties"] {
            objects.append((path, s))
            for (k, p) in props {
                properties.append((path + "." + k, p))
                walk(p, path + "." + k, properties: &properties, objects: &objects)
            }
        }
        if let items = s["items"] { walk(items, path + "[]", properties: &properties, objects: &objects) }
        for o in s["oneOf"]?.arrayValue ?? [] { walk(o, path, properties: &properties, objects: &objects) }
        if let extra = s["additionalProperties"], case .object = extra {
            walk(extra, path + ".*", properties: &properties, objects: &objects)
        }
    }

    static let parts: (properties: [(String, JSONValue)], objects: [(String, JSONValue)]) = {
        var properties: [(String, JSONValue)] = []
        var objects: [(String, JSONValue)] = []
        walk(schema, "$", properties: &properties, objects: &objects)
        if case let .object(defs)? = schema["$defs"] {
            for (name, d) in defs { walk(d, "#" + name, properties: &properties, objects: &objects) }
        }
        return (properties, objects)
    }()

    @Test func everyPropertyIsDescribed() {
        #expect(Self.parts.properties.count >= 85)
        let bare = Self.parts.properties.filter { ($0.1["description"]?.stringValue ?? "").count < 10 }.map(\.0)
        #expect(bare == [])
    }

    @Test func everyObjectIsClosed() {
        #expect(Self.parts.objects.count >= 17)
        let open = Self.parts.objects.filter { $0.1["additionalProperties"] != .bool(false) }.map(\.0)
        #expect(open == [])
        // Evidence is the one map: any record path, each value a span.
        #expect(Self.schema.value(at: "properties.evidence.additionalProperties") == .object([("$ref", .string("#/$defs/Span"))]))
    }

    @Test func hasAnIdAndAVersion() {
        #expect(Self.schema["$id"]?.stringValue == "https://thidua.example/schema/record/1.json")
        #expect(Self.schema["version"]?.stringValue?.range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil)
    }

    /// Each example in the schema conforms to the property it illustrates.
    @Test func examplesConformToTheirProperty() {
        var checked = 0
        for (path, p) in Self.parts.properties {
            for example in p["examples"]?.arrayValue ?? [] {
                let one = SchemaValidator(schema: Self.schema)
                var errors: [String] = []
                one.check(example, against: p, at: path, errors: &errors)
                #expect(errors == [], "\(path)")
                checked += 1
            }
        }
        #expect(checked > 40)
    }

    static let record: JSONValue = try! TestSupport.pipeline.extract(
        path: TestSupport.fixtures.appendingPathComponent("text/tm-kt-signature.txt").path).json

    static func with(_ value: JSONValue, at path: [String], _ new: JSONValue?) -> JSONValue {
        guard let key = path.first else { return new ?? .null }
        switch value {
        case var .object(pairs):
            if path.count == 1, new != nil, !pairs.contains(where: { $0.0 == key }) {
                pairs.append((key, new!))
                return .object(pairs)
            }
            return .object(pairs.map { $0.0 == key ? ($0.0, with($0.1, at: Array(path.dropFirst()), new)) : $0 })
        case var .array(items):
            guard let i = Int(key), items.indices.contains(i) else { return value }
            items[i] = with(items[i], at: Array(path.dropFirst()), new)
            return .array(items)
        default: return value
        }
    }

    @Test func aFixtureRecordConforms() {
        #expect(Self.validator.validate(Self.record) == [])
    }

    @Test(arguments: [
        (["extra"], "$: unexpected key extra"),
        (["source", "producer"], "$.source: unexpected key producer"),
        (["document", "signer", "seal"], "unexpected key seal"),
        (["document", "date", "weekday"], "unexpected key weekday"),
        (["references", "0", "url"], "unexpected key url"),
        (["campaign", "awards", "0", "level"], "unexpected key level"),
        (["evidence", "document.number", "line"], "unexpected key line"),
    ])
    func unknownKeysAreRejected(_ path: [String], _ message: String) {
        let bad = Self.with(Self.record, at: path, .int(1))
        #expect(bad != Self.record)
        let errors = Self.validator.validate(bad)
        #expect(errors.contains { $0.contains(message) }, "\(errors)")
    }

    @Test func evidenceTakesAnyRecordPath() {
        let span = JSONValue.object([("page", .int(1)), ("start", .int(0)), ("end", .int(3))])
        #expect(Self.validator.validate(Self.with(Self.record, at: ["evidence", "campaign.theme"], span)) == [])
    }

    @Test(arguments: [("2023-02-31", false), ("2023-02-29", false), ("2024-02-29", true), ("2023-04-31", false),
                      ("2023-13-01", false), ("2023-12-31", true), ("1900-02-29", false), ("2000-02-29", true)])
    func datesAreCalendarDays(_ day: String, _ valid: Bool) {
        let bad = Self.with(Self.record, at: ["document", "date", "end"], .string(day))
        #expect(Self.validator.validate(bad).isEmpty == valid, "\(day)")
    }

    @Test func theCommittedDocumentationIsGeneratedFromTheSchema() throws {
        let committed = try String(contentsOf: TestSupport.root.appendingPathComponent("docs/RECORD.md"), encoding: .utf8)
        let generated = SchemaDocs.markdown(Self.schema)
        #expect(committed == generated, "docs/RECORD.md is stale: run `thidua schema --markdown > docs/RECORD.md`")
        // Every property shows up in it with its description.
        for (path, p) in Self.parts.properties {
            let d = p["description"]?.stringValue ?? ""
            #expect(generated.contains(SchemaDocs.cell(d)), "\(path)")
        }
    }
}
