import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues

/// A cap's sequential allocation. The records of each group are numbered
/// in the cap's order; then record n is judged against the dates of the
/// group's records accepted before it, carried in an array.
/// DuckDB and PostgreSQL: a recursive CTE whose step n takes record n of
/// every group at once, one hash join of the previous step's rows with the
/// numbered records; as many steps as the largest group has records.
/// Spark: a fold (`aggregate`) over each group's records, collected and
/// sorted in one `GROUP BY` (SQLCapFold.swift); Spark's recursive CTEs
/// (4.1 on) run one job per step, which is far slower.
struct SQLCapCompiler {
    var chain: SQLVersionChain
    let cap: CheckedCap
    let index: Int

    init(chain: SQLVersionChain, cap: CheckedCap, index: Int) {
        self.chain = chain
        self.cap = cap
        self.index = index
    }

    var dialect: SQLDialect { chain.dialect }
    var q: (String) -> String { chain.dialect.quote }

    mutating func build() throws(SQLRefusal) -> (ctes: [String], findings: [SQLFinding]) {
        let input = chain.cte("cap_\(index)_input"), numbered = chain.cte("cap_\(index)_numbered"), run = chain.cte("cap_\(index)_run")
        var columns = ["c.\(chain.names.ordinal)"]
        var conditions = [chain.readable(cap.fieldMask)]
        var groupKeys: [String] = []
        for (i, e) in cap.per.enumerated() {
            let x = try chain.expressions.compile(e)
            columns.append("\(x) AS \(q("g\(i)"))")
            conditions.append("(\(x)) IS NOT NULL")
            groupKeys.append(chain.ordered(q("g\(i)"), e.type))
        }
        for (i, e) in cap.orderBy.enumerated() {
            let x = try chain.expressions.compile(e)
            columns.append("\(x) AS \(q("k\(i)"))")
            if i == 0 { conditions.append("(\(x)) IS NOT NULL") }
        }
        columns.append("COALESCE(\(try cap.when.map { e throws(SQLRefusal) in try chain.expressions.compile(e) } ?? "TRUE"), FALSE) AS \(q("capped"))")
        var firstFailure: [String] = []
        for (j, check) in cap.checks.enumerated() {
            switch check.kind {
            case .require(let e):
                firstFailure.append("WHEN NOT COALESCE(\(try chain.expressions.compile(e)), FALSE) THEN \(j + 1)")
            case .sinceLatest(let e):
                columns.append("COALESCE(\(try chain.expressions.compile(e)), FALSE) AS \(q("restart\(j)"))")
            case .rolling, .calendar:
                break
            }
        }
        columns.append(firstFailure.isEmpty ? "0 AS \(q("failed"))" : "(CASE \(firstFailure.joined(separator: " ")) ELSE 0 END) AS \(q("failed"))")
        let inputCTE =
            input + " AS (\n  SELECT " + columns.joined(separator: ",\n         ") + "\n  FROM \(chain.cte("base")) c\n  WHERE "
            + conditions.joined(separator: " AND ") + "\n)"

        let partition = groupKeys.joined(separator: ", ")
        let orderKeys = cap.orderBy.enumerated().map { i, e in chain.ordered(q("k\(i)"), e.type) + " NULLS FIRST" } + ["\(chain.names.ordinal)"]
        var numberedColumns = ["i.*"]
        // The fold groups by the keys themselves; a dense_rank over all records would sort them in one partition.
        if dialect.capsRecurse { numberedColumns.append("dense_rank() OVER (ORDER BY \(partition)) AS \(q("gid"))") }
        numberedColumns.append("row_number() OVER (PARTITION BY \(partition) ORDER BY \(orderKeys.joined(separator: ", "))) AS \(q("rn"))")
        for (j, check) in cap.checks.enumerated() {
            if case .sinceLatest = check.kind {
                // The latest restart on or before the record's date, in the whole group, capped or not.
                numberedColumns.append(
                    "max(CASE WHEN \(q("restart\(j)")) THEN \(q("k0")) END) OVER (PARTITION BY \(partition) ORDER BY \(q("k0")) "
                        + "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS \(q("latest\(j)"))")
            }
        }
        let numberedCTE = numbered + " AS (\n  SELECT " + numberedColumns.joined(separator: ",\n         ") + "\n  FROM \(input) i\n)"

        // One step: the counts in each limit's window over the accepted dates so far.
        let step = dialect.capsRecurse ? "s" : "rv_s", acceptedSoFar = dialect.capsRecurse ? "r.\(q("accepted"))" : "rv_acc.\(q("accepted"))"
        var counts: [(Int, String)] = []
        for (j, check) in cap.checks.enumerated() {
            let inWindow: (String) -> String
            let day = "\(step).\(q("k0"))"
            switch check.kind {
            case .require: continue
            case .rolling(let n, let unit):
                let start = dialect.shift(day, -n, unit)
                inWindow = { x in "\(x) > \(start)" }
            case .calendar(let period):
                let parts: [String] =
                    switch period {
                    case .isoWeek: ["ISOYEAR", "WEEK"]
                    case .month: ["YEAR", "MONTH"]
                    case .year: ["YEAR"]
                    }
                let d = dialect
                inWindow = { x in parts.map { "\(d.part($0, x)) = \(d.part($0, day))" }.joined(separator: " AND ") }
            case .sinceLatest:
                let latest = "\(step).\(q("latest\(j)"))"
                inWindow = { x in "(\(latest) IS NULL OR \(x) > \(latest))" }
            }
            counts.append((j, countAccepted(acceptedSoFar, inWindow)))
        }
        let allowed = counts.map { j, n in "\(n) < \(cap.checks[j].limit)" }
        let accepted = (["\(step).\(q("capped"))", "\(step).\(q("failed")) = 0"] + allowed).joined(separator: " AND ")
        let append = appendDate(acceptedSoFar, "\(step).\(q("k0"))")
        let runCTE =
            dialect.capsRecurse
            ? recursion(run: run, numbered: numbered, accepted: accepted, append: append, counts: counts)
            : fold(run: run, numbered: numbered, groups: cap.per.indices.map { q("g\($0)") }, accepted: accepted, append: append, counts: counts)
        let h = dialect.capsRecurse ? "h" : "h\(index)"

        var findings: [SQLFinding] = []
        for (j, check) in cap.checks.enumerated() {
            let position = chain.ruleset.checkOrder.firstIndex(of: .capCheck(cap: index, check: j))!
            let hit: String
            var count = "0", limit = "0"
            if case .require = check.kind {
                hit = "\(h).\(q("capped")) AND \(h).\(q("failed")) = \(j + 1)"
            } else {
                hit = "\(h).\(q("capped")) AND \(h).\(q("failed")) = 0 AND \(h).\(q("count\(j)")) >= \(check.limit)"
                count = "\(h).\(q("count\(j)"))"
                limit = "\(check.limit)"
            }
            let message = try chain.expressions.message(check.message, count: count, limit: limit)
            findings.append(
                SQLFinding(
                    columns: chain.findingColumns(
                        rule: dialect.literal(check.id), severity: check.severity, message: message,
                        position: "\(position)", sub: "0"),
                    source: .cap(run: run, alias: h), condition: "c.\(q("_judged")) AND \(hit)"))
        }
        return ([inputCTE, numberedCTE, runCTE], findings)
    }

    private func recursion(run: String, numbered: String, accepted: String, append: String, counts: [(Int, String)]) -> String {
        var stepColumns = [
            "s.\(q("gid"))", "s.\(q("rn"))", "s.\(chain.names.ordinal)",
            "CASE WHEN \(accepted) THEN \(append) ELSE r.\(q("accepted")) END",
            "s.\(q("capped"))", "s.\(q("failed"))"
        ]
        var anchorColumns = ["\(q("gid"))", "CAST(0 AS BIGINT)", "CAST(NULL AS BIGINT)", emptyDates, "FALSE", "0"]
        var runNames = ["gid", "rn", "_ord", "accepted", "capped", "failed"].map(q)
        for (j, n) in counts {
            stepColumns.append("CAST(\(n) AS BIGINT)")
            anchorColumns.append("CAST(0 AS BIGINT)")
            runNames.append(q("count\(j)"))
        }
        return run + "(" + runNames.joined(separator: ", ") + ") AS (\n"
            + "  SELECT DISTINCT " + anchorColumns.joined(separator: ", ") + " FROM \(numbered)\n  UNION ALL\n"
            + "  SELECT " + stepColumns.joined(separator: ",\n         ")
            + "\n  FROM \(run) r JOIN \(numbered) s ON s.\(q("gid")) = r.\(q("gid")) AND s.\(q("rn")) = r.\(q("rn")) + 1\n)"
    }

    var emptyDates: String {
        switch dialect {
        case .duckdb: "CAST([] AS DATE[])"
        case .postgresql: "CAST(ARRAY[] AS DATE[])"
        case .spark: "CAST(array() AS ARRAY<DATE>)"
        }
    }

    func appendDate(_ list: String, _ d: String) -> String {
        switch dialect {
        case .duckdb: "list_append(\(list), \(d))"
        case .postgresql: "array_append(\(list), \(d))"
        case .spark: "concat(\(list), array(\(d)))"
        }
    }

    private func countAccepted(_ list: String, _ inWindow: (String) -> String) -> String {
        switch dialect {
        case .duckdb: "len(list_filter(\(list), lambda x: \(inWindow("x"))))"
        case .postgresql: "(SELECT count(*) FROM unnest(\(list)) AS a(x) WHERE \(inWindow("a.x")))"
        case .spark: "size(filter(\(list), x -> \(inWindow("x"))))"
        }
    }
}
