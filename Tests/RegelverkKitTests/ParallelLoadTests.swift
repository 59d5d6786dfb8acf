import RegelData
import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

/// A large CSV input is read in two parts on two cores; the result must be
/// exactly that of one sequential read, also when quoted line breaks or a
/// stray quote sit near the cut.
@Suite struct ParallelLoadTests {
    static let rules = """
        ruleset "delar"
        source "Dokument"

        record r
          id: text
          text: text
          antal: int
        end

        rule hogst
          title "Högst"
          severity error
          cites "1"
          require antal <= 5
          message "{id}"
        end
        """

    static func csv(strayQuoteAt stray: Int?) -> String {
        var s = "id,text,antal\n"
        for i in 0..<75_000 {
            if i == stray {
                s += "r\(i),\"en citattecken som aldrig stängs,3\n"
            } else if i % 1000 == 7 {
                s += "r\(i),\"två\nrader, med komma\",\(i % 9)\n"
            } else {
                s += "r\(i),Vårdcentralen nummer \(i % 37),\(i % 9)\n"
            }
        }
        return s
    }

    func compare(_ text: String) throws {
        let checked = try #require(RulesetLoader.load(text: Self.rules, path: "delar.regel").checked)
        let source = DataSource(name: "x.csv", bytes: Array(text.utf8))
        #expect(try TableReader(source, for: checked).parts(2).count == 2, "large enough to be read in parts")
        let parallel = try TableLoader.load(source, for: checked)
        var sequential = try TableReader(source, for: checked)
        let next = sequential.next(maxRows: Int.max)
        let whole = try #require(next)
        #expect(parallel.table.count == whole.table.count)
        #expect(parallel.table.lines == whole.table.lines)
        #expect(parallel.rejected == whole.rejected)
        #expect(parallel.dataFindings == whole.dataFindings)
        for row in stride(from: 0, to: whole.table.count, by: 997) {
            for slot in 0..<3 { #expect(parallel.table.value(slot, row) == whole.table.value(slot, row)) }
        }
    }

    @Test func quotedLineBreaksAcrossTheCut() throws {
        try compare(Self.csv(strayQuoteAt: nil))
    }

    @Test func aStrayQuoteInTheSecondHalf() throws {
        try compare(Self.csv(strayQuoteAt: 45_000))
    }

    @Test func aStrayQuoteInTheFirstHalf() throws {
        try compare(Self.csv(strayQuoteAt: 10_000))
    }
}
