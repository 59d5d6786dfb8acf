import RegelData

/// The bytes as a JSON Lines export; and every line that parses as JSON
/// prints as JSON text that parses back to the same value.
enum JSONLinesReaderProperties {
    static func check(_ bytes: [UInt8]) throws(FuzzFailure) {
        let source = DataSource(name: "fuzz.jsonl", bytes: bytes)
        try RecordReading.check(source, .jsonLines, .utf8)
        try RecordReading.check(source, .jsonLines, .windows1252)
        if let decoded = try? InputDecoding.utf8(source) {
            try RecordReading.check(decoded.source, .jsonLines, .utf8)
        }
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            guard let value = try? JSONParser.parse(line) else { continue }
            let text = value.jsonText
            let again: JSONValue
            do { again = try JSONParser.parse(Array(text.utf8)) } catch { throw FuzzFailure("the printed value \(text) does not parse: \(error)") }
            try require(again == value, "\(text) parses to another value: \(again.jsonText)")
        }
    }
}
