import Foundation
import Testing

/// What each output shows of hostile and personal cells (issues 10 and 11), as golden files
/// of the commands run like a user runs them on `OutputGolden/utdata.csv`: personnummer masked
/// unless `--show-personnummer`, control characters visible, formula-like CSV cells neutralised,
/// the Swedish Excel dialect, `--max-per-rule`. Re-record with REGELVERK_RECORD=1 (the files are
/// rewritten and the test fails, so a run never passes by rewriting itself).
@Suite struct OutputGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("OutputGolden")
    static let recording = ProcessInfo.processInfo.environment["REGELVERK_RECORD"] != nil
    static let rules = "Tests/RegelverkEndToEndTests/OutputGolden/utdata.regel"
    static let data = "Tests/RegelverkEndToEndTests/OutputGolden/utdata.csv"

    /// Golden file name, and the command's arguments before the data file.
    static let cases: [(String, [String])] = [
        ("validate.txt", ["validate", "--rules", rules]),
        ("validate.show-personnummer.txt", ["validate", "--rules", rules, "--show-personnummer"]),
        ("validate.max-per-rule.txt", ["validate", "--rules", rules, "--max-per-rule", "1"]),
        ("validate.jsonl", ["validate", "--rules", rules, "--format", "jsonl"]),
        ("validate.csv", ["validate", "--rules", rules, "--format", "csv"]),
        ("validate.excel-sv.csv", ["validate", "--rules", rules, "--format", "excel-sv"]),
        ("validate.md", ["validate", "--rules", rules, "--format", "markdown"]),
        ("read.jsonl", ["read"]),
        ("read.rules.jsonl", ["read", "--rules", rules]),
        ("report.txt", ["report", "--rules", rules]),
        ("report.csv", ["report", "--rules", rules, "--format", "csv"]),
        ("report.excel-sv.csv", ["report", "--rules", rules, "--format", "excel-sv"]),
        ("report.jsonl", ["report", "--rules", rules, "--format", "jsonl"]),
        ("explain.txt", ["explain", "--rules", rules, "--record", "K2"]),
        ("explain.json", ["explain", "--rules", rules, "--record", "K1", "--format", "json"])
    ]

    @Test(arguments: cases.map(\.0))
    func outputIsAsRecorded(_ name: String) throws {
        let args = try #require(Self.cases.first { $0.0 == name }).1
        let result = try Binary.run(args + [Self.data])
        try verify("exit \(result.status)\n" + result.stdout + "--- stderr\n" + result.stderr, "utdata.\(name)")
    }

    @Test func everyGoldenFileHasACase() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter {
            $0.hasPrefix("utdata.") && $0 != "utdata.regel" && $0 != "utdata.csv"
        }
        if Self.recording { return }
        #expect(files.sorted() == Self.cases.map { "utdata.\($0.0)" }.sorted())
    }

    func verify(_ actual: String, _ file: String) throws {
        let url = Self.folder.appendingPathComponent(file)
        if Self.recording {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded OutputGolden/\(file); run again without REGELVERK_RECORD")
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "OutputGolden/\(file) differs from what the command prints now")
    }
}
