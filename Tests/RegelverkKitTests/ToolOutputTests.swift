import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import RegelData
import Testing
@testable import RegelValues
@testable import RegelSyntax
@testable import RegelRun
@testable import RegelGenerate
@testable import RegelEval
@testable import RegelDiff
@testable import RegelCheck
@testable import RegelverkKit

// Outputs for tools: SARIF from `check`, JUnit XML from `test` and
// `validate`, Markdown and HTML from `validate`, and test coverage.

@Suite struct ToolOutputTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func cli(_ args: [String]) -> (Int32, Console) {
        let console = Console(capture: true)
        return (RegelverkCLI.main(args, console: console), console)
    }

    func rulesetFile(_ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("regelverk-tools-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("mine.regel").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func sarifHasTheFieldsThe210SchemaRequires() throws {
        let path = try rulesetFile(
            "ruleset \"x\"\nversion \"1\"\nsource \"d\"\n\nrecord r\n  id: text\n  ok: bool\nend\n\nrule r1\n  severity error\n  cites \"1\"\n  require "
                + "okk\nend\n"
        )
        let (status, console) = cli(["check", "--format", "sarif", path])
        #expect(status == 2)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(console.output.utf8)) as? [String: Any])
        #expect(json["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        #expect(json["version"] as? String == "2.1.0")
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "regelverk")
        let ruleIds = (driver["rules"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        let results = try #require(run["results"] as? [[String: Any]])
        let error = try #require(results.first { $0["level"] as? String == "error" })
        let code = try #require(error["ruleId"] as? String)
        #expect(ruleIds.contains(code))
        #expect(((error["message"] as? [String: Any])?["text"] as? String)?.contains("okk") == true)
        let physical = try #require(((error["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == path)
        let region = try #require(physical["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 13)
        #expect(region["startColumn"] as? Int == 11)
        for r in results { #expect(["error", "warning", "note", "none"].contains(r["level"] as? String ?? "")) }
    }

    @Test func checkJSONListsEveryDiagnostic() throws {
        let path = try rulesetFile(
            "ruleset \"x\"\nversion \"1\"\nsource \"d\"\n\nrecord r\n  id: text\nend\n\nrule r1\n  severity error\n  require nope\nend\n")
        let (_, console) = cli(["check", "--format", "json", path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(console.output.utf8)) as? [String: Any])
        let list = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(json["errors"] as? Int == list.filter { $0["severity"] as? String == "error" }.count)
        #expect(list.contains { $0["line"] as? Int == 11 && ($0["message"] as? String ?? "").contains("nope") })
    }

    /// Parses JUnit XML and returns (suite name, [(case name, failed)]).
    func parseJUnit(_ xml: String) throws -> [(String, [(String, Bool)])] {
        final class Collector: NSObject, XMLParserDelegate {
            var suites: [(String, [(String, Bool)])] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == "testsuite" { suites.append((attributes["name"] ?? "", [])) }
                if name == "testcase" { suites[suites.count - 1].1.append((attributes["name"] ?? "", false)) }
                if name == "failure" { let s = suites.count - 1; suites[s].1[suites[s].1.count - 1].1 = true }
            }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "the XML does not parse: \(String(describing: parser.parserError))")
        return collector.suites
    }

    @Test func testJUnitParsesAndReportsAFailingTest() throws {
        let path = try rulesetFile(
            """
            ruleset "x"
            version "1"
            source "d <&> \\"citat\\""

            record r
              id: text
              ok: bool
            end

            rule r1
              severity error
              cites "1"
              require ok
            end

            test "passerar <&>"
              record a { id: "a", ok: true }
              expect a passes r1
            end

            test "fallerar"
              record a { id: "a", ok: true }
              expect a breaks r1
            end
            """)
        let (status, console) = cli(["test", "--format", "junit", path])
        #expect(status == 1)
        let suites = try parseJUnit(console.output)
        #expect(suites.count == 1)
        #expect(suites[0].1.map(\.0) == ["passerar <&>", "fallerar"])
        #expect(suites[0].1.map(\.1) == [false, true])
        let (_, only) = cli(["test", "--run", "^pass", path])
        #expect(only.output.hasSuffix("1 passed, 0 failed\n"))
    }

    @Test func validateJUnitAndMarkdownOnTheSkaneExample() throws {
        let rules = Self.repository.appendingPathComponent("rulesets/skane-distans.regel").path
        let data = Self.repository.appendingPathComponent("rulesets/examples/skane-distans.csv").path
        let (status, console) = cli(["validate", "--rules", rules, "--format", "junit", data])
        #expect(status == 1)
        let suites = try parseJUnit(console.output)
        let cases = suites.first?.1 ?? []
        let checked = try #require(try RulesetLoader.load(path: rules).checked)
        #expect(cases.count == checked.ruleIds.count)
        #expect(cases.first { $0.0.hasPrefix("ersatter_journalford:") }?.1 == true)
        #expect(cases.first { $0.0.hasPrefix("te_fore_bes:") }?.1 == false, "a warning is not a failure")
        let (_, md) = cli(["validate", "--rules", rules, "--format", "markdown", data])
        #expect(md.output.contains("| `ersatter_journalford` | error |"))
        #expect(md.output.range(of: #"\d{8}-\d{4}"#, options: .regularExpression) == nil, "personnummer are masked")
        #expect(md.output.contains("-****"))
    }

    @Test func htmlEscapesCellsAndMasksPersonnummer() throws {
        let rules = EvalSupport.ruleset(
            "  id: text\n  patient: personnummer\n  enhet: text\n  datum: date\n  ok: bool",
            """
            rule r1
              severity error
              cites "Avsnitt <1>"
              require ok
              message "Kontakt {id} på {enhet}."
            end
            """)
        let checked = try #require(EvalSupport.load(rules))
        let csv = "id,patient,enhet,datum,ok\n\"<b>x</b>\",19811218-9876,\"<script>alert(1)</script>\",2024-02-03,nej\n"
        let source = DataSource(name: "t.csv", bytes: Array(csv.utf8))
        let result = try Validation.run(checked, params: [], sources: [source])
        let context = try FindingContext.build(checked, sources: [source], format: nil, encoding: .utf8)
        let html = ValidationHTMLReport(ruleset: checked, result: result, context: context, inputs: ["t.csv"]).render()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>x"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("19811218-****") && !html.contains("9876"))
        #expect(html.contains("Avsnitt &lt;1&gt;"))
        #expect(html.contains("id=\"chart-months\"") && html.contains("id=\"chart-units\""))
    }

    @Test func coverageShowsARuleWhoseTestsNeverMakeItPass() throws {
        let path = Self.repository.appendingPathComponent("Tests/RegelverkKitTests/Golden/coverage/never-passes.regel").path
        let checked = try #require(try RulesetLoader.load(path: path).checked)
        let coverage = TestCoverage.measure(checked)
        let rule = try #require(coverage.rules.first)
        #expect(rule.breaks && !rule.passes)
        // when: two `or` operands; require: two `and` operands and one `otherwise`.
        #expect(rule.branches.map(\.kind) == ["or", "or", "and", "and", "otherwise"])
        #expect(rule.branches[0].seen == (true, false))
        #expect(rule.branches[1].seen == (false, true))
        #expect(rule.branches[4].seen == (false, true), "bedomning is missing in the only record: the fallback is used")
        // breaks; each operand seen one way only; the fallback used, never skipped.
        #expect(coverage.covered == 1 + 0 + 1 + 1 + 1 + 1 + 1 && coverage.total == 12)
        let (status, console) = cli(["test", "--coverage", path])
        #expect(status == 0)
        #expect(console.output.contains("no test record passes it"))
        #expect(console.output.contains("50 % of rule outcomes and branches (6 of 12)"))
        let (_, json) = cli(["test", "--coverage", "--format", "json", path])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let file = try #require((parsed["files"] as? [[String: Any]])?.first)
        #expect((file["rules"] as? [[String: Any]])?.first?["passes"] as? Bool == false)
    }

    @Test func formatDiffShowsWhatFormattingWouldChange() throws {
        let path = try rulesetFile(
            "ruleset \"x\"\nversion \"1\"\nsource \"d\"\n\nrecord r\n  id:    text\n  ok: bool\nend\n\nrule r1\n  severity error\n  cites \"1\"\n  require "
                + "ok\nend\n"
        )
        let (status, console) = cli(["format", "--diff", path])
        #expect(status == 1)
        #expect(console.output.hasPrefix("--- \(path)\n+++ \(path) (formatted)\n@@ -3,7 +3,7 @@\n"))
        #expect(console.output.contains("\n-  id:    text\n+  id: text\n"))
        let (clean, quiet) = cli(["format", "--diff", Self.repository.appendingPathComponent("rulesets").path])
        #expect(clean == 0 && quiet.output.isEmpty)
    }

    @Test func coverageFollowsOperandsAcrossRecords() throws {
        let text = EvalSupport.ruleset(
            "  id: text\n  p: text\n  ok: bool",
            """
            rule r
              severity error
              require ok or exists other where other.p = p and other.ok
            end
            test "t"
              record a { id: "a", p: "x", ok: false }
              record b { id: "b", p: "x", ok: true }
              record c { id: "c", p: "y", ok: false }
              expect a passes r
              expect c breaks r
            end
            """)
        let checked = try #require(EvalSupport.load(text))
        let rule = try #require(TestCoverage.measure(checked).rules.first)
        #expect(rule.breaks && rule.passes)
        #expect(rule.branches.map(\.kind) == ["or", "or"])
        #expect(rule.branches[1].seen == (true, true), "a finds b; b and c find nothing")
    }
}
