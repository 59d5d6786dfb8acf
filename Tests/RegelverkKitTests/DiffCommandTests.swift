import Foundation
import Testing
@testable import RegelCheck
@testable import RegelDiff
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

/// `regelverk diff` as a user runs it: arguments, exit status like diff(1),
/// directories, formats, --data with --param.
@Suite struct DiffCommandTests {
    static func corpusFile(_ name: String, _ file: String) -> String {
        DiffSupport.corpus.appendingPathComponent(name).appendingPathComponent(file).path
    }

    @Test func helpHasAnExample() {
        let r = DiffSupport.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("usage: regelverk diff"))
        #expect(r.stdout.contains("example"))
        #expect(RegelverkCLI.usage.contains("diff OLD NEW"))
    }

    @Test func exitStatusIsZeroOneOrTwo() throws {
        #expect(DiffSupport.run([Self.corpusFile("reformat-only", "old.regel"), Self.corpusFile("reformat-only", "new.regel")]).status == 0)
        #expect(DiffSupport.run([Self.corpusFile("threshold", "old.regel"), Self.corpusFile("threshold", "new.regel")]).status == 1)
        let missing = DiffSupport.run([Self.corpusFile("threshold", "old.regel"), "/nonexistent/new.regel"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file or directory: '/nonexistent/new.regel'"))
        #expect(DiffSupport.run([Self.corpusFile("threshold", "old.regel")]).status == 2)
        #expect(DiffSupport.run([Self.corpusFile("threshold", "old.regel"), DiffSupport.corpus.path]).status == 2)
        #expect(DiffSupport.run(["--format", "html", Self.corpusFile("threshold", "old.regel"), Self.corpusFile("threshold", "new.regel")]).status == 2)
    }

    @Test func aRuleFileWithErrorsIsReportedLikeCheckDoes() throws {
        let dir = try DiffSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = dir.appendingPathComponent("broken.regel")
        try DiffSupport.write(
            try DiffSupport.edited(try GoldenFiles.input("diff/threshold", "new.regel"), [("require svarstid <= 14", "require svarstid <= \"14\"")]), to: broken
        )
        let r = DiffSupport.run([Self.corpusFile("threshold", "old.regel"), broken.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(broken.path):42:"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func directoriesAreMatchedByRulesetName() throws {
        let dir = try DiffSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = dir.appendingPathComponent("old"), new = dir.appendingPathComponent("new")
        try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: new, withIntermediateDirectories: true)
        let stockholm = try DiffSupport.stockholmText()
        try DiffSupport.write(try GoldenFiles.input("diff/threshold", "old.regel"), to: old.appendingPathComponent("demo.regel"))
        try DiffSupport.write(try GoldenFiles.input("diff/threshold", "new.regel"), to: new.appendingPathComponent("demo-2.regel"))
        try DiffSupport.write(stockholm, to: old.appendingPathComponent("stockholm.regel"))
        try DiffSupport.write(stockholm, to: new.appendingPathComponent("sthlm.regel"))
        let other = try DiffSupport.edited(try GoldenFiles.input("diff/threshold", "old.regel"), [("ruleset \"demo-kontakter\"", "ruleset \"demo-ny\"")])
        try DiffSupport.write(other, to: new.appendingPathComponent("ny.regel"))

        let r = DiffSupport.run([old.path, new.path])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("added ruleset demo-ny 1.0"))
        #expect(r.stdout.contains("+++ \(new.path)/demo-2.regel (demo-kontakter, version 1.0)"))
        #expect(r.stdout.contains("changed rule svarstid_rimlig"))
        #expect(r.stdout.contains("+++ \(new.path)/sthlm.regel (stockholm-rehab, version 3.0)\n\nno semantic change"))

        // One changed ruleset: --data runs it.
        try FileManager.default.removeItem(at: new.appendingPathComponent("ny.regel"))
        let withData = DiffSupport.run(["--data", Self.corpusFile("threshold", "data.csv"), old.path, new.path])
        #expect(withData.status == 1, "\(withData.stderr)")
        #expect(withData.stdout.contains("svarstid_rimlig: 2 newly flagged"))
    }

    @Test func jsonLinesHaveTheSameKeysOnEveryChange() throws {
        let r = DiffSupport.run([
            "--format", "jsonl", "--data", Self.corpusFile("cap-limit", "data.csv"),
            Self.corpusFile("cap-limit", "old.regel"), Self.corpusFile("cap-limit", "new.regel")
        ])
        #expect(r.status == 1)
        let objects = try r.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not an object: \(line)")
        }
        let changes = objects.filter { ($0["kind"] as? String)?.hasSuffix("-changed") == true || ($0["kind"] as? String)?.hasSuffix("-added") == true }
        #expect(changes.count == 2)
        for c in changes {
            for key in ["kind", "ruleset", "id", "aspect", "old", "new", "old_source", "new_source", "old_line", "new_line"] {
                #expect(c[key] != nil, "no \(key) in \(c)")
            }
        }
        let threshold = try #require(changes.first)
        #expect(threshold["kind"] as? String == "cap-check-changed" && threshold["aspect"] as? String == "threshold")
        #expect(threshold["old"] as? String == "3" && threshold["new"] as? String == "2")
        let impact = try #require(objects.first { $0["kind"] as? String == "impact" })
        #expect(impact["rule"] as? String == "per_vecka" && impact["newly_flagged"] as? Int == 1 && impact["no_longer_flagged"] as? Int == 0)
        #expect((impact["sample_new"] as? [[String: Any]])?.first?["record"] as? String == "k3")
    }

    @Test func markdownIsAChangeNote() {
        let r = DiffSupport.run(["--format", "markdown", Self.corpusFile("threshold", "old.regel"), Self.corpusFile("threshold", "new.regel")])
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("# Changes to `demo-kontakter`"))
        #expect(r.stdout.contains("| declaration | change |"))
        #expect(r.stdout.contains("```diff\n- require svarstid <= 30\n+ require svarstid <= 14\n```"))
    }

    /// A parameter only the new version has is set there and not refused by the old one.
    @Test func paramsApplyToTheVersionsThatHaveThem() throws {
        let dir = try DiffSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let new = dir.appendingPathComponent("new.regel")
        try DiffSupport.write(
            try DiffSupport.edited(
                try GoldenFiles.input("diff/threshold", "old.regel"),
                [
                    ("param referensdatum: date = 2025-01-01", "param referensdatum: date = 2025-01-01\nparam grans: int = 30"),
                    ("require svarstid <= 30", "require svarstid <= grans")
                ]), to: new)
        let old = Self.corpusFile("threshold", "old.regel"), data = Self.corpusFile("threshold", "data.csv")
        let same = DiffSupport.run(["--data", data, old, new.path])
        #expect(same.stdout.contains("no record is flagged differently"), "\(same.stdout)\(same.stderr)")
        let tighter = DiffSupport.run(["--data", data, "--param", "grans=14", old, new.path])
        #expect(tighter.stdout.contains("svarstid_rimlig: 2 newly flagged"), "\(tighter.stdout)\(tighter.stderr)")
        let unknown = DiffSupport.run(["--data", data, "--param", "grns=14", old, new.path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Did you mean `grans`?"))
        #expect(DiffSupport.run(["--param", "grans=14", old, new.path]).status == 2)
    }

    @Test func outputGoesToAFileWithoutColour() throws {
        let dir = try DiffSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("diff.txt").path
        let r = DiffSupport.run(["--output", out, Self.corpusFile("threshold", "old.regel"), Self.corpusFile("threshold", "new.regel")])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.contains("require changed: `30` → `14`") && !written.contains("\u{1B}["))
    }

    @Test func colourOnlyWhenAsked() throws {
        let report = DiffReport(comparisons: [.init(diff: try DiffSupport.corpusDiff("threshold"))])
        #expect(DiffTextRenderer(colour: true).render(report).contains("\u{1B}[31m- old.regel:42"))
        #expect(!DiffTextRenderer(colour: false).render(report).contains("\u{1B}["))
    }
}
