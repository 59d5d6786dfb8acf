import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

// How a cap groups its records (`per`), through the one grouping index:
// keys compare by value, exactly; a missing key leaves the record out; a
// key computed in some batches and read from its column in others is one
// group; many groups and one huge group allocate as a plain loop would.

@Suite struct EvalCapGroupingTests {
    /// `patient` first, so its first value is the table's first text.
    static let fields = """
          patient: optional text
          id: text
          enhet: text
          belopp: decimal
          datum: date
        """

    static func cap(per: String, limit: String = "at most 1 per iso week") -> String {
        EvalSupport.ruleset(
            fields,
            """
            cap c
              severity warning
              per \(per)
              order by datum, id
              limit vecka: \(limit)
            end
            """)
    }

    static func csv(_ rows: [String]) -> String {
        "patient,id,enhet,belopp,datum\n" + rows.joined(separator: "\n") + "\n"
    }

    /// Decimal keys are equal when their values are equal exactly (2.5 and
    /// 2.50, 3 and 3.0, -0 and 0), not within the tolerance `=` allows:
    /// searches key decimals the same way.
    @Test func decimalKeysGroupByTheirExactValue() throws {
        let out = try EvalSupport.validate(
            Self.cap(per: "belopp"),
            Self.csv([
                "P,a,E,1.0000000000001,2024-05-06",
                "P,b,E,1.0000000000002,2024-05-07",
                "P,c,E,2.5,2024-05-06",
                "P,d,E,2.50,2024-05-07",
                "P,e,E,-0,2024-05-06",
                "P,f,E,0,2024-05-07",
                "P,g,E,3,2024-05-06",
                "P,h,E,3.0,2024-05-07"
            ]))
        #expect(out.pairs == [EvalRecordRule("d", "vecka"), EvalRecordRule("f", "vecka"), EvalRecordRule("h", "vecka")])
        // `=` holds between the first two keys, which the cap keeps apart.
        #expect(try EvalSupport.truth("1.0000000000001 = 1.0000000000002") == .yes)
    }

    /// A `per` key can be missing only when its cell did not convert: that
    /// record has its cell finding and is under no cap, however many share its week.
    @Test func aRecordWhoseKeyDidNotConvertIsNotCapped() throws {
        let out = try EvalSupport.validate(
            Self.cap(per: "belopp"),
            Self.csv([
                "P,a,E,x,2024-05-06",
                "P,b,E,x,2024-05-07",
                "P,c,E,1,2024-05-06",
                "P,d,E,1,2024-05-07"
            ]))
        #expect(out.findings.map(\.kind) == [.cell, .cell, .rule])
        #expect(out.records("vecka") == ["d"])
    }

    /// `patient otherwise "ingen"` is read from the column in a batch where
    /// every patient is there, and computed (boxed) in batches with a
    /// missing one: P0 in both is one patient, "ingen" in two batches is one
    /// group, and "ingen" is not the table's first text (P0).
    @Test func aKeyReadInOneBatchAndComputedInAnotherIsOneGroup() throws {
        let size = Batch.size
        var rows = ["P0,first,E,1,2024-05-06"]
        for i in 1..<(2 * size + 100) {
            let id = "r\(i)"
            switch i {
            case size + 10: rows.append("P0,sameP0,E,1,2024-05-07")  // same week as `first`, next batch
            case size + 11: rows.append(",ingenA,E,1,2024-06-03")  // batch 1, missing patient
            case size + 12: rows.append(",ingenW,E,1,2024-05-08")  // P0's week, but not P0
            case 2 * size + 50: rows.append(",ingenB,E,1,2024-06-04")  // batch 2, same week as ingenA
            default: rows.append("F\(i),\(id),E,1,2024-05-06")
            }
        }
        let out = try EvalSupport.validate(Self.cap(per: "patient otherwise \"ingen\""), Self.csv(rows))
        #expect(out.pairs == [EvalRecordRule("sameP0", "vecka"), EvalRecordRule("ingenB", "vecka")])
        #expect(out.result.validated == rows.count)
    }

    /// Six thousand units with two contacts in a week each, the second
    /// ones in the opposite order and batches away: every second one breaks.
    @Test func manyGroupsAcrossBatches() throws {
        let n = 6000
        var rows: [String] = []
        for i in 0..<n { rows.append(",a\(i),E\(i),1,2024-05-06") }
        for i in (0..<n).reversed() { rows.append(",b\(i),E\(i),1,2024-05-0\(7 + i % 3)") }
        let out = try EvalSupport.validate(Self.cap(per: "enhet, belopp"), Self.csv(rows))
        #expect(out.findings.count == n)
        #expect(Set(out.records("vecka")) == Set((0..<n).map { "b\($0)" }))
    }

    /// Fifty thousand contacts at one unit, a day apart, in
    /// reverse file order, among other units' contacts: allocated by date
    /// as a plain loop over the days would.
    @Test func oneKeySharedBy50kRecords() throws {
        let n = 50_000
        let first = EvalCivilDate.days(1900, 1, 1)
        var rows: [String] = []
        for i in (0..<n).reversed() {
            rows.append(",s\(i),E,1,\(EvalCivilDate.text(first + i))")
            if i % 1000 == 0 { rows.append(",q\(i),Q\(i),1,\(EvalCivilDate.text(first + i))") }
        }
        let out = try EvalSupport.validate(Self.cap(per: "enhet", limit: "at most 5 per iso week"), Self.csv(rows))
        var expected: [String] = []
        var week: [Int] = [], accepted = 0
        for i in 0..<n {
            let w = EvalCivilDate.isoWeek(first + i)
            if w != week { week = w; accepted = 0 }
            if accepted >= 5 { expected.append("s\(i)") } else { accepted += 1 }
        }
        #expect(expected.count > 10_000)
        #expect(Set(out.records("vecka")) == Set(expected))
        #expect(out.findings.count == expected.count)
    }
}
