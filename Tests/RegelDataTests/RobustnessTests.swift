import RegelData
import Testing

/// Random bad input must never crash or hang the readers, and every record
/// must stay well-formed for the caller.
@Suite struct RobustnessTests {
    /// A small deterministic generator, so failures can be reproduced.
    private struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    private func checkInvariants(_ bytes: [UInt8], name: String, encoding: TextEncoding) {
        guard var reader = try? RecordReader(source: DataSource(name: name, bytes: bytes), encoding: encoding) else { return }
        let physicalLines = bytes.filter { $0 == 0x0A || $0 == 0x0D }.count + 1
        var previousLine = 0
        var count = 0
        while let record = reader.next() {
            #expect(record.line > previousLine)
            #expect(record.line <= physicalLines)
            #expect(record.cells.count == reader.selected.count)
            if let problem = record.problem { #expect(problem.line == record.line) }
            previousLine = record.line
            count += 1
            if count > bytes.count + 1 {
                Issue.record("more records than bytes: the reader is not advancing")
                return
            }
        }
    }

    @Test func randomCSVNeverCrashes() {
        let alphabet: [UInt8] = Array("\"\",,;;\n\n\r  ab1".utf8) + [0xC3, 0xA5, 0xFF, 0xEF, 0xBB, 0xBF]
        var generator = Generator(state: 42)
        for _ in 0..<3_000 {
            let length = generator.next(60)
            let bytes = (0..<length).map { _ in alphabet[generator.next(alphabet.count)] }
            checkInvariants(bytes, name: "x.csv", encoding: .utf8)
            checkInvariants(bytes, name: "x.csv", encoding: .windows1252)
        }
    }

    @Test func randomJSONLinesNeverCrash() {
        let pieces = [
            "{", "}", "[", "]", "\"a\"", "\"b\"", ":", ",", "1", "-0.5e3", "null", "true", "\"\\u00e5\"",
            "\"\\ud800\"", "\n", "\r\n", " ", "\\", "\"", "\u{FEFF}", "å"
        ]
        var generator = Generator(state: 7)
        for _ in 0..<3_000 {
            let length = generator.next(30)
            let text = (0..<length).map { _ in pieces[generator.next(pieces.count)] }.joined()
            var bytes = Array(text.utf8)
            if generator.next(4) == 0 && !bytes.isEmpty { bytes[generator.next(bytes.count)] = 0xFF }
            checkInvariants(bytes, name: "x.jsonl", encoding: .utf8)
        }
    }

    @Test func manyStrayQuotesStayFast() {
        var text = "id,text\n"
        for index in 0..<20_000 { text += "\(index),\"stray \(index % 3 == 0 ? "\"" : "")\n" }
        var reader = try? RecordReader(source: DataSource(name: "x.csv", bytes: Array(text.utf8)))
        var count = 0
        while reader?.next() != nil { count += 1 }
        #expect(count == 20_000)
    }
}
