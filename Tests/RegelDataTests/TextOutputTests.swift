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
