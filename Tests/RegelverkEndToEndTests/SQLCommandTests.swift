import Foundation
import Testing

/// `regelverk sql` as a user runs it: the query for a small ruleset is
/// pinned by a golden file (its meaning is proven on real engines by
/// Tests/sql/differential.sh), and bad input gives a clear message and exit 2.
@Suite struct SQLCommandTests {
    static let golden = Binary.repository.appendingPathComponent("Tests/sql/golden")

    @Test func goldenQueryForASmallRuleset() throws {
        let r = try Binary.run(["sql", "--dialect", "duckdb", "--rules", "Tests/sql/golden/besok.regel"])
        #expect(r.status == 0, "\(r.stderr)")
        let expected = try String(contentsOf: Self.golden.appendingPathComponent("besok.regel.duckdb.sql"), encoding: .utf8)
        #expect(
            r.stdout == expected,
            "the query differs from Tests/sql/golden/besok.regel.duckdb.sql; if intended, regenerate it and rerun Tests/sql/differential.sh")
    }

    @Test func unknownDialectSuggestsTheNearest() throws {
        let r = try Binary.run(["sql", "--dialect", "postgres", "--rules", "rulesets/stockholm-rehab.regel"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("unknown dialect `postgres`; did you mean postgresql?"))
        #expect(r.stderr.contains("duckdb, postgresql, spark"))
    }

    @Test func unknownDialectWithoutANearOneListsTheDialects() throws {
        let r = try Binary.run(["sql", "--dialect", "oracle", "--rules", "rulesets/stockholm-rehab.regel"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown dialect `oracle`. The dialects are duckdb, postgresql, spark."))
    }

    @Test func dialectIsRequired() throws {
        let r = try Binary.run(["sql", "--rules", "rulesets/stockholm-rehab.regel"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--dialect is required"))
    }

    @Test func unsupportedFieldTypeIsRefusedWithItsPosition() throws {
        let r = try Binary.run(["sql", "--dialect", "postgresql", "--rules", "Tests/sql/golden/refused.regel"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty, "no query may be printed for a ruleset that cannot be expressed")
        #expect(r.stderr.contains("Tests/sql/golden/refused.regel:6:3: error[S0001]: a field of type list of int cannot be written in postgresql SQL"))
    }

    @Test func unsupportedConstructIsRefusedOnSparkToo() throws {
        let r = try Binary.run(["sql", "--dialect", "spark", "--rules", "Tests/sql/golden/refused.regel"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("Tests/sql/golden/refused.regel:6:3: error[S0001]: a field of type list of int cannot be written in spark SQL"))
        #expect(r.stderr.contains("hint:"))
    }

    /// Spark runs a recursive CTE one job per step, so a cap is a fold over
    /// each group's records there; DuckDB and PostgreSQL keep the recursion.
    @Test func capsAreAFoldOnSparkAndARecursionElsewhere() throws {
        let spark = try Binary.run(["sql", "--dialect", "spark", "--rules", "rulesets/stockholm-rehab.regel"])
        #expect(spark.status == 0, "\(spark.stderr)")
        #expect(!spark.stdout.contains("RECURSIVE"))
        #expect(spark.stdout.contains("inline(aggregate("))
        #expect(spark.stdout.contains("GROUP BY `g0`, `g1`"))
        // No ranking over all records: on a cluster that would sort them in one partition.
        #expect(!spark.stdout.contains("dense_rank"))
        let duckdb = try Binary.run(["sql", "--dialect", "duckdb", "--rules", "rulesets/stockholm-rehab.regel"])
        #expect(duckdb.stdout.hasPrefix("WITH RECURSIVE"))
        #expect(!duckdb.stdout.contains("aggregate("))
    }

    /// Spark inlines a CTE read more than once, so its findings are one pass
    /// over the records (an array per record, unnested), not a UNION ALL.
    @Test func sparkFindingsAreOnePass() throws {
        let r = try Binary.run(["sql", "--dialect", "spark", "--rules", "rulesets/skane-distans.regel"])
        #expect(r.status == 0, "\(r.stderr)")
        let findings = r.stdout.components(separatedBy: "`rv_findings` AS (")
        #expect(findings.count == 2)
        #expect(findings.last?.components(separatedBy: "UNION ALL").count == 1)
        #expect(findings.last?.contains("inline(filter(array(") == true)
        let versions = try Binary.run([
            "sql", "--dialect", "spark", "--rules", "Tests/sql/golden/versions/besok-v1.regel",
            "--rules", "Tests/sql/golden/versions/besok-v2.regel"
        ])
        #expect(versions.status == 0, "\(versions.stderr)")
        #expect(!versions.stdout.contains("NOT IN (SELECT"), "Spark allows IN (SELECT …) only in a WHERE")
    }

    @Test(arguments: ["duckdb", "postgresql", "spark"])
    func everyShippedRulesetIsWritten(_ dialect: String) throws {
        for name in ["skane-distans", "skr-aterbesok", "stockholm-rehab", "vgr-oppenvardsprocess", "vgr-primar-sekundar"] {
            let r = try Binary.run(["sql", "--dialect", dialect, "--rules", "rulesets/\(name).regel"])
            #expect(r.status == 0, "\(name): \(r.stderr)")
            #expect(r.stdout.hasPrefix("WITH"))
            #expect(r.stdout.contains("ORDER BY"))
        }
    }

    @Test func measuresQueryHasOneSelectPerMeasureValue() throws {
        let r = try Binary.run(["sql", "--dialect", "postgresql", "--measures", "--rules", "rulesets/skr-aterbesok.regel"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("GROUP BY"))
        #expect(r.stdout.components(separatedBy: "'andel_inom' AS \"name\"").count == 2)
        let none = try Binary.run(["sql", "--dialect", "duckdb", "--measures", "--rules", "rulesets/stockholm-rehab.regel"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("defines no measures"))
    }

    @Test func ruleFileErrorsStopBeforeAnyQuery() throws {
        let path = try Binary.temporaryFile(
            "broken.regel", "ruleset \"x\"\nsource \"y\"\nrecord r\n  id: text\nend\nrule a\n  severity error\n  require nope\nend\n")
        let r = try Binary.run(["sql", "--dialect", "duckdb", "--rules", path])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("nope"))
    }
}
