import RegelData
import Testing

/// A record may be at most `RecordLength.maximum` bytes: a longer one is a
/// record problem that names its lines, and reading goes on after it, so a
/// file of commas or one enormous cell takes no memory beyond the limit.
@Suite struct RecordLengthTests {
    static let tooLong = RecordLength.maximum + 10

    @Test func aLineOfCommasIsSkippedAndTheNextRecordIsRead() throws {
        let text = "id,namn\n" + String(repeating: ",", count: Self.tooLong) + "\nk2,Åsa\n"
        let (_, records) = try readAll(text)
        #expect(records.map(\.line) == [2, 3])
        #expect(records[0].problem?.kind == .tooLong)
        #expect(
            records[0].problem?.message.hasPrefix("the record is longer than 1 MiB (1048576 bytes), the most one record may have, so the line was skipped")
                == true)
        #expect(records[0].cells == [.missing, .missing])
        #expect(records[1].problem == nil && records[1].cells == [.text("k2"), .text("Åsa")])
    }

    @Test func aQuotedCellOverManyLinesNamesTheLinesItSkipped() throws {
        let cell = Array(repeating: String(repeating: "x", count: 1000), count: 1100).joined(separator: "\n")
        let text = "id,namn\nk1,\"\(cell)\",\nk2,Åsa\n"
        let (_, records) = try readAll(text)
        #expect(records.map(\.line) == [2, 1102])
        #expect(records[0].problem?.message.contains("so lines 2 to 1101 were skipped") == true)
        #expect(records[1].cells == [.text("k2"), .text("Åsa")])
    }

    @Test func aRecordJustUnderTheLimitIsRead() throws {
        let long = String(repeating: "x", count: RecordLength.maximum - 10)
        let (_, records) = try readAll("id,namn\nk1,\(long)\n")
        #expect(records.count == 1 && records[0].problem == nil)
        #expect(records[0].cells == [.text("k1"), .text(long)])
    }

    @Test func aHeaderRowThatIsTooLongCannotBeRead() {
        #expect(throws: HeaderProblem.self) { try readAll(String(repeating: "a;", count: Self.tooLong / 2) + "\n1\n") }
    }

    @Test func theFastPathReportsTheSame() throws {
        struct Count: CellSink {
            var cells = 0
            mutating func cell(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) { cells += 1 }
            mutating func list(_ index: Int, _ items: [String]) { cells += 1 }
        }
        let text = "id,namn\n" + String(repeating: "a,", count: Self.tooLong / 2) + "\nk2,Åsa\n"
        var reader = try RecordReader(source: DataSource(name: "x.csv", bytes: Array(text.utf8)))
        var sink = Count()
        let first = reader.next(into: &sink)
        #expect(first?.line == 2 && first?.problem?.kind == .tooLong && sink.cells == 0)
        let second = reader.next(into: &sink)
        #expect(second?.line == 3 && second?.problem == nil && sink.cells == 2)
    }

    @Test func aJSONLineThatIsTooLongIsSkippedAndItsKeysAreNoColumns() throws {
        let long = "{\"id\":\"k1\",\"lang\":\"" + String(repeating: "x", count: Self.tooLong) + "\"}"
        let (reader, records) = try readAll(long + "\n{\"id\":\"k2\"}\n", name: "x.jsonl")
        #expect(reader.header == ["id"])
        #expect(records.map(\.line) == [1, 2])
        #expect(records[0].problem?.kind == .tooLong)
        #expect(records[0].problem?.message.hasPrefix("the line is longer than 1 MiB") == true)
        #expect(records[1].cells == [.text("k2")])
    }
}
