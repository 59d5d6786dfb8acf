import Foundation
import RegelData
import Testing

/// JSONTestSuite: `y_` files parse, `n_` files are rejected, `i_` files never crash.
@Suite(
    .enabled(
        if: ConformanceData.isAvailable("JSONTestSuite/test_parsing"),
        "conformance data not found at ../shared/conformance/JSONTestSuite"))
struct JSONTestSuiteTests {
    static let folder = "JSONTestSuite/test_parsing"

    @Test func everyMustAcceptFileParses() throws {
        let names = ConformanceData.fileNames(in: Self.folder, prefix: "y_")
        #expect(names.count == 95)
        for name in names {
            let bytes = try ConformanceData.bytes("\(Self.folder)/\(name)")
            do {
                _ = try JSONParser.parse(bytes)
            } catch {
                Issue.record("\(name) was rejected: \(error)")
            }
        }
    }

    @Test func everyMustRejectFileIsRejected() throws {
        let names = ConformanceData.fileNames(in: Self.folder, prefix: "n_")
        #expect(names.count == 188)
        for name in names {
            let bytes = try ConformanceData.bytes("\(Self.folder)/\(name)")
            #expect(throws: JSONParseError.self, "\(name)") { try JSONParser.parse(bytes) }
        }
    }

    /// Implementation-defined files: either outcome is fine, but no crash, and
    /// the choices below are this parser's documented ones.
    @Test func implementationDefinedFilesDoNotCrash() throws {
        let names = ConformanceData.fileNames(in: Self.folder, prefix: "i_")
        #expect(names.count == 35)
        var accepted: Set<String> = []
        for name in names {
            let bytes = try ConformanceData.bytes("\(Self.folder)/\(name)")
            if (try? JSONParser.parse(bytes)) != nil { accepted.insert(name) }
        }
        // Huge numbers are kept as text, so they are fine.
        #expect(accepted.contains("i_number_huge_exp.json"))
        #expect(accepted.contains("i_number_too_big_pos_int.json"))
        // Unpaired surrogate escapes decode as U+FFFD.
        #expect(accepted.contains("i_string_lone_second_surrogate.json"))
        #expect(accepted.contains("i_string_1st_surrogate_but_2nd_missing.json"))
        // 500 levels is within the nesting limit of 512.
        #expect(accepted.contains("i_structure_500_nested_arrays.json"))
        // Invalid UTF-8, UTF-16 and a byte order mark are rejected.
        #expect(!accepted.contains("i_string_invalid_utf-8.json"))
        #expect(!accepted.contains("i_string_UTF-16LE_with_BOM.json"))
        #expect(!accepted.contains("i_structure_UTF-8_BOM_empty_object.json"))
        #expect(!accepted.contains("i_string_overlong_sequence_2_bytes.json"))
        #expect(!accepted.contains("i_string_UTF8_surrogate_U+D800.json"))
    }

    /// For JSON Lines each file is one line; a raw newline ends a record, so the
    /// two `y_` files with a raw newline inside the value are expected to fail.
    @Test func mustAcceptObjectsReadAsJSONLines() throws {
        let rawNewlineFiles: Set = ["y_array_with_1_and_newline.json", "y_object_with_newlines.json"]
        let duplicateKeyFiles: Set = ["y_object_duplicated_key.json", "y_object_duplicated_key_and_value.json"]
        for name in ConformanceData.fileNames(in: Self.folder, prefix: "y_object") where !rawNewlineFiles.contains(name) {
            let bytes = try ConformanceData.bytes("\(Self.folder)/\(name)")
            let (_, records) = try readAll(bytes: bytes, name: "x.jsonl")
            #expect(records.count == 1, "\(name)")
            let expectedProblem: RecordProblem.Kind? = duplicateKeyFiles.contains(name) ? .duplicateKey : nil
            #expect(records.first?.problem?.kind == expectedProblem, "\(name)")
        }
        for name in rawNewlineFiles {
            let bytes = try ConformanceData.bytes("\(Self.folder)/\(name)")
            let (_, records) = try readAll(bytes: bytes, name: "x.jsonl")
            #expect(records.contains { $0.problem != nil }, "\(name)")
        }
    }
}

/// JSONTestSuite's test_transform: inputs where parsers legitimately differ,
/// pinned to this parser's choices.
@Suite(
    .enabled(
        if: ConformanceData.isAvailable("JSONTestSuite/test_transform"),
        "conformance data not found at ../shared/conformance/JSONTestSuite"))
struct JSONTransformChoicesTests {
    private func parse(_ name: String) throws -> JSONValue {
        try JSONParser.parse(ConformanceData.bytes("JSONTestSuite/test_transform/\(name)"))
    }

    @Test func numbersKeepTheirLiteral() throws {
        #expect(try parse("number_1.000000000000000005.json") == .array([.number("1.000000000000000005")]))
        #expect(try parse("number_10000000000000000999.json") == .array([.number("10000000000000000999")]))
        #expect(try parse("number_1e-999.json") == .array([.number("1E-999")]))
        #expect(try parse("number_-9223372036854775809.json") == .array([.number("-9223372036854775809")]))
    }

    @Test func duplicateKeysAreKeptInOrder() throws {
        #expect(try parse("object_same_key_different_values.json") == .object([("a", .number("1")), ("a", .number("2"))]))
        #expect(try parse("object_same_key_unclear_values.json") == .object([("a", .number("0")), ("a", .number("-0"))]))
    }

    @Test func escapedInvalidCodePointsBecomeReplacementCharacters() throws {
        #expect(try parse("string_1_escaped_invalid_codepoint.json") == .array([.string("\u{FFFD}")]))
        #expect(try parse("string_3_escaped_invalid_codepoints.json") == .array([.string("\u{FFFD}\u{FFFD}\u{FFFD}")]))
        #expect(try parse("string_with_escaped_NULL.json") == .array([.string("A\u{0}B")]))
    }

    @Test func rawEncodedSurrogatesAreRejected() throws {
        #expect(throws: JSONParseError.self) { try parse("string_1_invalid_codepoint.json") }
    }

    /// Swift compares strings by canonical equivalence, so keys that differ only
    /// in Unicode normalization are the same column (and a duplicate in one object).
    @Test func keysDifferingOnlyInNormalizationAreTheSameColumn() throws {
        let bytes = try ConformanceData.bytes("JSONTestSuite/test_transform/object_key_nfc_nfd.json")
        let (reader, records) = try readAll(bytes: bytes, name: "x.jsonl")
        #expect(reader.header.count == 1)
        #expect(records.first?.problem?.kind == .duplicateKey)
    }
}
