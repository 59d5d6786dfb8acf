import Foundation
import Testing
import RegelData
@testable import RegelCheck
@testable import RegelDiff
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

/// The diff corpus: Golden/diff/<case>/old.regel and new.regel, and the
/// expected text rendering in expected.txt (expected.md and expected.jsonl for
/// some cases). A case with data.csv includes the impact on those records.
/// REGELVERK_RECORD=1 re-records the files and fails the run.
@Suite struct DiffGoldenTests {
    static let cases: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: DiffSupport.corpus.path)) ?? [])
        .filter { !$0.hasPrefix(".") }.sorted()
    static let unchanged: Set<String> = ["reorder-only", "reformat-only", "tests-only"]
    static let withMarkdownAndJSON: Set<String> = ["threshold", "definition-change"]

    static func report(_ name: String) throws -> DiffReport {
        let old = try DiffSupport.corpusRuleset(name, "old.regel"), new = try DiffSupport.corpusRuleset(name, "new.regel")
        let diff = Differ.diff(old: old, new: new)
        var comparison = DiffReport.Comparison(diff: diff)
        let data = DiffSupport.corpus.appendingPathComponent(name).appendingPathComponent("data.csv")
        if let bytes = FileManager.default.contents(atPath: data.path) {
            let source = DataSource(name: "data.csv", bytes: Array(bytes))
            comparison.impact = try ImpactAnalysis.run(diff, old: old, new: new, params: [], sources: [source])
        }
        return DiffReport(comparisons: [comparison])
    }

    @Test func theCorpusHasTheIssuesCases() {
        for name in [
            "threshold", "rename", "reorder-only", "reformat-only", "definition-change", "schema", "code-set",
            "severity-message", "header-version", "cap-limit"
        ] {
            #expect(Self.cases.contains(name), "no corpus case \(name)")
        }
    }

    @Test(arguments: cases)
    func textMatchesGolden(_ name: String) throws {
        let report = try Self.report(name)
        try GoldenFiles.verify(DiffTextRenderer().render(report), "diff/\(name)", "expected", kind: "txt")
        if Self.withMarkdownAndJSON.contains(name) {
            try GoldenFiles.verify(DiffMarkdownRenderer().render(report), "diff/\(name)", "expected", kind: "md")
            try GoldenFiles.verify(DiffJSONRenderer().render(report), "diff/\(name)", "expected", kind: "jsonl")
        }
    }

    @Test(arguments: cases)
    func semanticChangeOrNot(_ name: String) throws {
        let report = try Self.report(name)
        #expect(report.hasSemanticChanges == !Self.unchanged.contains(name))
        if Self.unchanged.contains(name) {
            #expect(DiffTextRenderer().render(report).contains("no semantic change (reformatting, reordering or comments only)"))
        }
    }
}
