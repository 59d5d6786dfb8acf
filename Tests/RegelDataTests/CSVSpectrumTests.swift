import Foundation
import RegelData
import Testing

/// csv-spectrum: every `csvs/X.csv` must read to `json/X.json`.
@Suite(
    .enabled(
        if: ConformanceData.isAvailable("csv-spectrum"),
        "conformance data not found at ../shared/conformance/csv-spectrum"))
struct CSVSpectrumTests {
    /// `location_coordinates` is broken in the suite itself (its JSON is not an
    /// array and has a different phone number), so it is skipped.
    static let cases = ConformanceData.fileNames(in: "csv-spectrum/csvs", suffix: ".csv")
        .map { String($0.dropLast(4)) }
        .filter { $0 != "location_coordinates" }

    @Test(arguments: cases)
    func readsAsExpected(name: String) throws {
        try check(folder: "csv-spectrum", name: name, encoding: .utf8)
    }

    @Test func readsHistoricalLatin1AsWindows1252() throws {
        try check(folder: "csv-spectrum/historical-latin1", name: "latin1", encoding: .windows1252)
    }

    @Test func suiteIsNotEmpty() {
        #expect(Self.cases.count >= 11)
    }

    private func check(folder: String, name: String, encoding: TextEncoding) throws {
        let bytes = try ConformanceData.bytes("\(folder)/csvs/\(name).csv")
        let expectedJSON = try ConformanceData.bytes("\(folder)/json/\(name).json")
        let expected = try #require(JSONSerialization.jsonObject(with: Data(expectedJSON)) as? [[String: String]])

        let (reader, records) = try readAll(bytes: bytes, name: "\(name).csv", encoding: encoding)
        #expect(records.count == expected.count)
        for (record, expectedRecord) in zip(records, expected) {
            #expect(record.problem == nil)
            #expect(Set(reader.header) == Set(expectedRecord.keys))
            for (column, cell) in zip(reader.selected, record.cells) {
                let text: String
                switch cell {
                case .missing: text = ""
                case .text(let value): text = value
                case .list: Issue.record("CSV must never yield a list"); continue
                }
                #expect(text == expectedRecord[column], "\(name): column \(column) at line \(record.line)")
            }
        }
    }
}
