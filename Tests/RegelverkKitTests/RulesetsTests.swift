import Foundation
import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

/// Every shipped rule file checks without errors or warnings and passes its
/// own embedded tests: `regelverk check rulesets/` and `regelverk test
/// rulesets/` as part of `swift test`.
@Suite struct RulesetsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let files = ((try? RulesetLoader.expand([root.appendingPathComponent("rulesets").path])) ?? []).map { String($0.split(separator: "/").last!) }

    static func load(_ name: String) throws -> LoadedRuleset {
        try RulesetLoader.load(path: root.appendingPathComponent("rulesets").appendingPathComponent(name).path)
    }

    @Test func allFiveRulesetsAreShipped() {
        #expect(
            Set(Self.files) == [
                "skane-distans.regel", "stockholm-rehab.regel", "vgr-primar-sekundar.regel",
                "skr-aterbesok.regel", "vgr-oppenvardsprocess.regel"
            ])
    }

    @Test(arguments: files)
    func checksClean(_ name: String) throws {
        let loaded = try Self.load(name)
        let rendered = loaded.diagnostics.map { DiagnosticRenderer().render($0, in: loaded.file) }.joined()
        #expect(loaded.diagnostics.isEmpty, "\(rendered)")
    }

    @Test(arguments: files)
    func passesItsOwnTests(_ name: String) throws {
        let loaded = try Self.load(name)
        let checked = try #require(loaded.checked)
        #expect(!checked.tests.isEmpty, "every ruleset has tests")
        for outcome in TestRunner.run(checked) {
            #expect(outcome.passed, "\(outcome.name): \(outcome.failures.joined(separator: "; "))")
        }
    }

    /// Every rule and cap check has a test that breaks it, and a passing case that would break it
    /// if its `require` were removed: a record for which `when` holds and `require` holds too
    /// (a clean record the rule does not apply to shows nothing about the rule).
    @Test(arguments: files)
    func everyRuleIsTestedBothWays(_ name: String) throws {
        let checked = try #require(try Self.load(name).checked)
        var broken: Set<String> = []
        for test in checked.tests {
            for e in test.expectations { if case .breaks(_, let rule, _) = e { broken.insert(rule) } }
        }
        let strong = RuleApplicability.strongPassingCases(checked)
        for id in checked.ruleIds {
            #expect(broken.contains(id), "\(name): no test breaks \(id)")
            #expect(
                strong[id]?.isEmpty == false,
                "\(name): no test shows a record that \(id) applies to (its `when` holds) and that passes it")
        }
    }

    /// The applicability probe itself: a clean record outside a rule's `when` does not count.
    @Test func aPassingCaseOutsideTheRulesWhenDoesNotCount() throws {
        let text = """
            ruleset "prov"
            source "Prov"
            record kontakt
              id: text
              typ: one of "A", "B"
              klar: bool
            end
            rule a_klar
              title "A ska vara klar"
              severity error
              cites "1"
              when typ = "A"
              require klar
              message "{id}"
            end
            test "bara ett rent B"
              record b1 { typ: "B", klar: false }
              record a1 { typ: "A", klar: false }
              expect b1 clean
              expect a1 breaks a_klar
            end
            test "ett klart A"
              record a2 { typ: "A", klar: true }
              expect a2 passes a_klar
            end
            """
        let checked = try #require(RulesetLoader.load(text: text, path: "prov.regel").checked)
        let strong = RuleApplicability.strongPassingCases(checked)
        #expect(strong["a_klar"] == [RuleApplicability.Case(test: "ett klart A", record: "a2")])
    }

    /// Every rule cites its section, and findings name the document.
    @Test(arguments: files)
    func everyRuleCitesTheDocument(_ name: String) throws {
        let checked = try #require(try Self.load(name).checked)
        #expect(!checked.document.isEmpty)
        for rule in checked.rules { #expect(rule.citation.section?.isEmpty == false, "\(rule.id) has no section") }
    }
}
