import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues

/// A cap's sequential allocation as a recursive CTE: the records of each
/// group are numbered in the cap's order, and step n of the recursion takes
/// record n of every group at once, carrying the dates of the group's
/// accepted records so far in an array. Each step is one hash join of the
/// previous step's rows with the numbered records, so the query makes as
/// many steps as the largest group has records, and the work of a step is
/// proportional to the number of groups still running times their accepted
/// dates. Spark SQL has no recursive queries, so caps are refused there.
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

    mutating func build() throws(SQLRefusal) -> (ctes: [String], findings: [String]) {
        guard dialect.supportsRecursion else {
            let name = cap.name
            let declared = chain.ruleset.syntax.declarations.compactMap { d -> Span? in
                if case .cap(let c) = d, c.name.text == name { return c.name.span }
                return nil
            }.first
            throw SQLRefusal(construct: "cap `\(cap.name)`", span: declared ?? cap.orderBy.first?.span ?? .none,
                             reason: "a cap allocates records one after another, which needs a recursive query, and Spark SQL has none",
                             hint: "run the caps with DuckDB or PostgreSQL, or with `regelverk validate`")
        }
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
        let inputCTE = input + " AS (\n  SELECT " + columns.joined(separator: ",\n         ") + "\n  FROM \(chain.cte("base")) c\n  WHERE "
            + conditions.joined(separator: " AND ") + "\n)"

        let partition = groupKeys.joined(separator: ", ")
        let orderKeys = cap.orderBy.enumerated().map { i, e in chain.ordered(q("k\(i)"), e.type) + " NULLS FIRST" } + ["\(chain.names.ordinal)"]
        var numberedColumns = ["i.*", "dense_rank() OVER (ORDER BY \(partition)) AS \(q("gid"))",
                               "row_number() OVER (PARTITION BY \(partition) ORDER BY \(orderKeys.joined(separator: ", "))) AS \(q("rn"))"]
        for (j, check) in cap.checks.enumerated() {
            if case .sinceLatest = check.kind {
                // The latest restart on or before the record's date, in the whole group, capped or not.
                numberedColumns.append("max(CASE WHEN \(q("restart\(j)")) THEN \(q("k0")) END) OVER (PARTITION BY \(partition) ORDER BY \(q("k0")) "
                    + "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS \(q("latest\(j)"))")
            }
        }
        let numberedCTE = numbered + " AS (\n  SELECT " + numberedColumns.joined(separator: ",\n         ") + "\n  FROM \(input) i\n)"

        // One step: the counts in each limit's window over the accepted dates so far.
        var counts: [(Int, String)] = []
        for (j, check) in cap.checks.enumerated() {
            let inWindow: (String) -> String
            let day = "s.\(q("k0"))"
            switch check.kind {
            case .require: continue
            case .rolling(let n, let unit):
                let start = dialect.shift(day, -n, unit)
                inWindow = { x in "\(x) > \(start)" }
            case .calendar(let period):
                let parts: [String] = switch period {
                case .isoWeek: ["ISOYEAR", "WEEK"]
                case .month: ["YEAR", "MONTH"]
                case .year: ["YEAR"]
                }
                let d = dialect
                inWindow = { x in parts.map { "\(d.part($0, x)) = \(d.part($0, day))" }.joined(separator: " AND ") }
            case .sinceLatest:
                let latest = "s.\(q("latest\(j)"))"
                inWindow = { x in "(\(latest) IS NULL OR \(x) > \(latest))" }
            }
            counts.append((j, countAccepted("r.\(q("accepted"))", inWindow)))
        }
        let allowed = counts.map { j, n in "\(n) < \(cap.checks[j].limit)" }
        let accepted = (["s.\(q("capped"))", "s.\(q("failed")) = 0"] + allowed).joined(separator: " AND ")
        let append = appendDate("r.\(q("accepted"))", "s.\(q("k0"))")
        var stepColumns = ["s.\(q("gid"))", "s.\(q("rn"))", "s.\(chain.names.ordinal)",
                           "CASE WHEN \(accepted) THEN \(append) ELSE r.\(q("accepted")) END",
                           "s.\(q("capped"))", "s.\(q("failed"))"]
        var anchorColumns = ["\(q("gid"))", "CAST(0 AS BIGINT)", "CAST(NULL AS BIGINT)", emptyDates, "FALSE", "0"]
        var runNames = ["gid", "rn", "_ord", "accepted", "capped", "failed"].map(q)
        for (j, n) in counts {
            stepColumns.append("CAST(\(n) AS BIGINT)")
            anchorColumns.append("CAST(0 AS BIGINT)")
            runNames.append(q("count\(j)"))
        }
        let runCTE = run + "(" + runNames.joined(separator: ", ") + ") AS (\n"
            + "  SELECT DISTINCT " + anchorColumns.joined(separator: ", ") + " FROM \(numbered)\n  UNION ALL\n"
            + "  SELECT " + stepColumns.joined(separator: ",\n         ")
            + "\n  FROM \(run) r JOIN \(numbered) s ON s.\(q("gid")) = r.\(q("gid")) AND s.\(q("rn")) = r.\(q("rn")) + 1\n)"

        var findings: [String] = []
        for (j, check) in cap.checks.enumerated() {
            let position = chain.ruleset.checkOrder.firstIndex(of: .capCheck(cap: index, check: j))!
            let hit: String
            var count = "0", limit = "0"
            if case .require = check.kind {
                hit = "h.\(q("capped")) AND h.\(q("failed")) = \(j + 1)"
            } else {
                hit = "h.\(q("capped")) AND h.\(q("failed")) = 0 AND h.\(q("count\(j)")) >= \(check.limit)"
                count = "h.\(q("count\(j)"))"
                limit = "\(check.limit)"
            }
            let message = try chain.expressions.message(check.message, count: count, limit: limit)
            findings.append(chain.findingColumns(rule: dialect.literal(check.id), severity: check.severity, message: message,
                                                 position: "\(position)", sub: "0")
                + "\n  FROM \(run) h JOIN \(chain.cte("base")) c ON c.\(chain.names.ordinal) = h.\(chain.names.ordinal)"
                + "\n  WHERE c.\(q("_judged")) AND \(hit)")
        }
        return ([inputCTE, numberedCTE, runCTE], findings)
    }

    private var emptyDates: String {
        switch dialect {
        case .duckdb: "CAST([] AS DATE[])"
        case .postgresql: "CAST(ARRAY[] AS DATE[])"
        case .spark: "CAST(array() AS ARRAY<DATE>)"
        }
    }

    private func appendDate(_ list: String, _ d: String) -> String {
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
