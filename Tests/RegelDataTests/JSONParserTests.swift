import RegelData
import Testing

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    private func error(_ bytes: [UInt8]) -> JSONParseError? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesAllKinds() throws {
        let value = try parse(#" { "a" : [1, -0.5e+3, true, false, null], "b": {"c": "d"}, "": "" } "#)
        #expect(
            value
                == .object([
                    ("a", .array([.number("1"), .number("-0.5e+3"), .bool(true), .bool(false), .null])),
                    ("b", .object([("c", .string("d"))])),
                    ("", .string(""))
                ]))
    }

    @Test func objectEqualityIsOrdered() throws {
        #expect(try parse(#"{"a":1,"b":2}"#) != parse(#"{"b":2,"a":1}"#))
        #expect(try parse(#"{"a":1,"b":2}"#) == parse(#"{ "a": 1, "b": 2 }"#))
    }

    @Test func decodesEscapes() throws {
        #expect(try parse(#""\"\\\/\b\f\n\r\t\u00e5\u00C5""#) == .string("\"\\/\u{8}\u{C}\n\r\tåÅ"))
        #expect(try parse(#""\ud83d\ude00 å""#) == .string("😀 å"))
    }

    @Test func unpairedSurrogatesBecomeReplacementCharacters() throws {
        #expect(try parse(#""\ud83d""#) == .string("\u{FFFD}"))
        #expect(try parse(#""\ude00x""#) == .string("\u{FFFD}x"))
        #expect(try parse(#""\ud83d\u0041""#) == .string("\u{FFFD}A"))
        #expect(try parse(#""\ud83d\ud83d\ude00""#) == .string("\u{FFFD}😀"))
    }

    @Test func rejectsBadNumbers() {
        for text in ["01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "1.5.2", "NaN", "-Infinity"] {
            #expect(error(Array(text.utf8)) != nil, "\(text)")
        }
    }

    @Test func keepsNumberLiterals() throws {
        #expect(try parse("123456789012345678901234567890") == .number("123456789012345678901234567890"))
        #expect(try parse("1.50") == .number("1.50"))
        #expect(try parse("-0") == .number("-0"))
    }

    @Test func reportsWhereParsingFailed() throws {
        let failure = try #require(error(Array(#"{"a": 1,, "b": 2}"#.utf8)))
        #expect(failure.kind == .syntax)
        #expect(failure.offset == 8)
        #expect(failure.description.contains("at byte 8"))
        let trailing = try #require(error(Array("{} x".utf8)))
        #expect(trailing.offset == 3)
    }

    @Test func rejectsInvalidUTF8AndRawControlCharacters() throws {
        let invalid = try #require(error([0x22, 0x61, 0xC3, 0x28, 0x22]))
        #expect(invalid.kind == .invalidUTF8)
        #expect(invalid.offset == 2)
        #expect(error([0x22, 0xED, 0xA0, 0x80, 0x22])?.kind == .invalidUTF8)  // encoded surrogate
        #expect(error([0x22, 0xC0, 0xAF, 0x22])?.kind == .invalidUTF8)  // overlong
        #expect(error([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22])?.kind == .invalidUTF8)  // above U+10FFFF
        #expect(error(Array("\"a\tb\"".utf8))?.kind == .syntax)
    }

    @Test func limitsNestingDepth() throws {
        let limit = JSONParser.maximumDepth
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(throws: Never.self) { try parse(deepest) }
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(error(Array(tooDeep.utf8))?.kind == .nestedTooDeep)
        let huge = String(repeating: "[{\"a\":", count: 100_000)
        #expect(error(Array(huge.utf8))?.kind == .nestedTooDeep)
    }

    @Test func rejectsEmptyAndMultipleValues() {
        for text in ["", "   ", "1 2", "{}{}", "[1,]", "{\"a\":1,}", "{'a':1}", "tru", "nulls"] {
            #expect(error(Array(text.utf8)) != nil, "\(text)")
        }
    }

    @Test func acceptsAnyCollectionOfBytes() throws {
        let bytes = Array("[1, 2]".utf8)
        #expect(try JSONParser.parse(bytes[1...1]) == .number("1"))
        #expect(try JSONParser.parse(bytes.lazy.map { $0 }) == .array([.number("1"), .number("2")]))
        #expect(try JSONParser.parse("\"x\"".utf8) == .string("x"))
    }

    @Test func writesCompactJSON() throws {
        let text = #"{"a": [1, "x\n", null], "b": {"c": true}}"#
        #expect(try parse(text).jsonText == #"{"a":[1,"x\n",null],"b":{"c":true}}"#)
    }
}
