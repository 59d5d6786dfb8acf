import Foundation
import RegelData
import Testing

@Suite struct JSONTextTests {
    @Test func escapesWhatJSONRequires() {
        #expect(JSONText.quote("plain åäö €") == "\"plain åäö €\"")
        #expect(JSONText.quote("a\"b\\c") == #""a\"b\\c""#)
        #expect(JSONText.quote("\n\r\t\u{8}\u{C}\u{1}\u{1F}") == #""\n\r\t\b\f\u0001\u001f""#)
        #expect(JSONText.quote("") == "\"\"")
    }

    @Test func roundTripsThroughTheParser() throws {
        for text in ["", "x", "a\"b\\c\n\u{0}", "😀 Åsa \u{7F}", "\r\n"] {
            #expect(try JSONParser.parse(Array(JSONText.quote(text).utf8)) == .string(text))
        }
    }
}

@Suite struct CSVTextTests {
    @Test func quotesOnlyWhenNeeded() {
        #expect(CSVText.field("Åsa") == "Åsa")
        #expect(CSVText.field("a;b") == "a;b")
        #expect(CSVText.field("a;b", delimiter: ";") == "\"a;b\"")
        #expect(CSVText.field("a,b") == "\"a,b\"")
        #expect(CSVText.field("say \"hej\"") == "\"say \"\"hej\"\"\"")
        #expect(CSVText.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVText.field("cr\r\nlf") == "\"cr\r\nlf\"")
        #expect(CSVText.field("") == "")
    }

    @Test func roundTripsThroughTheReader() throws {
        let values = ["plain", "a,b", "say \"hej\"", "two\nlines", "Umeå; Västerbotten"]
        let line = values.map { CSVText.field($0) }.joined(separator: ",")
        let header = values.indices.map { "c\($0)" }.joined(separator: ",")
        let (_, records) = try readAll(header + "\n" + line + "\n")
        #expect(records[0].cells == values.map { .text($0) })
    }
}

@Suite struct CSVFormulaTests {
    /// OWASP's list, and the spaces, line feed, NUL and full-width forms that spreadsheets may also take for a formula.
    @Test(arguments: ["=1+2", "+41", "-2+3", "@SUM(A1)", "\tx", "\rx", "\nx", "\u{0}x", "  =cmd|' /C calc'!A0", "＝1+2", "-"])
    func aFormulaLikeCellGetsAQuoteAndQuotes(_ cell: String) {
        let expected = "\"'" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        #expect(CSVText.field(cell) == expected)
        var bytes: [UInt8] = []
        CSVText.appendField(cell, delimiter: UInt8(ascii: ","), to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test func otherCellsAreUnchanged() {
        for cell in ["Åsa", "a=b", "1-2", "x-", " x", "", "'=already"] {
            #expect(CSVText.field(cell) == cell)
        }
    }

    @Test func aNeutralisedCellReadsBackWithItsQuoteMark() throws {
        let (_, records) = try readAll("a,b\n" + CSVText.field("=HYPERLINK(\"x\")") + ",-5\n")
        #expect(records[0].cells == [.text("'=HYPERLINK(\"x\")"), .text("-5")])
    }

    /// Numbers this program writes stay numbers: a spreadsheet cannot build a formula from digits, a minus and a point.
    @Test func numbersWeWriteAreNotNeutralised() {
        #expect(CSVDialect.standard.number("-12") == "-12")
        #expect(CSVDialect.standard.number("-0.2500") == "-0.2500")
        #expect(CSVDialect.excelSwedish.number("-0.2500") == "-0,2500")
        #expect(CSVDialect.excelSwedish.number("1050") == "1050")
        #expect(CSVDialect.excelSwedish.number("–") == "–")
        #expect(CSVDialect.standard.number("-1+2") == "\"'-1+2\"")
        #expect(CSVDialect.standard.number("1e5") == "1e5")
    }

    @Test func theSwedishExcelDialect() {
        let d = CSVDialect.excelSwedish
        #expect(d.start == "\u{FEFF}")
        #expect(d.row(["a", "b;c", "=x"]) == "a;\"b;c\";\"'=x\"\r\n")
        #expect(CSVDialect.standard.row(["a", "b;c"]) == "a,b;c\n")
        #expect(CSVDialect.standard.start == "")
    }
}

@Suite struct TerminalTextTests {
    @Test func controlsFromCellsAreShownNotObeyed() {
        #expect(TerminalText.escape("Rehab \u{1B}[31mRÖD\u{1B}[0m") == "Rehab \\u{1B}[31mRÖD\\u{1B}[0m")
        #expect(TerminalText.escape("a\u{7}b\rc\nd\te\u{7F}f") == "a\\u{7}b\\u{D}c\\u{A}d\\u{9}e\\u{7F}f")
        #expect(TerminalText.escape("C1 \u{9B}31m") == "C1 \\u{9B}31m")
        #expect(TerminalText.escape("bidi \u{202E}txt.exe\u{2066}") == "bidi \\u{202E}txt.exe\\u{2066}")
        #expect(TerminalText.escape("rad 1\nrad 2", keepingLineBreaks: true) == "rad 1\nrad 2")
    }

    @Test func ordinaryTextIsUnchanged() {
        for s in ["", "Vårdcentralen Södervärn – 12 €", "“citat” … ✓", "日本"] {
            #expect(TerminalText.escape(s) == s)
        }
    }

    @Test func jsonEscapesTheSameControls() throws {
        #expect(JSONText.quote("\u{7F}\u{9B}\u{2028}\u{202E}å") == #""\u007f\u009b\u2028\u202eå""#)
        #expect(try JSONParser.parse(Array(JSONText.quote("x\u{9B}y\u{202E}").utf8)) == .string("x\u{9B}y\u{202E}"))
    }
}

@Suite struct SpillFileTests {
    @Test func readsBackWhatWasAppended() throws {
        let file = try SpillFile()
        let a = try file.append(Array("första ".utf8))
        let b = try file.append(Array(repeating: 0x41, count: 100_000))
        let c = try file.append(Array("sista".utf8))
        #expect(a == 0)
        #expect(try file.read(at: c, count: 5) == Array("sista".utf8))
        #expect(try file.read(at: b, count: 100_000) == Array(repeating: 0x41, count: 100_000))
        #expect(try file.read(at: a, count: 8) == Array("första ".utf8))
        #expect(file.size == 8 + 100_000 + 5)
    }

    @Test func aReadPastTheEndIsAnError() throws {
        let file = try SpillFile()
        try file.append([1, 2, 3])
        #expect(throws: OutputFileError.self) { try file.read(at: 2, count: 5) }
    }
}
