import Foundation
import Testing
@testable import RegelCheck

/// The bench's like-for-like ruleset (W1Y) must time the shipped rules, not
/// a copy that drifted: every rule in it is the shipped skane-distans rule,
/// word for word, and it has exactly the yardstick's 12 rules.
@Suite struct BenchYardstickRulesetTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let yardstickPath = "Sources/regelverk-bench/Rulesets/skane-distans-yardstick.regel"

    /// Each `rule … end` block of a rule file, by rule id.
    static func ruleBlocks(_ text: String) -> [String: String] {
        var blocks: [String: String] = [:]
        var current: (id: String, lines: [Substring])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.hasPrefix("rule ") {
                current = (String(line.dropFirst(5)), [line])
            } else if var block = current {
                block.lines.append(line)
                current = block
                if line == "end" {
                    blocks[block.id] = block.lines.joined(separator: "\n")
                    current = nil
                }
            }
        }
        return blocks
    }

    @Test func hasExactlyTheShippedYardstickRules() throws {
        let shipped = try String(contentsOf: Self.root.appendingPathComponent("rulesets/skane-distans.regel"), encoding: .utf8)
        let yardstick = try String(contentsOf: Self.root.appendingPathComponent(Self.yardstickPath), encoding: .utf8)
        let shippedRules = Self.ruleBlocks(shipped), yardstickRules = Self.ruleBlocks(yardstick)
        #expect(
            Set(yardstickRules.keys) == [
                "ersatter_journalford", "ersatter_bedomning", "ersatter_deltagare", "vk_id_kontroll",
                "sob_pmo_attribut", "sob_pasis_kva", "sob_journalford", "sob_behandlarkontakt",
                "kom_endast_pmo", "uteblivit_kom", "ko_personal", "te_fore_bes"
            ])
        for (id, block) in yardstickRules {
            #expect(shippedRules[id] == block, "rule \(id) differs from rulesets/skane-distans.regel")
        }
    }

    @Test func checksClean() throws {
        let loaded = try RulesetLoader.load(path: Self.root.appendingPathComponent(Self.yardstickPath).path)
        #expect(loaded.checked != nil)
        #expect(loaded.diagnostics.isEmpty)
    }
}
