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
        let problem = try #require(headerProblem("\nid,,ort,\n"))
        #expect(problem.line == 2)
        #expect(problem.message.contains("columns 2, 4"))
        let trailing = try #require(headerProblem("id;ort;\n"))
        #expect(trailing.message.contains("column 3"))
        #expect(trailing.message.contains("end of the header row"))
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
