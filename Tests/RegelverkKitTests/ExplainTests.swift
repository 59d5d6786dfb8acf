import Foundation
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

// `regelverk explain`: the traced values must agree with a real run, and the
// lists of records behind conditions across records and caps must be right.

@Suite struct ExplainTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func explain(_ rules: String, _ csv: String, id: String, only: String? = nil) throws -> Explanation {
        let checked = try #require(EvalSupport.load(rules))
        return try Explainer.explain(
            checked, params: checked.params.map(\.defaultValue),
            sources: [DataSource(name: "t.csv", bytes: Array(csv.utf8))], id: id, only: only)
    }

    @Test func aRuleThatBreaksShowsEveryPartAndTheMessage() throws {
        let rules = EvalSupport.ruleset(
            "  id: text\n  typ: text\n  journalford: bool",
            """
            rule jf
              severity error
              when typ in ["KT", "KB"]
              require journalford
              message "Kontakt {id} är inte journalförd."
            end
            rule annan
              severity error
              when typ = "BES"
              require journalford
            end
            """)
        let x = try explain(rules, "id,typ,journalford\nA,KT,nej\nB,KB,ja\n", id: "A")
        let rule = try #require(x.rules.first)
        #expect(x.rules.count == 1)
        #expect(rule.outcome == .breaks)
        #expect(rule.when?.value == .bool(true))
        #expect(rule.when?.children.first?.text == "typ")
        #expect(rule.when?.children.first?.value == .text("KT"))
        #expect(rule.require.value == .bool(false))
        #expect(rule.message == "Kontakt A är inte journalförd.")
        #expect(x.notApplicable == ["annan"])
        let text = ExplainTextRenderer().render(x)
        #expect(text.contains("posten bryter regeln"))
        #expect(text.contains("typ in [\"KT\", \"KB\"]"))
        let b = try explain(rules, "id,typ,journalford\nA,KT,nej\nB,KB,ja\n", id: "B")
        #expect(b.rules.first?.outcome == .passes)
        #expect(b.rules.first?.message == nil)
    }

    @Test func aConditionAcrossRecordsListsTheRecordsConsideredAndMatched() throws {
        let rules = EvalSupport.ruleset(
            "  id: text\n  patient: text\n  typ: text\n  n: int",
            """
            rule dubblett
              severity error
              require not exists other where other.patient = patient and other.n > n
            end
            """)
        let csv = "id,patient,typ,n\nA,p1,X,1\nB,p1,X,2\nC,p1,X,0\nD,p2,X,9\n"
        let x = try explain(rules, csv, id: "A")
        let across = try #require(x.rules.first?.require.children.first?.across)
        #expect(across.considered.map(\.record) == ["B", "C"])
        #expect(across.matched.map(\.record) == ["B"])
        #expect(across.matched.first?.line == 3)
        #expect(x.rules.first?.outcome == .breaks)
    }

    @Test func aCapShowsTheCountsAndTheContactsThatUsedTheLimitUp() throws {
        let rules = EvalSupport.ruleset(
            "  id: text\n  patient: text\n  datum: date\n  ok: bool",
            """
            cap ers
              severity warning
              per patient
              order by datum, id
              require innehall: ok
              limit manad: at most 2 per month
            end
            """)
        let csv = "id,patient,datum,ok\nA,p,2024-01-02,ja\nB,p,2024-01-03,nej\nC,p,2024-01-04,ja\nD,p,2024-01-05,ja\nE,q,2024-01-05,ja\n"
        let x = try explain(rules, csv, id: "D")
        let cap = try #require(x.caps.first)
        #expect(cap.trace.steps.map(\.ref.record) == ["A", "B", "C", "D"])
        #expect(cap.trace.steps.map(\.accepted) == [true, false, true, false])
        let limit = try #require(cap.trace.limits.first)
        #expect(limit.count == 2 && limit.broken)
        #expect(limit.counted.map(\.record) == ["A", "C"])
        #expect(cap.findings.map(\.check) == ["manad"])
    }

    @Test func aMissingOrDuplicateIdIsAnError() throws {
        let rules = EvalSupport.ruleset("  id: text\n  ok: bool", "rule r\n  severity error\n  require ok\nend")
        #expect(throws: InputError.self) { try explain(rules, "id,ok\nA,ja\n", id: "Z") }
        do {
            _ = try explain(rules, "id,ok\nA,ja\nA,nej\n", id: "A")
            Issue.record("a duplicate id was explained")
        } catch let e as InputError {
            #expect(e.description.contains("2 times"))
            #expect(e.description.contains("t.csv:2") && e.description.contains("t.csv:3"))
        }
    }

    /// Every record of every shipped example: a rule is explained as broken
    /// exactly when validate gives its finding, and a cap check likewise.
    @Test(arguments: ["skane-distans", "stockholm-rehab", "vgr-primar-sekundar", "vgr-oppenvardsprocess"])
    func explanationsAgreeWithValidateOnTheShippedExamples(_ name: String) throws {
        let loaded = try RulesetLoader.load(path: Self.repository.appendingPathComponent("rulesets/\(name).regel").path)
        let checked = try #require(loaded.checked)
        let csvPath = Self.repository.appendingPathComponent("rulesets/examples/\(name).csv").path
        let source = try DataSource.load(path: csvPath)
        let params = checked.params.map(\.defaultValue)
        let findings = try Validation.run(checked, params: params, sources: [source]).findings.filter { $0.kind == .rule }
        let table = try TableLoader.load(source, for: checked).table
        let idSlot = try #require(checked.idSlot)
        // A sample keeps the test fast: every fifteenth record and every record with a finding.
        let flagged = Set(findings.map(\.record))
        for row in 0..<table.count {
            let id = table.value(idSlot, row).description
            guard row % 15 == 0 || flagged.contains(id) else { continue }
            let x = try Explainer.explain(checked, params: params, sources: [source], id: id, only: nil)
            let expected = Set(findings.filter { $0.record == id }.map(\.rule))
            let broken = Set(x.rules.filter { $0.outcome == .breaks }.map(\.id))
                .union(x.caps.flatMap { c in c.trace.steps.filter(\.isTarget).flatMap(\.broke) })
            #expect(broken == expected, "\(name) \(id)")
        }
    }

    @Test func theCommandExplainsAShippedFindingAndRefusesAnUnknownId() throws {
        let rules = Self.repository.appendingPathComponent("rulesets/skane-distans.regel").path
        let data = Self.repository.appendingPathComponent("rulesets/examples/skane-distans.csv").path
        let console = Console(capture: true)
        #expect(RegelverkCLI.main(["explain", "--rules", rules, "--record", "SKD-0001", "--rule", "te_fore_bes", data], console: console) == 0)
        #expect(console.output.contains("av dem uppfyller villkoret: 1 — SKD-0002"))
        #expect(console.output.contains("19760531-****") && !console.output.contains("19760531-2383"))
        let json = Console(capture: true)
        #expect(RegelverkCLI.main(["explain", "--rules", rules, "--record", "SKD-0001", "--format", "json", data], console: json) == 0)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let rule = try #require((parsed["rules"] as? [[String: Any]])?.first { $0["id"] as? String == "te_fore_bes" })
        #expect(rule["outcome"] as? String == "breaks")
        let missing = Console(capture: true)
        #expect(RegelverkCLI.main(["explain", "--rules", rules, "--record", "SKD-9999", data], console: missing) == 2)
        #expect(missing.errors.contains("no record has id `SKD-9999`"))
    }
}
