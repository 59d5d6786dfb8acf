import RegelData
import Testing

@Suite struct JSONLinesReaderTests {
    private func read(_ text: String, select: [String]? = nil, encoding: TextEncoding = .utf8) throws -> (reader: RecordReader, records: [RawRecord]) {
        try readAll(text, name: "export.jsonl", encoding: encoding, select: select)
    }

    @Test func headerIsTheUnionOfKeysInOrderOfFirstAppearance() throws {
        let (reader, records) = try read("{\"id\":1,\"namn\":\"Åsa\"}\n{\"ort\":\"Umeå\",\"id\":2}\n{\"extra\":true}\n")
        #expect(reader.format == .jsonLines)
        #expect(reader.header == ["id", "namn", "ort", "extra"])
        #expect(reader.selected == reader.header)
        #expect(reader.delimiter == nil)
        #expect(records.map(\.line) == [1, 2, 3])
        #expect(records[1].cells == [.text("2"), .missing, .text("Umeå"), .missing])
    }

    @Test func keysOfBadLinesAreNotColumns() throws {
        let (reader, records) = try read("{\"id\":1}\n{\"bad\": }\n{\"also\": 1, \"also\": 2}\n[{\"nested\":1}]\n{\"x\":{\"inner\":1}}\n")
        #expect(reader.header == ["id", "also", "x"])
        #expect(records[4].cells == [.missing, .missing, .text(#"{"inner":1}"#)])
    }

    @Test func mapsValuesToCells() throws {
        let line = #"{"s":"x","n":-1.50e3,"t":true,"f":false,"z":null,"l":["a",1,null,false],"e":[],"o":{"k":[1]},"nested":[1,[2]],"empty":""}"#
        let (_, records) = try read(line)
        #expect(records[0].problem == nil)
        #expect(
            records[0].cells == [
                .text("x"), .text("-1.50e3"), .text("true"), .text("false"), .missing,
                .list(["a", "1", "false"]), .list([]), .text(#"{"k":[1]}"#), .text("[1,[2]]"), .text("")
            ])
    }

    @Test func badLinesAreReportedAndReadingGoesOn() throws {
        let text = "{\"id\":1}\n{\"id\":2,}\n\n  \r\n[1,2]\n{\"id\":3,\"id\":4}\n{\"id\":5}\r\n\"id\"\n{\"id\":6"
        let (reader, records) = try read(text)
        #expect(reader.header == ["id"])
        #expect(records.map(\.line) == [1, 2, 5, 6, 7, 8, 9])
        #expect(records.map(\.problem?.kind) == [nil, .invalidJSON, .notAnObject, .duplicateKey, nil, .notAnObject, .invalidJSON])
        #expect(records[1].problem?.message.contains("column 9") == true)
        #expect(records[3].problem?.message.contains("\"id\"") == true)
        #expect(records[3].cells == [.text("3")])
        #expect(records[4].cells == [.text("5")])
    }

    @Test func rawNewlineInsideAStringEndsTheRecord() throws {
        let (_, records) = try read("{\"a\":\"one\ntwo\"}\n{\"a\":\"ok\"}\n")
        #expect(records.map(\.problem?.kind) == [.invalidJSON, .invalidJSON, nil])
        #expect(records[2].line == 3)
    }

    @Test func selectWithMissingColumn() throws {
        let (reader, records) = try read("{\"id\":1,\"namn\":\"x\"}\n", select: ["namn", "diagnos", "id"])
        #expect(reader.missingColumns == ["diagnos"])
        #expect(records[0].cells == [.text("x"), .missing, .text("1")])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let (reader, records) = try readAll(bytes: [0xEF, 0xBB, 0xBF] + Array("{\"a\":1}\n".utf8), name: "x.ndjson")
        #expect(reader.header == ["a"])
        #expect(records[0].problem == nil)
    }

    @Test func invalidUTF8IsAnEncodingProblemUnlessWindows1252IsChosen() throws {
        let bytes = Array("{\"namn\":\"".utf8) + [0xC5, 0x73, 0x61] + Array("\"}\n".utf8)
        let (_, records) = try readAll(bytes: bytes, name: "x.jsonl")
        #expect(records[0].problem?.kind == .invalidEncoding)
        #expect(records[0].problem?.message.contains("--encoding windows1252") == true)
        let (_, latin1) = try readAll(bytes: bytes, name: "x.jsonl", encoding: .windows1252)
        #expect(latin1[0].cells == [.text("Åsa")])
    }

    @Test func emptyInputIsAHeaderProblem() {
        for text in ["", "\n  \n", "\u{FEFF}"] {
            #expect(throws: HeaderProblem.self) { try RecordReader(source: DataSource(name: "x.jsonl", bytes: Array(text.utf8))) }
        }
    }

    @Test func inputWithOnlyBadLinesStillReportsEveryLine() throws {
        let (reader, records) = try read("nope\n[1]\n")
        #expect(reader.header.isEmpty)
        #expect(records.map(\.problem?.kind) == [.invalidJSON, .notAnObject])
    }
}

/// Found by the jsonl fuzz target (Tests/fuzz/regressions/jsonl/): the reader
/// claimed to have read one byte more than the input has when the last line
/// has no line feed.
@Suite struct JSONLinesConsumedBytesTests {
    @Test func aLastLineWithoutLineFeedEndsAtTheEndOfTheInput() throws {
        for text in ["[", "{\"id\":1}", "{\"id\":1}\n{\"id\":2}", "{\"id\":1}\r\n"] {
            var reader = try RecordReader(source: DataSource(name: "x.jsonl", bytes: Array(text.utf8)), format: .jsonLines)
            while reader.next() != nil { #expect(reader.consumedBytes <= text.utf8.count) }
            #expect(reader.consumedBytes == text.utf8.count)
        }
    }
}
