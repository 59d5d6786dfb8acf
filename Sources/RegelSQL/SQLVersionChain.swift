import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues

/// The CTEs of one version of a ruleset, named with a prefix so that the
/// versions of one ruleset can sit side by side in one query.
struct SQLVersionChain {
    let dialect: SQLDialect
    let table: String
    let ruleset: CheckedRuleset
    let params: [Value]
    let prefix: String
    var orderColumn: String? = nil
    let names: SQLNames
    var expressions: SQLExpressionCompiler

    init(dialect: SQLDialect, table: String, ruleset: CheckedRuleset, params: [Value], prefix: String) {
        self.dialect = dialect
        self.table = table
        self.ruleset = ruleset
        self.params = params
        self.prefix = prefix
        names = SQLNames(dialect: dialect, fields: ruleset.fields)
        expressions = SQLExpressionCompiler(dialect: dialect, names: names, ruleset: ruleset, params: params)
    }

    /// Named apart from any table of the warehouse: inside `WITH RECURSIVE`
    /// a CTE called like the input table would hide it.
    func cte(_ name: String) -> String { dialect.quote("rv_" + prefix + name) }
    var q: (String) -> String { dialect.quote }

    struct Built {
        var ctes: [String]
        /// The name of the CTE with this version's findings.
        var findings: String
        var findingsCTE: String?
        var recursive: Bool
    }

    mutating func build(otherVersions: [String], reportsUndated: Bool, measures: Bool = false) throws(SQLRefusal) -> Built {
        var ctes: [String] = []
        ctes.append(sourceCTE())
        ctes.append(try conversionCTE())
        ctes.append(flagsCTE())
        if measures {
            let built = try measureSelects()
            ctes += try aggregateCTEs()
            ctes.append(baseCTE())
            ctes += built.ctes
            ctes.append(cte("figures") + " AS (\n" + built.selects.joined(separator: "\nUNION ALL\n") + "\n)")
            return Built(ctes: ctes, findings: cte("figures"), findingsCTE: nil, recursive: false)
        }
        // Rules and caps are compiled first: the searches they use become joins.
        let cells = cellFindings(otherVersions: otherVersions, reportsUndated: reportsUndated)
        var findings = cells.findings
        for (position, ref) in ruleset.checkOrder.enumerated() {
            if case .rule(let i) = ref { findings.append(try ruleFindings(ruleset.rules[i], position)) }
        }
        var capCTEs: [String] = []
        for (k, cap) in ruleset.caps.enumerated() {
            var caps = SQLCapCompiler(chain: self, cap: cap, index: k)
            let built = try caps.build()
            capCTEs += built.ctes
            findings += built.findings
            expressions.aggregates.merge(caps.chain.expressions.aggregates) { a, _ in a }
        }
        ctes += try aggregateCTEs()
        ctes.append(baseCTE())
        ctes += capCTEs
        // Kept apart: the first version's findings read the other versions' records, so they come after all chains.
        return Built(
            ctes: ctes, findings: cte("findings"), findingsCTE: findingsCTE(findings, joins: cells.joins),
            recursive: dialect.capsRecurse && !ruleset.caps.isEmpty)
    }

    private func sourceCTE() -> String {
        // Without an order column the engine's scan order is taken as the file's order.
        let order =
            orderColumn.map { "ORDER BY CAST(\(dialect.quote($0)) AS BIGINT)" }
            ?? (dialect == .spark ? "ORDER BY monotonically_increasing_id()" : "")
        var columns = ["row_number() OVER (\(order)) AS \(names.ordinal)"]
        for f in ruleset.fields {
            columns.append("NULLIF(CAST(\(names.source(f.slot)) AS \(dialect.textType)), '') AS \(names.raw(f.slot))")
        }
        return cte("cells") + " AS (\n  SELECT " + columns.joined(separator: ",\n         ") + "\n  FROM \(table)\n)"
    }

    private func conversionCTE() throws(SQLRefusal) -> String {
        let conversion = SQLCellConversion(dialect: dialect, names: names, ruleset: ruleset)
        var columns = ["s.*"]
        for f in ruleset.fields { columns.append(try conversion.convert(f) + " AS " + names.value(f.slot)) }
        return cte("values") + " AS (\n  SELECT " + columns.joined(separator: ",\n         ") + "\n  FROM \(cte("cells")) s\n)"
    }

    /// Per field: did its cell fail (text that does not convert, or empty
    /// though required)? Plus the record's name and whether this version judges it.
    private func flagsCTE() -> String {
        var columns = ["v.*"]
        for f in ruleset.fields {
            let failed = "(\(names.raw(f.slot)) IS NOT NULL AND \(names.value(f.slot)) IS NULL)"
            columns.append((f.optional ? failed : "(\(failed) OR \(names.raw(f.slot)) IS NULL)") + " AS " + names.bad(f.slot))
        }
        let line = "'line ' || \(dialect.toText("\(names.ordinal) + 1"))"
        if let id = ruleset.idSlot {
            columns.append("COALESCE(\(names.raw(id)), \(line)) AS \(q("_record"))")
        } else {
            columns.append("\(line) AS \(q("_record"))")
        }
        let dated = ruleset.effective != nil || ruleset.until != nil
        if dated, let slot = ruleset.dateFieldSlot {
            var inside = ["\(names.value(slot)) IS NOT NULL"]
            if let from = ruleset.effective { inside.append("\(names.value(slot)) >= DATE '\(from.description)'") }
            if let to = ruleset.until { inside.append("\(names.value(slot)) <= DATE '\(to.description)'") }
            columns.append("(" + inside.joined(separator: " AND ") + ") AS \(q("_judged"))")
            columns.append("(\(names.value(slot)) IS NULL) AS \(q("_undated"))")
        } else {
            columns.append("TRUE AS \(q("_judged"))")
            columns.append("FALSE AS \(q("_undated"))")
        }
        return cte("records") + " AS (\n  SELECT " + columns.joined(separator: ",\n         ") + "\n  FROM \(cte("values")) v\n)"
    }

    /// One join per search across records: the current record's key values
    /// against the other record's key fields, the rest tested on each match.
    private func aggregateCTEs() throws(SQLRefusal) -> [String] {
        var out: [String] = []
        for index in expressions.aggregates.keys.sorted() {
            let (kind, field, plan, _) = expressions.aggregates[index]!
            var inner = expressions
            inner.other = "o"
            inner.insideSearch = true
            var on: [String] = []
            for (slot, key) in zip(plan.otherKeySlots, plan.currentKeys) {
                on.append("\(names.field("o", slot)) = \(try inner.compile(key))")
            }
            on.append("o.\(names.ordinal) <> c.\(names.ordinal)")
            if let p = plan.prefilter { on.append("COALESCE(\(try inner.compile(p)), FALSE)") }
            if let r = plan.residual { on.append("COALESCE(\(try inner.compile(r)), FALSE)") }
            let value: String =
                switch kind {
                case .exists: "TRUE"
                case .count: "count(*)"
                case .latest: "max(\(ordered(names.field("o", field!), ruleset.fields[field!].type)))"
                case .earliest: "min(\(ordered(names.field("o", field!), ruleset.fields[field!].type)))"
                }
            out.append(
                cte("search_\(index)") + " AS (\n  SELECT c.\(names.ordinal), \(value) AS \(names.aggregate(index))\n"
                    + "  FROM \(cte("records")) c\n  JOIN \(cte("records")) o ON " + on.joined(separator: "\n    AND ")
                    + "\n  GROUP BY c.\(names.ordinal)\n)")
        }
        return out
    }

    func ordered(_ e: String, _ type: ValueType) -> String { type.isTextLike ? dialect.bytewise(e) : e }

    private func baseCTE() -> String {
        var columns = ["c.*"]
        var joins = ""
        for index in expressions.aggregates.keys.sorted() {
            columns.append("a\(index).\(names.aggregate(index))")
            joins += "\n  LEFT JOIN \(cte("search_\(index)")) a\(index) ON a\(index).\(names.ordinal) = c.\(names.ordinal)"
        }
        return cte("base") + " AS (\n  SELECT " + columns.joined(separator: ", ") + "\n  FROM \(cte("records")) c" + joins + "\n)"
    }

    /// The columns every finding has, in the order of the output.
    func findingColumns(
        rule: String, severity: Severity, message: String, position: String, sub: String,
        column: String = "CAST(NULL AS \("VARCHAR"))", value: String = "CAST(NULL AS VARCHAR)"
    ) -> [(name: String, expr: String)] {
        let d = dialect
        let text = d.textType
        return [
            ("_ord", "c.\(names.ordinal)"), ("_pos", position), ("_sub", sub),
            ("ruleset", d.literal(ruleset.name)), ("version", d.literal(ruleset.version)),
            ("rule", rule), ("severity", d.literal(severity.rawValue)), ("record", "c.\(q("_record"))"),
            ("line", "c.\(names.ordinal) + 1"),
            ("column", column.replacingOccurrences(of: "VARCHAR", with: text)),
            ("value", value.replacingOccurrences(of: "VARCHAR", with: text)), ("message", message)
        ]
    }

    /// Cell findings of the records this version judges (and, for the
    /// first version, of records no version can date), with the joins
    /// that the one-pass form (Spark) needs to know the other versions' dates.
    private func cellFindings(otherVersions: [String], reportsUndated: Bool) -> (findings: [SQLFinding], joins: [String]) {
        let conversion = SQLCellConversion(dialect: dialect, names: names, ruleset: ruleset)
        var findings: [SQLFinding] = []
        var joins: [String] = []
        var judged = "c.\(q("_judged"))"
        if reportsUndated {
            var undated = "c.\(q("_undated"))"
            for (i, other) in otherVersions.enumerated() {
                let judgedThere = "SELECT \(names.ordinal) FROM \(dialect.quote("rv_" + other + "records")) WHERE \(q("_judged"))"
                if dialect == .spark {
                    // Spark allows `IN (SELECT …)` only in a WHERE, not inside the CASE of the one pass.
                    joins.append("LEFT JOIN (\(judgedThere)) j\(i) ON j\(i).\(names.ordinal) = c.\(names.ordinal)")
                    undated += " AND j\(i).\(names.ordinal) IS NULL"
                } else {
                    undated += " AND c.\(names.ordinal) NOT IN (\(judgedThere))"
                }
            }
            judged = "(\(judged) OR (\(undated)))"
        }
        for f in ruleset.fields {
            // Text that does not convert comes before empty required cells, as the reader reports them.
            let sub = "(CASE WHEN \(names.raw(f.slot)) IS NULL THEN \(1000 + f.slot) ELSE \(f.slot) END)"
            findings.append(
                SQLFinding(
                    columns: findingColumns(
                        rule: "'cell'", severity: .error, message: conversion.message(f), position: "-1", sub: sub,
                        column: dialect.literal(f.name), value: "COALESCE(\(names.raw(f.slot)), '')"),
                    source: .records, condition: "\(judged) AND c.\(names.bad(f.slot))"))
        }
        return (findings, joins)
    }

    func slots(_ mask: UInt64) -> [Int] { (0..<64).filter { mask & (1 << UInt64($0)) != 0 } }

    /// A rule is skipped for a record when a cell it reads did not convert.
    func readable(_ mask: UInt64, _ alias: String = "c") -> String {
        let bad = slots(mask).map { "\(alias).\(names.bad($0))" }
        return bad.isEmpty ? "TRUE" : "NOT (" + bad.joined(separator: " OR ") + ")"
    }

    private mutating func ruleFindings(_ rule: CheckedRule, _ position: Int) throws(SQLRefusal) -> SQLFinding {
        var conditions = ["c.\(q("_judged"))", readable(rule.fieldMask)]
        if let when = rule.when { conditions.append("COALESCE(\(try expressions.compile(when)), FALSE)") }
        // Missing is no finding: only a require that is false gives one.
        conditions.append("NOT COALESCE(\(try expressions.compile(rule.require)), TRUE)")
        let message = try expressions.message(rule.message)
        return SQLFinding(
            columns: findingColumns(rule: dialect.literal(rule.id), severity: rule.severity, message: message, position: "\(position)", sub: "0"),
            source: .base, condition: conditions.joined(separator: "\n    AND "))
    }
}
