import RegelData
import Testing

@Suite struct CSVProblemTests {
    @Test func wrongFieldCountIsReportedAndCellsFilled() throws {
        let (_, records) = try readAll("id,a,b\n1,2\n3,4,5,6\n7,8,9\n")
        #expect(records.count == 3)
        #expect(records[0].problem?.kind == .wrongFieldCount)
        #expect(records[0].problem?.line == 2)
        #expect(records[0].problem?.message.contains("2 fields but the header has 3") == true)
        #expect(texts(records[0]) == ["1", "2", nil])
        #expect(records[1].problem?.message.contains("4 fields but the header has 3") == true)
        #expect(records[1].problem?.message.contains("unquoted delimiter") == true)
        #expect(texts(records[1]) == ["3", "4", "5"])
        #expect(records[2].problem == nil)
    }

    @Test func unterminatedQuoteDoesNotSwallowTheRest() throws {
        let (_, records) = try readAll("id,text,n\n1,ok,2\n1,\"oops,3\n2,fine,4\n\n3,plain,5\n")
        #expect(records.count == 4)
        let problem = try #require(records[1].problem)
        #expect(problem.kind == .unterminatedQuote)
        #expect(problem.line == 3)
        #expect(problem.message.contains("column 2 ('text')"))
        #expect(problem.message.contains("never closed"))
        #expect(texts(records[1]) == ["1", "\"oops", "3"])
        #expect(records[2].line == 4)
        #expect(records[2].problem == nil)
        #expect(texts(records[2]) == ["2", "fine", "4"])
        #expect(records[3].line == 6)
        #expect(records[3].problem == nil)
        #expect(texts(records[3]) == ["3", "plain", "5"])
    }

    /// A stray quote closed by another quote lines later would merge the lines
    /// in between into one cell; a record like that is reported on its first
    /// line and the lines after it are read as records.
    @Test func strayQuoteClosedFurtherDownDoesNotSwallowRecords() throws {
        let (_, records) = try readAll("id,text,n\n1,\"oops,3\n2,fine,4\n3,\"also \"\"fine\"\"\",5\n4,x,6\n")
        #expect(records.map(\.line) == [2, 3, 4, 5])
        let problem = try #require(records[0].problem)
        #expect(problem.kind == .unterminatedQuote)
        #expect(problem.message.contains("only closed on line 4"))
        #expect(texts(records[0]) == ["1", "\"oops", "3"])
        #expect(texts(records[1]) == ["2", "fine", "4"])
        #expect(texts(records[2]) == ["3", "also \"fine\"", "5"])
        #expect(records[1...].allSatisfy { $0.problem == nil })
    }

    @Test func multilineCellWithSpacesAfterItsClosingQuoteIsFine() throws {
        let (_, records) = try readAll("id,text,n\n1,\"two\nlines\"  ,3\n2,x,4\n")
        #expect(records.map(\.line) == [2, 4])
        #expect(texts(records[0]) == ["1", "two\nlines  ", "3"])
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test func strayQuoteWithWrongFieldCountIsReportedWithBothCounts() throws {
        let (_, records) = try readAll("id,text\n1,\"a\n2,b\n3,c\",x\n4,d\n")
        #expect(records.map(\.line) == [2, 3, 4, 5])
        #expect(records[0].problem?.kind == .unterminatedQuote)
        #expect(records[0].problem?.message.contains("3 fields where the header has 2") == true)
        #expect(texts(records[1]) == ["2", "b"])
        #expect(records[2].problem?.kind == .wrongFieldCount)
        #expect(texts(records[3]) == ["4", "d"])
    }

    @Test func unterminatedQuoteInLastRecordAndCRLF() throws {
        let (_, records) = try readAll("id,text\r\n1,ok\r\n2,\"never closed\r\n")
        #expect(records.count == 2)
        #expect(records[1].problem?.kind == .unterminatedQuote)
        #expect(records[1].problem?.line == 3)
        #expect(texts(records[1]) == ["2", "\"never closed"])
    }

    @Test func longUnterminatedQuoteIsReported() throws {
        let longText = String(repeating: "x", count: 20_000)
        let (_, records) = try readAll("id,text\n1,\"\(longText)\n2,b\n")
        #expect(records.count == 2)
        #expect(records[0].problem?.kind == .unterminatedQuote)
        #expect(texts(records[1]) == ["2", "b"])
    }

    @Test func invalidUTF8IsReportedWithAHint() throws {
        let bytes = Array("id,namn\n1,".utf8) + [0xC5, 0x73, 0x61] + Array("\n2,Åsa\n".utf8)
        let (_, records) = try readAll(bytes: bytes)
        #expect(records.count == 2)
        let problem = try #require(records[0].problem)
        #expect(problem.kind == .invalidEncoding)
        #expect(problem.message.contains("--encoding windows1252"))
        #expect(problem.message.contains("'namn'"))
        #expect(texts(records[0])[0] == "1")
        #expect(records[1].problem == nil)
    }

    @Test func invalidUTF8InAnUnselectedColumnIsNotAProblem() throws {
        let bytes = Array("id,namn\n1,".utf8) + [0xC5] + Array("\n".utf8)
        let (_, records) = try readAll(bytes: bytes, select: ["id"])
        #expect(records[0].problem == nil)
    }

    @Test func windows1252DecodesLatin1Exports() throws {
        let bytes = Array("id;namn;ort\n1;".utf8) + [0xC5, 0x73, 0x61] + Array(";".utf8) + [0x55, 0x6D, 0x65, 0xE5, 0x20, 0x80] + Array("\n".utf8)
        let (reader, records) = try readAll(bytes: bytes, encoding: .windows1252)
        #expect(reader.delimiter == UInt8(ascii: ";"))
        #expect(texts(records[0]) == ["1", "Åsa", "Umeå €"])
    }
}
