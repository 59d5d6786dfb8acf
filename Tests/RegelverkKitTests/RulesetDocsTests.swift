import Foundation
import Testing
@testable import RegelCheck
@testable import RegelRun

/// docs/rulesets.md is the map from each document to its rules: every rule of a shipped ruleset is
/// named in that ruleset's part of the page, and the section the rule cites is written there as the
/// rule cites it, so a finding's `source` leads back to the row.
@Suite struct RulesetDocsTests {
    static func part(of ruleset: String) throws -> String {
        let url = RulesetsTests.root.appendingPathComponent("docs/rulesets.md")
        let page = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(page.range(of: "\n## \(ruleset)\n"), "docs/rulesets.md has no section ## \(ruleset)")
        let rest = page[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }

    @Test(arguments: RulesetsTests.files)
    func everyRuleAndItsSectionAreOnThePage(_ name: String) throws {
        let checked = try #require(try RulesetsTests.load(name).checked)
        let part = try Self.part(of: checked.name)
        for id in checked.ruleIds { #expect(part.contains("`\(id)`"), "docs/rulesets.md (\(checked.name)) does not name `\(id)`") }
        for rule in checked.rules {
            for section in (rule.citation.section ?? "").components(separatedBy: "; ") {
                #expect(part.contains(section), "docs/rulesets.md (\(checked.name)) does not show the section \"\(section)\" that `\(rule.id)` cites")
            }
        }
    }
}
