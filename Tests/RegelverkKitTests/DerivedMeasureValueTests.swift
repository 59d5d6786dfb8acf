import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

// Derived measure values (`value x = <expression over earlier values>`) are
// evaluated with every operator the checker lets through: `and`, `or`,
// `not`, `is present/missing`, `in`, built-in calls and parameters, none
// of them giving a silent missing (null).

@Suite struct DerivedMeasureValueTests {
    static let fields = """
          id: text
          typ: one of "A", "B", "C"
          n: int
        """

    // A: 2 records, 1 large; B: 1 record, none large; C: 3 records, 3 large.
    static let csv = """
        id,typ,n
        a1,A,3
        a2,A,9
        b1,B,1
        c1,C,7
        c2,C,8
        c3,C,9
        """ + "\n"

    static func rows(_ values: String, params: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: [String: Value]] {
        let body = """
            param troskel: int = 2
            param typer: list of text = ["A", "C"]
            param fran: date = 2024-01-31

            measure m
              title "M"
              cites "Avsnitt"
              group by typ
              value antal = count
              value stora = count where n > 5
            \(values)
            end
            """
        let (results, data) = try EvalSupport.measures(EvalSupport.ruleset(fields, body), csv, params: params, sourceLocation: sourceLocation)
        #expect(data.findings.isEmpty, sourceLocation: sourceLocation)
        var out: [String: [String: Value]] = [:]
        for typ in ["A", "B", "C"] { out[typ] = EvalSupport.row(try #require(results.first), [typ]) }
        return out
    }

    @Test func andOrNot() throws {
        let r = try Self.rows(
            """
              value both = if antal >= 2 and stora >= 1 then 1 else 0
              value either = if antal >= 3 or stora = 0 then 1 else 0
              value neither = if not (antal >= 2) then 1 else 0
            """)
        #expect(r["A"]?["both"] == .int(1))
        #expect(r["B"]?["both"] == .int(0))
        #expect(r["C"]?["both"] == .int(1))
        #expect(r["A"]?["either"] == .int(0))
        #expect(r["B"]?["either"] == .int(1))
        #expect(r["C"]?["either"] == .int(1))
        #expect(r["A"]?["neither"] == .int(0))
        #expect(r["B"]?["neither"] == .int(1))
    }

    @Test func presenceOfAMissingRatio() throws {
        // `andel` is missing for B (0 / 0 after the filter), present for A.
        let r = try Self.rows(
            """
              value sma = antal - stora
              value andel = stora / (stora + (if stora = 0 then 0 else sma))
              value har_andel = if andel is present then 1 else 0
              value saknar_andel = if andel is missing then 1 else 0
              value andel_eller_noll = andel otherwise 0
            """)
        #expect(r["A"]?["andel"] == .decimal(0.5))
        #expect(r["B"]?["andel"] == .missing)
        #expect(r["A"]?["har_andel"] == .int(1))
        #expect(r["B"]?["har_andel"] == .int(0))
        #expect(r["A"]?["saknar_andel"] == .int(0))
        #expect(r["B"]?["saknar_andel"] == .int(1))
        #expect(r["B"]?["andel_eller_noll"] == .decimal(0))
        #expect(r["C"]?["andel_eller_noll"] == .decimal(1))
    }

    @Test func membershipCallsAndParameters() throws {
        let r = try Self.rows(
            """
              value i = if antal in [1, 3] then 1 else 0
              value utanfor = if antal not in [1, 3] then 1 else 0
              value troskel_nadd = if antal >= troskel then 1 else 0
              value typer_antal = length(typer) + antal
              value manad = month(fran + 1 month)
              value texter = if lower(upper("ab")) = "ab" and "abc" starts with "a" and "abc" contains "bc" then 1 else 0
            """, params: ["troskel=3"])
        #expect(r["A"]?["i"] == .int(0))
        #expect(r["B"]?["i"] == .int(1))
        #expect(r["C"]?["i"] == .int(1))
        #expect(r["A"]?["utanfor"] == .int(1))
        #expect(r["A"]?["troskel_nadd"] == .int(0))
        #expect(r["C"]?["troskel_nadd"] == .int(1))
        #expect(r["A"]?["typer_antal"] == .int(4))
        #expect(r["A"]?["manad"] == .int(2))  // 2024-01-31 + 1 month = 2024-02-29
        #expect(r["A"]?["texter"] == .int(1))
    }

    /// A ratio can be missing (an empty denominator), so a later value must
    /// say what missing means, as for an optional field; tested first, the
    /// conditions are three-valued as in rules.
    @Test func aRatioThatCanBeMissingMustBeHandled() throws {
        let r = try Self.rows(
            """
              value andel = stora / (antal - antal)
              value falskt_och = if antal < 0 and (andel otherwise 1) > 0 then 1 else 0
              value sant_eller = if antal > 0 or (andel otherwise 1) > 0 then 1 else 0
              value saknas = if andel is missing then 1 else 0
              value nollad = andel otherwise 0
            """)
        #expect(r["A"]?["andel"] == .missing)
        #expect(r["A"]?["falskt_och"] == .int(0))
        #expect(r["A"]?["sant_eller"] == .int(1))
        #expect(r["A"]?["saknas"] == .int(1))
        #expect(r["A"]?["nollad"] == .decimal(0) || r["A"]?["nollad"] == .int(0))
        let unhandled = RulesetLoader.load(
            text: EvalSupport.ruleset(
                Self.fields,
                """
                measure m
                  title "M"
                  cites "Avsnitt"
                  value antal = count
                  value andel = antal / antal
                  value okant = if andel > 0 then 1 else 0
                end
                """), path: "m.regel")
        #expect(unhandled.diagnostics.contains { $0.code == "T0301" })
    }

    @Test func integerOverflowIsMissingAsInRules() throws {
        let r = try Self.rows(
            """
              value stor = 9223372036854775807 + antal
            """)
        #expect(r["A"]?["stor"] == .missing)
    }

    /// A derived value has no record to search from: C0606, not a silent null.
    @Test func searchInADerivedValueIsRefused() {
        let text = EvalSupport.ruleset(
            Self.fields,
            """
            measure m
              title "M"
              cites "Avsnitt"
              value antal = count
              value sok = antal + count other where other.typ = "A"
            end
            """)
        let d = DiagnosticSupport.diagnostics(text).filter { $0.severity == .error }
        #expect(d.map(\.code) == ["C0606"], "\(d)")
        #expect(d.first?.marked == "count other where other.typ = \"A\"")
    }
}
