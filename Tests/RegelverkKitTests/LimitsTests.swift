import Testing
@testable import RegelCheck
@testable import RegelDiff
@testable import RegelEval
@testable import RegelGenerate
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

/// Rule files that would make the later phases recurse very deeply are
/// refused with a diagnostic instead of overflowing the stack.
@Suite struct LimitsTests {
    static func ruleset(_ body: String) -> String {
        """
        ruleset "djup"
        source "x"
        record r
          id: text
          a: bool
          n: int
        end
        \(body)
        """
    }

    static func codes(_ text: String) -> [String] {
        RulesetLoader.load(text: text, path: "djup.regel").diagnostics.filter { $0.severity == .error }.map(\.code)
    }

    @Test func aVeryLongChainOfOperatorsIsRefused() {
        let chain = Array(repeating: "a", count: 20_000).joined(separator: " and ")
        #expect(Self.codes(Self.ruleset("rule r\n  severity error\n  cites \"1\"\n  require \(chain)\nend")) == ["P0209"])
        let sum = Array(repeating: "n", count: 20_000).joined(separator: " + ")
        #expect(Self.codes(Self.ruleset("rule r\n  severity error\n  cites \"1\"\n  require \(sum) > 0\nend")) == ["P0209"])
    }

    @Test func aLongButReasonableChainIsAccepted() {
        let chain = Array(repeating: "a", count: 200).joined(separator: " and ")
        #expect(Self.codes(Self.ruleset("rule r\n  severity error\n  cites \"1\"\n  require \(chain)\nend")).isEmpty)
    }

    @Test func deeplyNestedDefinitionsAreRefused() {
        var body = "define d0 = n\n"
        for i in 1..<2_000 { body += "define d\(i) = d\(i - 1) + 1\n" }
        body += "rule r\n  severity error\n  cites \"1\"\n  require d1999 > 0\nend"
        #expect(Self.codes(Self.ruleset(body)).contains("C0204"))
    }

    @Test func deepParenthesesAreRefused() {
        let nested = String(repeating: "(", count: 5_000) + "a" + String(repeating: ")", count: 5_000)
        #expect(Self.codes(Self.ruleset("rule r\n  severity error\n  cites \"1\"\n  require \(nested)\nend")) == ["P0201"])
    }
}
