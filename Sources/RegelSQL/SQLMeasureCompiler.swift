import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues

/// The figures of `report` as SQL: per measure a `GROUP BY` over the
/// records the ruleset judges, then the derived values over each group's
/// row. One row per measure, group and value, in `report`'s order (groups
/// sorted by their values, text by bytes), the value written as `report
/// --format csv` writes it: decimals with four decimals, `–` when missing.
extension SQLVersionChain {
    mutating func measureSelects() throws(SQLRefusal) -> (ctes: [String], selects: [String]) {
        var ctes: [String] = []
        var selects: [String] = []
        let d = dialect
        for (k, measure) in ruleset.measures.enumerated() {
            var columns: [String] = []
            var groups: [String] = []
            for (i, key) in measure.groupBy.enumerated() {
                columns.append("\(try expressions.compile(key.expr)) AS \(q("g\(i)"))")
                groups.append(q("g\(i)"))
            }
            for (i, value) in measure.values.enumerated() {
                switch value.kind {
                case .count(let filter):
                    let hit = try filter.map { f throws(SQLRefusal) in "COALESCE(\(try expressions.compile(f)), FALSE)" } ?? "TRUE"
                    columns.append("CAST(SUM(CASE WHEN \(hit) THEN 1 ELSE 0 END) AS BIGINT) AS \(q("v\(i)"))")
                case .sum(let e, let filter):
                    let hit = try filter.map { f throws(SQLRefusal) in "COALESCE(\(try expressions.compile(f)), FALSE)" } ?? "TRUE"
                    let type = value.type == .int ? "BIGINT" : d.doubleType
                    columns.append("CAST(SUM(CASE WHEN \(hit) THEN COALESCE(\(try expressions.compile(e)), 0) ELSE 0 END) AS \(type)) AS \(q("v\(i)"))")
                case .derived:
                    break
                }
            }
            var conditions = ["c.\(q("_judged"))", readable(measure.fieldMask)]
            if let when = measure.when { conditions.append("COALESCE(\(try expressions.compile(when)), FALSE)") }
            ctes.append(
                cte("measure_\(k)") + " AS (\n  SELECT " + columns.joined(separator: ",\n         ") + "\n  FROM \(cte("base")) c\n  WHERE "
                    + conditions.joined(separator: " AND ") + (groups.isEmpty ? "" : "\n  GROUP BY " + groups.joined(separator: ", ")) + "\n)")
            var derived = expressions
            derived.measureValues = measure
            derived.current = "m"
            let groupText: String =
                measure.groupBy.isEmpty
                ? "''"
                : measure.groupBy.enumerated().map { i, key in
                    let shown = (try? derived.render("m." + q("g\(i)"), key.expr.type, key.expr.span)) ?? d.toText("m." + q("g\(i)"))
                    return d.literal(key.name + "=") + " || COALESCE(\(shown), '')"
                }.joined(separator: " || ', ' || ")
            for (i, value) in measure.values.enumerated() {
                let x: String
                if case .derived(let e) = value.kind { x = try derived.compile(e) } else { x = "m." + q("v\(i)") }
                let shown = value.type == .int ? d.toText(x) : d.fixedFour(x)
                let keys = measure.groupBy.enumerated().map { j, key in ordered("m." + q("g\(j)"), key.expr.type) + " NULLS FIRST" }
                let rank = keys.isEmpty ? "CAST(1 AS BIGINT)" : "dense_rank() OVER (ORDER BY \(keys.joined(separator: ", ")))"
                let order = ["\(k) AS \(q("_m"))", "\(rank) AS \(q("_g"))", "\(i) AS \(q("_v"))"]
                selects.append(
                    "SELECT \(d.literal(measure.name)) AS \(q("measure")), \(groupText) AS \(q("group")), "
                        + "\(d.literal(value.name)) AS \(q("name")), COALESCE(\(shown), '–') AS \(q("value")), " + order.joined(separator: ", ")
                        + "\n  FROM \(cte("measure_\(k)")) m")
            }
        }
        return (ctes, selects)
    }
}

extension SQLDialect {
    /// Exactly four decimals, as `report` writes a decimal figure.
    /// Rounded as the interpreter rounds: the value times 10 000, rounded
    /// half away from zero (PostgreSQL's round of a double would round half to even).
    func fixedFour(_ e: String) -> String {
        switch self {
        case .duckdb: "printf('%.4f', round((\(e)) * 10000) / 10000.0)"
        case .postgresql: "to_char(round(CAST((\(e)) * 10000 AS NUMERIC)) / 10000, 'FM999999999999990.0000')"
        // Spark's format_string writes a NULL as the text "null".
        case .spark: "(CASE WHEN (\(e)) IS NOT NULL THEN format_string('%.4f', round((\(e)) * 10000) / 10000.0) END)"
        }
    }
}
