import RegelData
import Testing

@Suite struct CSVDelimiterTests {
    @Test func detectsSemicolon() throws {
        let (reader, records) = try readAll("id;namn;ort\n1;Åsa;Umeå, Västerbotten\n")
        #expect(reader.delimiter == UInt8(ascii: ";"))
        #expect(reader.header == ["id", "namn", "ort"])
        #expect(texts(records[0]) == ["1", "Åsa", "Umeå, Västerbotten"])
    }

    @Test func detectsComma() throws {
        let (reader, _) = try readAll("id,namn;x,ort\n")
        #expect(reader.delimiter == UInt8(ascii: ","))
    }

    @Test func tieMeansComma() throws {
        let (reader, records) = try readAll("a;b,c\n1;2,3\n")
        #expect(reader.delimiter == UInt8(ascii: ","))
        #expect(reader.header == ["a;b", "c"])
        #expect(texts(records[0]) == ["1;2", "3"])
    }

    @Test func ignoresDelimitersInsideQuotes() throws {
        let (reader, _) = try readAll("\"a,b,c\";d\n")
        #expect(reader.delimiter == UInt8(ascii: ";"))
        #expect(reader.header == ["a,b,c", "d"])
    }
}

@Suite struct CSVLayoutTests {
    @Test func skipsByteOrderMark() throws {
        let (reader, records) = try readAll(bytes: [0xEF, 0xBB, 0xBF] + Array("id,namn\n1,x\n".utf8))
        #expect(reader.header == ["id", "namn"])
        #expect(records.count == 1)
        #expect(records[0].line == 2)
    }

    @Test func handlesCRLFAndLoneCR() throws {
        let (_, crlf) = try readAll("a,b\r\n1,2\r\n3,4\r\n")
        #expect(crlf.map(\.line) == [2, 3])
        #expect(texts(crlf[1]) == ["3", "4"])
        let (_, cr) = try readAll("a,b\r1,2\r3,4")
        #expect(cr.map(\.line) == [2, 3])
        #expect(texts(cr[1]) == ["3", "4"])
    }

    @Test func quotedNewlinesKeepLineNumbersRight() throws {
        let (_, records) = try readAll("id,text\n1,\"first\nsecond\r\nthird\"\n2,after\n\n3,\"x\"\n")
        #expect(records.map(\.line) == [2, 5, 7])
        #expect(texts(records[0]) == ["1", "first\nsecond\r\nthird"])
        #expect(texts(records[1]) == ["2", "after"])
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test func skipsBlankLines() throws {
        let (_, records) = try readAll("\n\na,b\n\n1,2\n   \n\t\n3,4\n\n\n")
        #expect(records.map(\.line) == [5, 8])
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test func emptyCellsAreMissing() throws {
        let (_, records) = try readAll("a,b,c\n,\"\",x\n")
        #expect(records[0].cells == [.missing, .missing, .text("x")])
    }

    @Test func trailingDelimiterIsOneMoreEmptyField() throws {
        let (_, records) = try readAll("a,b,c\n1,2,\n1,2")
        #expect(records[0].cells == [.text("1"), .text("2"), .missing])
        #expect(records[0].problem == nil)
        #expect(records[1].problem?.kind == .wrongFieldCount)
    }

    @Test func unescapesQuotesAndToleratesTextAfterClosingQuote() throws {
        let (_, records) = try readAll("a,b,c\n\"say \"\"hej\"\"\",\"ab\"c,x\"y\"\n")
        #expect(texts(records[0]) == ["say \"hej\"", "abc", "x\"y\""])
        #expect(records[0].problem == nil)
    }

    @Test func keepsSpacesInCellsButTrimsHeaderNames() throws {
        let (reader, records) = try readAll(" id , namn\n 1 , x \n")
        #expect(reader.header == ["id", "namn"])
        #expect(texts(records[0]) == [" 1 ", " x "])
    }

    @Test func headerOnlyHasNoRecords() throws {
        let (reader, records) = try readAll("a,b\n")
        #expect(reader.header == ["a", "b"])
        #expect(records.isEmpty)
    }
}
