import RegelBuiltins
import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

// Measures: counts and sums per group, derived ratios, `when`, parameters.

@Suite struct EvalMeasureTests {
    static let fields = """
          id: text
          klinik: text
          datum: date
          besokstyp: one of "forsta", "ater"
          maldatum: optional date
          genomfort: optional date
          antal: int
          belopp: decimal
        """

    static let measure = """
        param referensdatum: date = 2024-12-31

        measure tillganglighet
          title "Återbesök inom måldatum"
          cites "Arbetssätt"
          when besokstyp = "ater" and datum <= referensdatum
          group by klinik, period = month_text(datum)
          value inom = count where genomfort is present and maldatum is present and genomfort <= maldatum
          value efter = count where genomfort is present and maldatum is present and genomfort > maldatum
          value alla = count
          value antal_sum = sum antal
          value belopp_sum = sum belopp where belopp > 0
          value andel = inom / (inom + efter)
        end
        """

    static let csv = """
        id,klinik,datum,besokstyp,maldatum,genomfort,antal,belopp
        o1,Ortopedi,2024-03-01,ater,2024-03-10,2024-03-08,1,10.5
        o2,Ortopedi,2024-03-05,ater,2024-03-10,2024-03-10,2,0
        o3,Ortopedi,2024-03-20,ater,2024-03-25,2024-03-30,3,4.25
        o4,Ortopedi,2024-03-21,ater,,2024-03-22,1,1
        o5,Ortopedi,2024-03-02,forsta,2024-03-10,2024-03-08,9,90
        o6,Ortopedi,2024-04-02,ater,2024-04-10,,5,2.5
        o7,Ortopedi,2025-01-10,ater,2025-01-20,2025-01-15,1,1
        k1,Kirurgi,2024-03-15,ater,2024-03-20,2024-03-25,1,7
        """ + "\n"

    static func decimal(_ v: Value?) -> Double? {
        if case .decimal(let d) = v { return d }
        return nil
    }

    @Test func countsSumsAndRatiosPerGroup() throws {
        let (results, data) = try EvalSupport.measures(EvalSupport.ruleset(Self.fields, Self.measure), Self.csv)
        #expect(data.findings.isEmpty)
        #expect(data.read == 8)
        try #require(results.count == 1)
        let m = results[0]
        #expect(m.measure == "tillganglighet")
        #expect(m.title == "Återbesök inom måldatum")
        // Groups sorted by their keys; o5 (forsta) and o7 (after referensdatum) are not taken.
        #expect(m.rows.map { $0.group.map(\.value.description) } == [["Kirurgi", "2024-03"], ["Ortopedi", "2024-03"], ["Ortopedi", "2024-04"]])
        #expect(m.rows.first?.group.map(\.name) == ["klinik", "period"])
        #expect(m.rows.first?.values.map(\.name) == ["inom", "efter", "alla", "antal_sum", "belopp_sum", "andel"])

        let kir = try #require(EvalSupport.row(m, ["Kirurgi", "2024-03"]))
        #expect(kir["inom"] == .int(0))
        #expect(kir["efter"] == .int(1))
        #expect(kir["alla"] == .int(1))
        #expect(kir["antal_sum"] == .int(1))
        #expect(Self.decimal(kir["belopp_sum"]) == 7)
        #expect(Self.decimal(kir["andel"]) == 0)

        let mars = try #require(EvalSupport.row(m, ["Ortopedi", "2024-03"]))
        #expect(mars["inom"] == .int(2))
        #expect(mars["efter"] == .int(1))
        #expect(mars["alla"] == .int(4))
        #expect(mars["antal_sum"] == .int(7))
        #expect(Self.decimal(mars["belopp_sum"]) == 15.75)
        let andel = try #require(Self.decimal(mars["andel"]))
        #expect(abs(andel - 2.0 / 3.0) < 1e-12)

        // No record with both dates: the ratio's denominator is 0, so it is missing (null).
        let april = try #require(EvalSupport.row(m, ["Ortopedi", "2024-04"]))
        #expect(april["inom"] == .int(0))
        #expect(april["efter"] == .int(0))
        #expect(april["alla"] == .int(1))
        #expect(april["andel"] == .missing)
    }

    @Test func parameterOverrideChangesTheWhenFilter() throws {
        let (results, _) = try EvalSupport.measures(
            EvalSupport.ruleset(Self.fields, Self.measure), Self.csv,
            params: ["referensdatum=2025-06-30"])
        let m = try #require(results.first)
        #expect(m.rows.count == 4)
        let jan = try #require(EvalSupport.row(m, ["Ortopedi", "2025-01"]))
        #expect(jan["inom"] == .int(1))
        #expect(Self.decimal(jan["andel"]) == 1)

        let (early, _) = try EvalSupport.measures(
            EvalSupport.ruleset(Self.fields, Self.measure), Self.csv,
            params: ["referensdatum=2024-03-10"])
        let e = try #require(early.first)
        #expect(e.rows.map { $0.group.map(\.value.description) } == [["Ortopedi", "2024-03"]])
        #expect(EvalSupport.row(e, ["Ortopedi", "2024-03"])?["alla"] == .int(2))
    }

    @Test func parameterInAWhereFilter() throws {
        let body = """
            param gräns: int = 2
            measure stora
              group by klinik
              value manga = count where antal >= gräns
              value summa = sum antal where antal >= gräns
            end
            """
        let rules = EvalSupport.ruleset(Self.fields, body)
        let (results, _) = try EvalSupport.measures(rules, Self.csv)
        let m = try #require(results.first)
        #expect(EvalSupport.row(m, ["Ortopedi"])?["manga"] == .int(4))
        #expect(EvalSupport.row(m, ["Ortopedi"])?["summa"] == .int(19))
        #expect(EvalSupport.row(m, ["Kirurgi"])?["manga"] == .int(0))
        let (other, _) = try EvalSupport.measures(rules, Self.csv, params: ["gräns=5"])
        #expect(EvalSupport.row(try #require(other.first), ["Ortopedi"])?["manga"] == .int(2))
    }

    @Test func badParameterOverridesAreRefused() throws {
        let checked = try #require(EvalSupport.load(EvalSupport.ruleset(Self.fields, Self.measure)))
        #expect(throws: InputError.self) { try Parameters.resolve(["referensdatum=2024-02-30"], for: checked) }
        #expect(throws: InputError.self) { try Parameters.resolve(["referensdag=2024-02-01"], for: checked) }
        #expect(throws: InputError.self) { try Parameters.resolve(["referensdatum"], for: checked) }
        #expect(try Parameters.resolve([], for: checked) == [.date(try #require(Day.parse("2024-12-31")))])
    }

    @Test func withoutGroupByOneRowForAll() throws {
        let body = """
            measure totalt
              value alla = count
              value ater = count where besokstyp = "ater"
              value andel_ater = ater / alla
              value procent = 100 * ater / alla
            end
            """
        let (results, _) = try EvalSupport.measures(EvalSupport.ruleset(Self.fields, body), Self.csv)
        let m = try #require(results.first)
        try #require(m.rows.count == 1)
        #expect(m.rows[0].group.isEmpty)
        let row = try #require(EvalSupport.row(m, []))
        #expect(row["alla"] == .int(8))
        #expect(row["ater"] == .int(7))
        #expect(Self.decimal(row["andel_ater"]) == 7.0 / 8.0)
        #expect(Self.decimal(row["procent"]) == 87.5)
    }

    /// `sum x where x is present`: the filter proves the optional value present.
    @Test func sumOfAnOptionalValueNarrowedByItsFilter() throws {
        let body = """
            measure ledtid
              group by klinik
              value dagar = sum days_between(datum, genomfort) where genomfort is present
              value antal_genomforda = count where genomfort is present
              value medel = dagar / antal_genomforda
            end
            """
        let (results, _) = try EvalSupport.measures(EvalSupport.ruleset(Self.fields, body), Self.csv)
        let m = try #require(results.first)
        // Ortopedi: o1 7, o2 5, o3 10, o4 1, o5 6, o7 5 days (o6 not performed) = 34 over 6.
        let ort = try #require(EvalSupport.row(m, ["Ortopedi"]))
        #expect(ort["dagar"] == .int(34))
        #expect(ort["antal_genomforda"] == .int(6))
        #expect(Self.decimal(ort["medel"]).map { abs($0 - 34.0 / 6.0) < 1e-12 } == true)
        #expect(EvalSupport.row(m, ["Kirurgi"])?["dagar"] == .int(10))
        // Without the filter the optional value is a check error.
        let bad = EvalSupport.ruleset(
            Self.fields,
            """
            measure m
              value dagar = sum days_between(datum, genomfort)
            end
            """)
        #expect(EvalSupport.errorCodes(bad).contains("T0301"))
    }

    @Test func groupByAnExpressionOfADate() throws {
        let body = """
            measure per_vecka
              group by vecka = week_text(datum), typ = besokstyp
              value n = count
            end
            """
        let (results, _) = try EvalSupport.measures(EvalSupport.ruleset(Self.fields, body), Self.csv)
        let m = try #require(results.first)
        #expect(
            m.rows.map { $0.group.map(\.value.description) + [$0.values[0].value.description] } == [
                ["2024-W09", "ater", "1"],  // o1 2024-03-01
                ["2024-W09", "forsta", "1"],  // o5 2024-03-02
                ["2024-W10", "ater", "1"],  // o2 2024-03-05
                ["2024-W11", "ater", "1"],  // k1 2024-03-15
                ["2024-W12", "ater", "2"],  // o3, o4
                ["2024-W14", "ater", "1"],  // o6 2024-04-02
                ["2025-W02", "ater", "1"]  // o7 2025-01-10
            ])
    }

    /// A derived value may compare with a parameter (MeasureEvaluator.derive
    /// evaluates `.param`).
    @Test
    func parameterInADerivedValue() throws {
        let body = """
            param malniva: decimal = 0.5
            measure mal
              group by klinik
              value inom = count where genomfort is present and maldatum is present and genomfort <= maldatum
              value alla = count
              value uppnadd = if inom / alla >= malniva then 1 else 0
            end
            """
        let text = EvalSupport.ruleset(Self.fields, body)
        #expect(EvalSupport.errorCodes(text) == [])
        guard EvalSupport.errorCodes(text).isEmpty else { return }
        let (results, _) = try EvalSupport.measures(text, Self.csv)
        let m = try #require(results.first)
        #expect(EvalSupport.row(m, ["Kirurgi"])?["uppnadd"] == .int(0))
        // Ortopedi: 4 of 7 on time (o1, o2, o5, o7) ≥ 0.5.
        #expect(EvalSupport.row(m, ["Ortopedi"])?["uppnadd"] == .int(1))
        let (high, _) = try EvalSupport.measures(text, Self.csv, params: ["malniva=0.6"])
        #expect(EvalSupport.row(try #require(high.first), ["Ortopedi"])?["uppnadd"] == .int(0))
    }

    /// A record whose date cell did not convert has a cell finding; it is not
    /// counted under a group whose key comes from that cell (no "missing" month
    /// for a required date).
    @Test
    func recordWithAnUnreadableGroupKeyIsNotCounted() throws {
        let body = """
            measure per_manad
              group by period = month_text(datum)
              value n = count
            end
            """
        let csv = """
            id,klinik,datum,besokstyp,maldatum,genomfort,antal,belopp
            a,Ortopedi,2024-03-01,ater,,,1,1
            b,Ortopedi,2024-02-30,ater,,,1,1
            """ + "\n"
        let (results, data) = try EvalSupport.measures(EvalSupport.ruleset(Self.fields, body), csv)
        #expect(data.findings.map(\.kind) == [.cell])
        #expect(data.findings.first?.column == "datum")
        let m = try #require(results.first)
        #expect(m.rows.map { $0.group.map(\.value.description) } == [["2024-03"]])
    }
}
