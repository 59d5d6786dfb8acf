import Foundation
import Testing

/// The findings `rulesets/examples/README.md` promises for each example export, as golden files of
/// `regelverk validate` (and `report`, for the rulesets with measures) run like a user runs them.
/// Cases come from `ExampleGolden/`: one `<ruleset>.validate.jsonl` per example export. To re-record
/// after an intended change, run with REGELVERK_RECORD=1: the files are rewritten and the test
/// fails, so a run never passes by rewriting itself. Then update the README to match.
@Suite struct ExampleGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("ExampleGolden")
    static let examples = Binary.repository.appendingPathComponent("rulesets/examples")
    static let recording = ProcessInfo.processInfo.environment["REGELVERK_RECORD"] != nil
    static let suffix = ".validate.jsonl"

    /// The example exports: every one must have a golden case.
    static func exampleNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: examples.path)
            .filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }.sorted()
    }

    static func goldenNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }.sorted()
    }

    @Test func everyExampleHasAGoldenCase() throws {
        let examples = try Self.exampleNames()
        #expect(examples.count == 5, "the five rulesets each have an example export")
        if Self.recording { return }
        let golden = try Self.goldenNames()
        #expect(!golden.isEmpty, "no golden cases in \(Self.folder.lastPathComponent)/")
        #expect(golden == examples, "golden cases \(golden) do not match the example exports \(examples)")
    }

    @Test func validateGivesTheExpectedFindings() throws {
        let names = try Self.exampleNames()
        try #require(!names.isEmpty)
        for name in names {
            let result = try Binary.run([
                "validate", "--rules", "rulesets/\(name).regel", "--format", "jsonl",
                "rulesets/examples/\(name).csv"
            ])
            try verify(result.stdout, "\(name).validate.jsonl")
            try verify("exit \(result.status)\n" + result.stderr, "\(name).validate.summary")
        }
    }

    @Test func reportGivesTheExpectedMeasures() throws {
        for name in ["skr-aterbesok", "vgr-oppenvardsprocess"] {
            let result = try Binary.run(["report", "--rules", "rulesets/\(name).regel", "rulesets/examples/\(name).csv"])
            #expect(result.status == 0, "\(name): \(result.stderr)")
            try verify(result.stdout, "\(name).report.txt")
        }
    }

    /// Each finding in the golden files is listed in the README: a line names both its record and its rule.
    @Test func theReadmeListsEveryFinding() throws {
        let readme = try String(contentsOf: Self.examples.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n").map(String.init)
        let names = try Self.goldenNames()
        try #require(!names.isEmpty, "no golden cases in \(Self.folder.lastPathComponent)/")
        for name in names {
            let golden = try String(contentsOf: Self.folder.appendingPathComponent(name + Self.suffix), encoding: .utf8)
            let findings = golden.split(separator: "\n")
            #expect(!findings.isEmpty, "\(name): the golden file has no findings")
            for line in findings {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                let record = try #require(object["record"] as? String), rule = try #require(object["rule"] as? String)
                #expect(
                    lines.contains { $0.contains(record) && $0.contains("`\(rule)`") },
                    "\(name): README.md does not list \(record) under `\(rule)`")
            }
        }
    }

    func verify(_ actual: String, _ file: String) throws {
        let url = Self.folder.appendingPathComponent(file)
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded ExampleGolden/\(file); run again without REGELVERK_RECORD")
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "ExampleGolden/\(file) differs from what the command prints now")
    }
}
