import RegelData
import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

/// Several versions of one ruleset: each record is judged by the version in
/// force on its date, and the finding says which version judged it.
@Suite struct VersionsTests {
    static func version(_ v: String, _ header: String, limit: Int) -> String {
        """
        ruleset "tak"
        version "\(v)"
        source "Dokument"
        \(header)
        date field datum

        record r
          id: text
          datum: date
          antal: int
        end

        rule hogst
          title "Högst"
          severity error
          cites "1"
          require antal <= \(limit)
          message "{id}: {antal} är fler än \(limit)"
        end
        """
    }

    static func checked(_ text: String, _ path: String) throws -> CheckedRuleset {
        let loaded = RulesetLoader.load(text: text, path: path)
        return try #require(loaded.checked, "\(loaded.diagnostics.map(\.message))")
    }

    static let csv = """
        id,datum,antal
        a,2023-12-31,9
        b,2024-01-01,9
        c,2024-06-30,9
        d,2024-07-01,9
        e,2024-07-01,11
        f,2024-13-01,1

        """

    @Test func eachRecordIsJudgedByTheVersionInForce() throws {
        let v1 = try Self.checked(Self.version("1", "effective 2024-01-01\nuntil 2024-06-30", limit: 10), "v1.regel")
        let v2 = try Self.checked(Self.version("2", "effective 2024-07-01", limit: 8), "v2.regel")
        #expect(Versions.check([v1, v2]).isEmpty)
        let source = DataSource(name: "x.csv", bytes: Array(Self.csv.utf8))
        let result = try Validation.run(versions: [v1, v2], params: [[], []], sources: [source])
        let rules = result.findings.filter { $0.kind == .rule }.map { "\($0.record)@\($0.version)" }
        // b and c are within 10 under version 1; d and e exceed 8 under version 2.
        #expect(rules == ["d@2", "e@2"])
        #expect(result.findings.contains { $0.record == "f" && $0.kind == .cell })
        #expect(result.read == 6)
        #expect(result.validated == 4)
        #expect(result.rejected == 1, "f's date cannot be read, so no version applies")
        #expect(result.outside == 1, "a is dated before every version")
        #expect(result.read == result.validated + result.rejected + result.outside)
    }

    @Test func overlappingVersionsAreAnError() throws {
        let v1 = try Self.checked(Self.version("1", "effective 2024-01-01\nuntil 2024-07-31", limit: 10), "v1.regel")
        let v2 = try Self.checked(Self.version("2", "effective 2024-07-01", limit: 8), "v2.regel")
        let problems = Versions.check([v1, v2])
        #expect(problems.count == 1)
        #expect(problems.first?.1.code == "V0102")
        #expect(problems.first?.1.severity == .error)
    }

    @Test func anOpenEndedEarlierVersionOverlaps() throws {
        let v1 = try Self.checked(Self.version("1", "effective 2024-01-01", limit: 10), "v1.regel")
        let v2 = try Self.checked(Self.version("2", "effective 2024-07-01", limit: 8), "v2.regel")
        #expect(Versions.check([v1, v2]).map(\.1.code) == ["V0102"])
    }

    @Test func aGapIsAWarning() throws {
        let v1 = try Self.checked(Self.version("1", "effective 2024-01-01\nuntil 2024-05-31", limit: 10), "v1.regel")
        let v2 = try Self.checked(Self.version("2", "effective 2024-07-01", limit: 8), "v2.regel")
        let problems = Versions.check([v1, v2])
        #expect(problems.map(\.1.code) == ["V0103"])
        #expect(problems.first?.1.severity == .warning)
        #expect(problems.first?.1.message.contains("2024-06-01 to 2024-06-30") == true)
    }
}

/// report counts only the records dated where the ruleset is in force, as
/// validate judges only those.
@Suite struct MeasureDatesTests {
    @Test func measuresSkipRecordsOutsideTheRulesetsDates() throws {
        let text = """
            ruleset "antal"
            source "Dokument"
            effective 2024-01-01
            until 2024-12-31
            date field datum

            record r
              id: text
              datum: date
            end

            measure antal
              value alla = count
            end
            """
        let checked = try #require(RulesetLoader.load(text: text, path: "antal.regel").checked)
        let csv = "id,datum\na,2023-12-31\nb,2024-01-01\nc,2024-12-31\nd,2025-01-01\ne,2024-02-30\n"
        let (results, data) = try Validation.measures(checked, params: [], sources: [DataSource(name: "x.csv", bytes: Array(csv.utf8))])
        #expect(results.first?.rows.first?.values.first?.value == .int(2))
        #expect(data.validated == 2)
        #expect(data.outside == 2)
        #expect(data.rejected == 1)
        #expect(data.read == data.validated + data.outside + data.rejected)
    }
}
