import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues

/// One kind of finding of a version's query (a cell that does not convert,
/// a rule, a cap check): its columns, the rows it reads and when a row has
/// it. Written either as one `SELECT … WHERE` per kind, joined with `UNION
/// ALL` (DuckDB, PostgreSQL), or, for Spark, as one pass over the records
/// that collects each record's findings in an array and unnests it.
struct SQLFinding {
    enum Source {
        /// The records with their converted cells and bad-cell flags.
        case records
        /// The records with the results of their searches.
        case base
        /// A cap's per-record allocation (alias `alias`), joined to the base.
        case cap(run: String, alias: String)
    }

    var columns: [(name: String, expr: String)]
    var source: Source
    var condition: String
}

extension SQLVersionChain {
    /// The kinds of findings as one CTE. Spark inlines every CTE that is
    /// read more than once, so a `UNION ALL` of forty selects would compute
    /// the records and their searches forty times there; one pass reads them once.
    func findingsCTE(_ findings: [SQLFinding], joins: [String]) -> String {
        let body = dialect == .spark ? onePass(findings, joins: joins) : union(findings)
        return cte("findings") + " AS (\n" + body + "\n)"
    }

    private func union(_ findings: [SQLFinding]) -> String {
        findings.map { f in
            let select = "SELECT " + f.columns.map { "\($0.expr) AS \(q($0.name))" }.joined(separator: ", ")
            switch f.source {
            case .records: return select + "\n  FROM \(cte("records")) c WHERE " + f.condition
            case .base: return select + "\n  FROM \(cte("base")) c\n  WHERE " + f.condition
            case .cap(let run, let alias):
                return select + "\n  FROM \(run) \(alias) JOIN \(cte("base")) c ON c.\(names.ordinal) = \(alias).\(names.ordinal)\n  WHERE " + f.condition
            }
        }.joined(separator: "\nUNION ALL\n")
    }

    /// `inline` unnests the array of the record's findings into rows; a
    /// kind the record does not have is a NULL item, filtered out first.
    private func onePass(_ findings: [SQLFinding], joins: [String]) -> String {
        var from = "  FROM \(cte("base")) c"
        var capsJoined: Set<String> = []
        for f in findings {
            if case .cap(let run, let alias) = f.source, capsJoined.insert(alias).inserted {
                from += "\n  LEFT JOIN \(run) \(alias) ON \(alias).\(names.ordinal) = c.\(names.ordinal)"
            }
        }
        from += joins.map { "\n  " + $0 }.joined()
        let items = findings.map { f in
            "    CASE WHEN " + f.condition.replacingOccurrences(of: "\n", with: "\n    ") + "\n      THEN named_struct("
                + f.columns.map { "\(dialect.literal($0.name)), \($0.expr)" }.joined(separator: ", ") + ") END"
        }
        return "  SELECT inline(filter(array(\n" + items.joined(separator: ",\n") + "\n  ), rv_f -> rv_f IS NOT NULL))\n" + from
    }
}
