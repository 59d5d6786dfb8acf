import RegelData
import Testing

@Suite struct CSVHeaderTests {
    private func headerProblem(_ text: String) -> HeaderProblem? {
        headerProblem(bytes: Array(text.utf8))
    }

    private func headerProblem(bytes: [UInt8]) -> HeaderProblem? {
        do {
            _ = try RecordReader(source: DataSource(name: "x.csv", bytes: bytes))
            return nil
        } catch {
            return error
        }
    }

    @Test func emptyInputs() {
        for text in ["", "\n\n", "  \r\n", "\u{FEFF}"] {
            let problem = headerProblem(text)
            #expect(problem?.message.contains("empty") == true, "\(text.debugDescription)")
        }
    }

    @Test func duplicateNamesAreNamed() throws {
        let problem = try #require(headerProblem("id,namn,ort,namn\n1,2,3,4\n"))
        #expect(problem.line == 1)
        #expect(problem.message.contains("'namn'"))
        #expect(problem.message.contains("columns 2 and 4"))
    }

    @Test func emptyNamesAreNamed() throws {
        let problem = try #require(headerProblem("\nid,,ort,x,\n"))
        #expect(problem.line == 2)
        #expect(problem.message.contains("column 2 "))
        let two = try #require(headerProblem("id,,ort,,x\n"))
        #expect(two.message.contains("columns 2, 4"))
        #expect(headerProblem(";;\n") != nil)
    }

    /// Excel ends rows with the delimiter when a column after the data is
    /// formatted: unnamed columns at the end are no columns, and cells there
    /// must be empty (a value there is a row with a field too many).
    @Test(arguments: ["id;ort;\n1;Lund;\n2;Malmö;\n", "id;ort\n1;Lund;\n2;Malmö;;\n", "id;ort;;\n1;Lund\n2;Malmö;\n"])
    func trailingDelimiterIsNoColumn(_ csv: String) throws {
        #expect(headerProblem(csv) == nil)
        let reader = try RecordReader(source: DataSource(name: "t.csv", bytes: Array(csv.utf8)))
        #expect(reader.header == ["id", "ort"])
        let records = Array(reader)
        #expect(records.map(\.cells) == [[.text("1"), .text("Lund")], [.text("2"), .text("Malmö")]])
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test func valueAfterTheLastNamedColumnIsAProblem() throws {
        var reader = try RecordReader(source: DataSource(name: "t.csv", bytes: Array("id;ort;\n1;Lund;x\n".utf8)))
        let record = reader.next()
        #expect(record?.problem?.message.contains("the row has 3 fields but the header has 2") == true)
    }

    @Test func unterminatedQuoteInHeader() throws {
        let problem = try #require(headerProblem("id,\"namn\n1,2\n"))
        #expect(problem.message.contains("never closed"))
    }

    @Test func invalidUTF8InHeader() throws {
        let problem = try #require(headerProblem(bytes: [0x69, 0x64, 0x2C, 0xF6, 0x0A]))
        #expect(problem.message.contains("windows1252"))
        let reader = try RecordReader(source: DataSource(name: "x.csv", bytes: [0x69, 0x64, 0x2C, 0xF6, 0x0A]), encoding: .windows1252)
        #expect(reader.header == ["id", "ö"])
    }
}

@Suite struct CSVSelectTests {
    @Test func selectsReordersAndReportsMissingColumns() throws {
        let (reader, records) = try readAll("id,namn,ort\n1,Åsa,Umeå\n2,Per\n", select: ["ort", "id", "diagnos", "ort"])
        #expect(reader.selected == ["ort", "id", "diagnos", "ort"])
        #expect(reader.missingColumns == ["diagnos"])
        #expect(texts(records[0]) == ["Umeå", "1", nil, "Umeå"])
        #expect(texts(records[1]) == [nil, "2", nil, nil])
        #expect(records[1].problem?.kind == .wrongFieldCount)
    }

    @Test func selectingNothingStillCountsRecords() throws {
        let (reader, records) = try readAll("id\n1\n2\n", select: [])
        #expect(reader.selected.isEmpty)
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0.cells.isEmpty })
    }
}
