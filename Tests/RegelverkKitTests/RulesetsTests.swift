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
        #expect(Set(Self.files) == ["skane-distans.regel", "stockholm-rehab.regel", "vgr-primar-sekundar.regel",
                                     "skr-aterbesok.regel", "vgr-oppenvardsprocess.regel"])
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

    /// Every rule and cap check has a test that breaks it and one where it
    /// must hold (the issue's "both a record that breaks it and one that nearly does").
    @Test(arguments: files)
    func everyRuleIsTestedBothWays(_ name: String) throws {
        let checked = try #require(try Self.load(name).checked)
        var broken: Set<String> = [], passed: Set<String> = []
        for test in checked.tests {
            for e in test.expectations {
                switch e {
                case .breaks(_, let rule, _): broken.insert(rule)
                case .passes(_, let rule, _): passed.insert(rule)
                case .clean: passed.formUnion(checked.ruleIds)
                case .measure: break
                }
            }
        }
        for id in checked.ruleIds {
            #expect(broken.contains(id), "\(name): no test breaks \(id)")
            #expect(passed.contains(id), "\(name): no test shows a record passing \(id)")
        }
    }

    /// Every rule cites its section, and findings name the document.
    @Test(arguments: files)
    func everyRuleCitesTheDocument(_ name: String) throws {
        let checked = try #require(try Self.load(name).checked)
        #expect(!checked.document.isEmpty)
        for rule in checked.rules { #expect(rule.citation.section?.isEmpty == false, "\(rule.id) has no section") }
    }
}
