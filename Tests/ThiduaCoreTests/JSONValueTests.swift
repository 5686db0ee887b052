import Testing
@testable import ThiduaCore

@Suite struct JSONValueTests {
    @Test func roundTripKeepsKeyOrderAndEscapes() throws {
        let v = JSONValue.object([("b", .string("Kế \"hoạch\"\n")), ("a", .array([.int(1), .null, .bool(true)]))])
        let text = v.serialized()
        #expect(text == "{\"b\":\"Kế \\\"hoạch\\\"\\n\",\"a\":[1,null,true]}")
        #expect(try JSONValue.parse(text) == v)
    }

    @Test func escapesControlsAndLineSeparatorsButNotQuotesMarks() throws {
        let raw = "“Thi đua”\u{2028}a\u{2029}b\u{01}\t\\"
        let text = JSONValue.string(raw).serialized()
        #expect(text == "\"“Thi đua”\\u2028a\\u2029b\\u0001\\t\\\\\"")
        #expect(try JSONValue.parse(text) == .string(raw))
    }

    @Test func pathsMapOverLists() throws {
        let v = try JSONValue.parse(#"{"refs":[{"n":{"s":"1"}},{"n":{"s":"2"}}]}"#)
        #expect(v.value(at: "refs.n.s") == .array([.string("1"), .string("2")]))
        #expect(v.setting("x.y", to: .int(3)).value(at: "x.y") == .int(3))
    }

    @Test func rejectsBadJSON() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse("{\"a\":}") }
    }
}
