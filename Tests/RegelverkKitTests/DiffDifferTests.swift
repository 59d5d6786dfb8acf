import Testing
@testable import RegelCheck
@testable import RegelDiff
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

/// What the differ finds in the corpus cases, change by change (the golden
/// files show how it is rendered).
@Suite struct DiffDifferTests {
    func kinds(_ d: RulesetDiff) -> [String] { d.changes.map { "\($0.kind) \($0.id)" + ($0.aspect.map { " \($0.rawValue)" } ?? "") } }

    @Test func thresholdInsideARequire() throws {
        let d = try DiffSupport.corpusDiff("threshold")
        #expect(kinds(d) == ["rule-changed svarstid_rimlig require", "rule-changed svarstid_rimlig message"])
        let require = d.changes[0]
        #expect(require.oldSource?.text == "require svarstid <= 30")
        #expect(require.newSource?.text == "require svarstid <= 14")
        #expect(require.differences.map { [$0.oldSource?.text, $0.newSource?.text] } == [["30", "14"]])
    }

    @Test func renamesAreRenamesEvenWhenTheirUsesChangeName() throws {
        let d = try DiffSupport.corpusDiff("rename")
        #expect(kinds(d) == ["define-renamed journalford_ok", "rule-renamed datum_efter_referensdatum"])
        #expect(d.changes.map(\.oldId) == ["dokumenterad", "framtida_datum"])
        #expect(d.renamedRuleIds == ["framtida_datum": "datum_efter_referensdatum"])
    }

    @Test func aDefinitionChangeNamesTheThreeRulesItAffects() throws {
        let d = try DiffSupport.corpusDiff("definition-change")
        #expect(kinds(d) == ["define-changed distanskontakt value"])
        let affects = d.changes[0].affects
        #expect(affects.filter { $0.kind == .rule }.map(\.id) == ["distans_journalford", "svarstid_rimlig", "sen_distans_enhet"])
        #expect(affects.first { $0.id == "sen_distans_enhet" }?.through == ["sen_distanskontakt"])
        #expect(affects.contains { $0.kind == .capCheck && $0.id == "per_vecka" && $0.parent == "distanstak" })
        #expect(affects.contains { $0.kind == .measure && $0.id == "andel_journalford" })
        #expect(d.changes[0].differences.map { $0.newSource?.text } == ["enhet != \"Jourmottagningen\""])
    }

    @Test func schemaChanges() throws {
        let d = try DiffSupport.corpusDiff("schema")
        #expect(kinds(d) == ["field-changed kontakttyp codes", "field-changed svarstid type", "field-changed remiss optional", "field-added vardgivare"])
        #expect(d.changes[0].addedItems == ["chatt"] && d.changes[0].removedItems.isEmpty)
        #expect(d.changes[1].old == "int" && d.changes[1].new == "decimal")
        #expect(d.changes[2].old == "required" && d.changes[2].new == "optional")
    }

    @Test func codeSetChange() throws {
        let d = try DiffSupport.corpusDiff("code-set")
        #expect(kinds(d) == ["codes-changed distans codes"])
        #expect(d.changes[0].addedItems == ["besok"] && d.changes[0].removedItems == ["video"])
        #expect(d.changes[0].affects.filter { $0.kind == .rule }.count == 3)
    }

    @Test func severityMessageTitleCitation() throws {
        let d = try DiffSupport.corpusDiff("severity-message")
        #expect(
            kinds(d) == [
                "rule-changed svarstid_rimlig title", "rule-changed svarstid_rimlig severity",
                "rule-changed svarstid_rimlig cites", "rule-changed svarstid_rimlig message"
            ])
        #expect(d.changes[1].old == "warning" && d.changes[1].new == "error")
    }

    @Test func headerVersion() throws {
        let d = try DiffSupport.corpusDiff("header-version")
        #expect(kinds(d) == ["header-changed demo-kontakter version", "header-changed demo-kontakter effective", "header-changed demo-kontakter until"])
        #expect(d.changes[0].old == "1.0" && d.changes[0].new == "1.1")
        #expect(d.changes[2].old == nil && d.changes[2].new == "2025-12-31")
    }

    @Test func capLimit() throws {
        let d = try DiffSupport.corpusDiff("cap-limit")
        #expect(kinds(d) == ["cap-check-changed per_vecka threshold", "cap-check-added per_manad"])
        #expect(d.changes[0].old == "3" && d.changes[0].new == "2" && d.changes[0].parent == "distanstak")
        #expect(d.changes[0].oldSource?.text == "limit per_vecka: at most 3 per iso week")
    }

    @Test func parametersMeasuresNotes() throws {
        let d = try DiffSupport.corpusDiff("params-measures-notes")
        #expect(
            kinds(d) == [
                "param-changed referensdatum default", "note-changed Kontakttypen registreras av vårdgivaren och prövas inte. cites",
                "note-added Svarstiden mäts i hela dagar.", "rule-changed framtida_datum when",
                "measure-changed andel_journalford group-by", "measure-value-added ej_journalforda"
            ])
        #expect(d.changes[0].affects.map(\.id) == ["framtida_datum"])
    }

    @Test(arguments: ["reorder-only", "reformat-only", "tests-only"])
    func noSemanticChange(_ name: String) throws {
        let d = try DiffSupport.corpusDiff(name)
        #expect(d.changes.isEmpty, "\(kinds(d))")
        #expect(d.testsChanged == (name == "tests-only"))
    }

    @Test func aCapSeverityNamesTheChecksThatInheritIt() throws {
        let old = try DiffSupport.corpusRuleset("cap-limit", "old.regel")
        let text = try DiffSupport.edited(
            try GoldenFiles.input("diff/cap-limit", "old.regel"), [("  severity warning\n  when distanskontakt", "  severity info\n  when distanskontakt")])
        let d = Differ.diff(old: old, new: try DiffSupport.checked(text, path: "new.regel"))
        #expect(kinds(d) == ["cap-changed distanstak severity"])
        #expect(d.changes[0].inheritedBy == ["per_vecka"])
    }

    @Test func inliningADefinitionChangesNoRule() throws {
        let old = try DiffSupport.corpusRuleset("threshold", "old.regel")
        let text = try DiffSupport.edited(try GoldenFiles.input("diff/threshold", "old.regel"), [("  require dokumenterad\n", "  require journalford\n")])
        let d = Differ.diff(old: old, new: try DiffSupport.checked(text, path: "new.regel"))
        #expect(d.changes.isEmpty, "\(kinds(d))")
    }
}
