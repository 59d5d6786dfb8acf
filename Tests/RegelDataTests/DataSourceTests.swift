import Foundation
import RegelData
import Testing

@Suite struct DataSourceTests {
    @Test func loadsAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("regeldata-\(UUID().uuidString).csv")
        try Data("a;b\n1;2\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let source = try DataSource.load(path: url.path)
        #expect(source.name == url.path)
        #expect(Array(source.bytes) == Array("a;b\n1;2\n".utf8))
    }

    /// Pages handed back (a whole-input read does it as it goes, each part
    /// of the input its own) read the same bytes again when touched.
    @Test func releasedPagesReadTheSameBytes() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("regeldata-\(UUID().uuidString).csv")
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let source = try DataSource.load(path: url.path)
        #expect(Array(source.bytes) == bytes)
        source.storage.release(5000..<120_000)
        source.storage.release(150_001..<10_000_000)
        source.storage.release(7..<9)
        #expect(Array(source.bytes) == bytes)
    }

    @Test func missingFileHasAClearMessage() {
        do {
            _ = try DataSource.load(path: "/nonexistent/x.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "cannot read '/nonexistent/x.csv': No such file or directory")
        }
    }

    @Test func directoryHasAClearMessage() {
        do {
            _ = try DataSource.load(path: FileManager.default.temporaryDirectory.path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasSuffix("Is a directory"))
        }
    }
}

@Suite struct RecordFormatTests {
    @Test func guessesFromTheExtension() {
        #expect(RecordFormat.guess(name: "a.JSONL", bytes: []) == .jsonLines)
        #expect(RecordFormat.guess(name: "a.ndjson", bytes: []) == .jsonLines)
        #expect(RecordFormat.guess(name: "a.json", bytes: Array("x".utf8)) == .jsonLines)
        #expect(RecordFormat.guess(name: "a.csv", bytes: Array("{".utf8)) == .csv)
        #expect(RecordFormat.guess(name: "a.txt", bytes: Array("{".utf8)) == .csv)
    }

    @Test func otherwiseSniffsTheFirstByte() {
        #expect(RecordFormat.guess(name: "<stdin>", bytes: Array(" \n {\"a\":1}".utf8)) == .jsonLines)
        #expect(RecordFormat.guess(name: "<stdin>", bytes: [0xEF, 0xBB, 0xBF] + Array("{}".utf8)) == .jsonLines)
        #expect(RecordFormat.guess(name: "export", bytes: Array("id;namn".utf8)) == .csv)
        #expect(RecordFormat.guess(name: "export", bytes: []) == .csv)
    }

    @Test func readerUsesTheGuess() throws {
        let reader = try RecordReader(source: DataSource(name: "<stdin>", bytes: Array("{\"a\":1}".utf8)))
        #expect(reader.format == .jsonLines)
        let forced = try RecordReader(source: DataSource(name: "x.jsonl", bytes: Array("a,b\n".utf8)), format: .csv)
        #expect(forced.header == ["a", "b"])
    }
}
