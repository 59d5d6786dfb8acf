import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

// How a measure groups its records (`group by`), through the one grouping
// index: keys compare by value, exactly; a missing key is a group of its
// own; groups come out sorted by their keys, and groups whose keys compare
// equal in the order of their first record; sums add up in file order.

@Suite struct EvalMeasureGroupingTests {
    /// `grupp` first, so its first value is the table's first text.
    static let fields = """
          grupp: optional text
          kod: optional text
          id: text
          belopp: decimal
        """

    static func measure(_ groupBy: String) -> String {
        EvalSupport.ruleset(
            fields,
            """
            measure m
              group by \(groupBy)
              value n = count
              value summa = sum belopp
            end
            """)
    }

    static func csv(_ rows: [String]) -> String {
        "grupp,kod,id,belopp\n" + rows.joined(separator: "\n") + "\n"
    }

    static func counts(_ result: MeasureResult) -> [String] {
        result.rows.map { row in row.group.map(\.value.description).joined(separator: "/") + "=" + row.values[0].value.description }
    }

    /// Decimals equal exactly are one group (2.5 and 2.50, -0 and 0); two
    /// that differ in the last digits are two, shown in the order of their
    /// first record, since they compare equal within `=`'s tolerance.
    @Test func decimalKeysDifferingInTheLastDigitsAreTwoGroups() throws {
        let (results, _) = try EvalSupport.measures(
            Self.measure("belopp"),
            Self.csv([
                "A,,a,1.0000000000002",
                "A,,b,2.5",
                "A,,c,1.0000000000001",
                "A,,d,1.0000000000001",
                "A,,e,-0",
                "A,,f,2.50",
                "A,,g,1.0000000000002",
                "A,,h,0",
                "A,,i,1.0000000000002"
            ]))
        let m = try #require(results.first)
        #expect(Self.counts(m) == ["0=2", "1=3", "1=2", "2.5=2"])
        #expect(m.rows[1].group[0].value == .decimal(1.0000000000002))
        #expect(m.rows[2].group[0].value == .decimal(1.0000000000001))
    }

    /// Each combination of missing and present keys is its own group, and
    /// a missing key is not the table's first text (X).
    @Test func aMissingKeyIsAGroupOfItsOwn() throws {
        let (results, _) = try EvalSupport.measures(
            Self.measure("grupp, kod"),
            Self.csv([
                "X,X,a,1", "X,,b,1", ",X,c,1", ",,d,1", "X,,e,1", ",,f,1", ",,g,1"
            ]))
        let m = try #require(results.first)
        #expect(Self.counts(m) == ["/=3", "/X=1", "X/=2", "X/X=1"])
        #expect(m.rows[0].group.map(\.value) == [.missing, .missing])
    }

    /// Ten thousand groups, each with records far apart in the file (in
    /// other batches): sorted by key, every record counted in its own.
    @Test func manyGroupsAcrossBatches() throws {
        let n = 10_000
        var rows: [String] = []
        for i in 0..<n { rows.append("g\(String((i * 7919) % n + 100_000)),,a\(i),1") }
        for i in 0..<n { rows.append("g\(String(i + 100_000)),,b\(i),2") }
        let (results, _) = try EvalSupport.measures(Self.measure("grupp"), Self.csv(rows))
        let m = try #require(results.first)
        #expect(m.rows.map { $0.group[0].value.description } == (0..<n).map { "g\($0 + 100_000)" })
        #expect(m.rows.allSatisfy { $0.values[0].value == .int(2) && $0.values[1].value == .decimal(3) })
    }

    /// One group of fifty thousand records among small ones: counted in
    /// full, and its sum is the decimals added one by one in file order.
    @Test func oneGroupOf50kRecordsSumsInFileOrder() throws {
        let n = 50_000
        var rows: [String] = []
        var expected = 0.0
        for i in 0..<n {
            rows.append("stor,,s\(i),0.1")
            expected += 0.1
            if i % 5000 == 0 { rows.append("liten\(i),,l\(i),1") }
        }
        let (results, _) = try EvalSupport.measures(Self.measure("grupp"), Self.csv(rows))
        let m = try #require(results.first)
        #expect(m.rows.count == 11)
        let stor = try #require(EvalSupport.row(m, ["stor"]))
        #expect(stor["n"] == .int(n))
        // Added in another order (per batch, then the batches) the last digits differ.
        #expect(stor["summa"] == .decimal(expected))
    }

    /// `grupp otherwise "okänd"` is read from the column in a batch where
    /// every record has a grupp, and computed (boxed: no cell holds "okänd")
    /// in a batch where some lack it: X in both batches is one group.
    @Test func aKeyReadInOneBatchAndComputedInAnotherIsOneGroup() throws {
        var rows: [String] = []
        for i in 0..<(Batch.size + 500) {
            let other = i < Batch.size ? "Y" : ""
            rows.append("\(i % 2 == 0 ? "X" : other),,r\(i),1")
        }
        let (results, _) = try EvalSupport.measures(Self.measure("g = grupp otherwise \"okänd\""), Self.csv(rows))
        let m = try #require(results.first)
        #expect(Self.counts(m) == ["X=\(Batch.size / 2 + 250)", "Y=\(Batch.size / 2)", "okänd=250"])
    }
}
