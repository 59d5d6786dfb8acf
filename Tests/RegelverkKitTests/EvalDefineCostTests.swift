import Testing
@testable import RegelCheck
@testable import RegelEval

/// Each `define` is computed once per batch, whatever the number of uses: a
/// chain of definitions that each use the next three times is linear. The
/// closure evaluator took 3^40 steps per record on a chain of 40 and never
/// finished; `check` now refuses a chain that long (C0205: caps, measures,
/// `explain` and `sql` still write definitions out), so the chain here is as
/// long as the cost limit allows.
@Suite struct EvalDefineCostTests {
    static func chain(_ depth: Int) -> String {
        var lines = [
            "ruleset \"djup\"", "version \"1\"", "source \"test\"", "", "record kontakt", "  id: text", "  n: int", "end", "",
            "define d\(depth) = n"
        ]
        for i in stride(from: depth - 1, through: 1, by: -1) { lines.append("define d\(i) = d\(i + 1) + d\(i + 1) - d\(i + 1)") }
        lines += [
            "", "rule stor", "  title \"t\"", "  severity error", "  cites \"x\"", "  require d1 < 100",
            "  message \"Kontakt {id} har {d1}.\"", "end", ""
        ]
        return lines.joined(separator: "\n")
    }

    @Test func eightDefinitionsThatUseTheNextThreeTimesAreEvaluatedOnce() throws {
        let csv = "id,n\nk1,5\nk2,150\nk3,\n"
        let outcome = try EvalSupport.validate(Self.chain(8), csv)
        #expect(outcome.records("stor") == ["k2"])
        #expect(outcome.finding("k2", "stor")?.message == "Kontakt k2 har 150.")
    }

    /// d1 of a chain of nine has 2·3^8 − 1 = 13121 parts written out, more than 10000.
    @Test func nineAreRefusedByCheck() {
        let loaded = RulesetLoader.load(text: Self.chain(9), path: "djup.regel")
        #expect(loaded.checked == nil)
        #expect(loaded.diagnostics.filter { $0.severity == .error }.map(\.code) == ["C0205"])
    }
}
