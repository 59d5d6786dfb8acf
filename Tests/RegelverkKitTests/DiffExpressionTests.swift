import Testing
@testable import RegelCheck
@testable import RegelDiff
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

/// Structural comparison and the smallest differing subexpression.
@Suite struct DiffExpressionTests {
    /// Parses `define d = <text>` and returns the expression.
    static func expr(_ text: String) throws -> Expr {
        let (syntax, diagnostics) = Parser.parse(SourceFile(path: "e", text: "ruleset \"e\"\ndefine d = \(text)\n"))
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        guard case .define(let d)? = syntax.declarations.first else { throw ParseFailure() }
        return d.value
    }
    struct ParseFailure: Error {}

    func differences(_ a: String, _ b: String, renames: [String: String] = [:]) throws -> [String] {
        let diff = ExpressionDiff(comparison: ExpressionComparison(renames: renames))
        return diff.differences(try Self.expr(a), try Self.expr(b)).map { d in
            "\(d.old.map(SyntaxDump.expr) ?? "∅") → \(d.new.map(SyntaxDump.expr) ?? "∅")"
        }
    }

    @Test func layoutAndParenthesesAreNotADifference() throws {
        #expect(try differences("a = 1 and (b < 2)", "(a=1)\n   and b<2   # note").isEmpty)
        #expect(try differences("(a and b) and c", "a and (b and c)").isEmpty)
    }

    @Test func theSmallestDifferingLiteralIsFound() throws {
        #expect(try differences("days_between(a, b) <= 30 and c", "days_between(a, b) <= 14 and c") == ["30 → 14"])
        #expect(
            try differences("x within 12 months before datum", "x within 6 months before datum")
                == ["(x within 12 months before datum) → (x within 6 months before datum)"])
    }

    @Test func anAddedConjunctIsAnAddition() throws {
        #expect(try differences("a and b", "a and c and b") == ["∅ → c"])
        #expect(try differences("a", "a and b") == ["∅ → b"])
        #expect(try differences("a or b or c", "a or c") == ["b → ∅"])
    }

    @Test func aReplacedConjunctIsComparedInside() throws {
        #expect(try differences("a = 1 and b = 2", "a = 1 and b = 3") == ["2 → 3"])
    }

    @Test func aListAfterInIsASet() throws {
        #expect(try differences("k in [\"A\", \"B\"]", "k in [\"B\", \"A\", \"A\"]").isEmpty)
        #expect(try differences("k in [\"A\", \"B\"]", "k in [\"A\", \"C\"]") == ["\"B\" → ∅", "∅ → \"C\""])
    }

    @Test func aRenamedNameMatchesItsNewName() throws {
        #expect(try differences("ok and x", "klar and x", renames: ["ok": "klar"]).isEmpty)
        #expect(try differences("ok and x", "klar and x") == ["ok → klar"])
    }

    @Test func aDefinitionMatchesWhatItStandsFor() throws {
        var comparison = ExpressionComparison()
        comparison.oldDefinitions = ["dokumenterad": try Self.expr("journalford and dialog")]
        #expect(comparison.same(try Self.expr("dokumenterad and x"), try Self.expr("(journalford and dialog) and x")))
        #expect(!comparison.same(try Self.expr("dokumenterad"), try Self.expr("journalford")))
    }

    @Test func messagesCompareThroughRenamedPlaceholders() {
        let comparison = ExpressionComparison(renames: ["ok": "klar"])
        #expect(comparison.sameMessage("Kontakt {id}: {ok}", "Kontakt {id}: {klar}"))
        #expect(!comparison.sameMessage("Kontakt {id}", "Kontakt {datum}"))
        #expect(comparison.sameMessage("{{id}} {id}", "{{id}} { id }"))
    }
}
