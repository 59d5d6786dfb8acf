import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues

/// Assembles the one `SELECT` that `regelverk sql` prints: per version of
/// the ruleset a chain of CTEs (text cells → converted values → bad-cell
/// flags → searches across records as joins → caps as a recursive CTE →
/// findings), then all findings in the order `validate` writes them: by
/// record, cell findings first, then rules and cap checks as declared.
package struct SQLQueryBuilder {
    package let dialect: SQLDialect
    package let table: String
    package let versions: [CheckedRuleset]
    package let params: [[Value]]
    /// A column numbering the records in the order of the file, when the
    /// engine does not keep the order in which rows were loaded.
    package var orderColumn: String?

    package init(dialect: SQLDialect, table: String, versions: [CheckedRuleset], params: [[Value]], orderColumn: String? = nil) {
        self.orderColumn = orderColumn
        self.dialect = dialect
        self.table = table
        self.versions = versions
        self.params = params
    }

    /// The query, or the first construct the dialect cannot express (with
    /// the file it is in).
    package func findingsQuery() throws(SQLVersionRefusal) -> String {
        var ctes: [String] = []
        var findingSets: [String] = []
        var findingCTEs: [String] = []
        var recursive = false
        for (v, ruleset) in versions.enumerated() {
            let prefix = versions.count == 1 ? "" : "v\(v)_"
            do {
                var chain = SQLVersionChain(dialect: dialect, table: table, ruleset: ruleset, params: params[v], prefix: prefix)
                chain.orderColumn = orderColumn
                let built = try chain.build(
                    otherVersions: versions.indices.filter { $0 != v }.map { versions.count == 1 ? "" : "v\($0)_" },
                    reportsUndated: v == 0)
                ctes += built.ctes
                findingCTEs += built.findingsCTE.map { [$0] } ?? []
                findingSets.append(built.findings)
                recursive = recursive || built.recursive
            } catch {
                throw SQLVersionRefusal(refusal: error, file: ruleset.file)
            }
        }
        let q = dialect.quote
        let columns = ["ruleset", "version", "rule", "severity", "record", "line", "column", "value", "message"].map(q).joined(separator: ", ")
        let all = findingSets.map { "SELECT * FROM \($0)" }.joined(separator: "\nUNION ALL\n")
        let head = recursive ? "WITH RECURSIVE\n" : "WITH\n"
        return head + (ctes + findingCTEs).joined(separator: ",\n") + ",\n\(dialect.quote("rv_all_findings")) AS (\n" + all + "\n)\n"
            + "SELECT \(columns)\nFROM \(dialect.quote("rv_all_findings"))\nORDER BY \(q("_ord")), \(q("_pos")), \(q("_sub"))\n"
    }
}

extension SQLQueryBuilder {
    /// The figures of `report`: one row per measure, group and value.
    package func measuresQuery() throws(SQLVersionRefusal) -> String {
        let ruleset = versions[0]
        var chain = SQLVersionChain(dialect: dialect, table: table, ruleset: ruleset, params: params[0], prefix: "")
        chain.orderColumn = orderColumn
        let built: SQLVersionChain.Built
        do {
            built = try chain.build(otherVersions: [], reportsUndated: false, measures: true)
        } catch {
            throw SQLVersionRefusal(refusal: error, file: ruleset.file)
        }
        let q = dialect.quote
        let columns = ["measure", "group", "name", "value"].map(q).joined(separator: ", ")
        return "WITH\n" + built.ctes.joined(separator: ",\n") + "\nSELECT \(columns)\nFROM \(built.findings)\nORDER BY \(q("_m")), \(q("_g")), \(q("_v"))\n"
    }
}

package struct SQLVersionRefusal: Error, Sendable {
    package var refusal: SQLRefusal
    package var file: SourceFile
}
