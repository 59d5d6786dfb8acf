import RegelCheck
import RegelRun
import RegelSQL
import RegelSyntax
import RegelValues

enum SQLCommand {
    static let help = """
        usage: regelverk sql --dialect duckdb|postgresql|spark --rules FILE [--rules FILE]...
                             [--table NAME] [--order-column NAME] [--param NAME=VALUE]... [--measures]

        Prints one SQL query (a SELECT with CTEs, no side effects) that finds in a
        table what `validate` finds in the export: one row per finding, with the
        columns ruleset, version, rule, severity, record, line, column, value and
        message, in the order `validate` writes them. The table (default `records`)
        holds the export as loaded from its CSV: every column text, named as in the
        header. Records are numbered in the engine's scan order (DuckDB keeps the
        order of loading; PostgreSQL and Spark may not): --order-column names a
        column with increasing numbers in the file's order (line = number + 1
        when it counts from 1). Several --rules
        files are versions of one ruleset, each judging the records of its dates.

        With --measures the query gives the figures of `report` instead: one row
        per measure, group and value, with the columns measure, group (the group's
        keys as name=value, …), name and value (as `report --format csv` writes it).

        A construct the dialect cannot express is refused with its file:line:column
        (exit status 2) rather than written as a query that means something else.
        docs/sql.md tells how to load an export and run the query.

        example:
          regelverk sql --dialect duckdb --rules rulesets/stockholm-rehab.regel > rehab.sql
          duckdb -c "CREATE TABLE records AS SELECT * FROM read_csv('rulesets/examples/stockholm-rehab.csv', all_varchar = true); $(cat rehab.sql)"

        exit status: 0 printed, 2 usage, rule-file error or a construct the dialect cannot express.

        """

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, options: ["--dialect", "--rules", "--table", "--param", "--order-column"], flags: ["--help", "--measures"])
        if a.has("--help") { console.out(help); return 0 }
        guard let name = a.value("--dialect") else {
            throw UsageError("--dialect is required: one of \(SQLDialect.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let dialect = SQLDialect(rawValue: name) else {
            let known = SQLDialect.allCases.map(\.rawValue)
            let hint = closest(name, among: known).map { "; did you mean \($0)?" } ?? "."
            throw UsageError("unknown dialect `\(name)`\(hint) The dialects are \(known.joined(separator: ", ")).")
        }
        let paths = a.all("--rules")
        guard !paths.isEmpty else { throw UsageError("--rules FILE is required: the ruleset to write as SQL") }
        if !a.positional.isEmpty { throw UsageError("`sql` reads no data files (it prints a query); unexpected: \(a.positional.joined(separator: " "))") }
        let table = a.value("--table") ?? "records"
        guard !table.isEmpty, table.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "_" || $0 == "." || ("0"..."9").contains($0) }) else {
            throw UsageError("--table `\(table)` is not a table name: use letters, digits, `_` and `.` (schema.table)")
        }
        guard let rulesets = try RegelverkCLI.loadRulesets(paths, console) else { return 2 }
        let versions = try ValidateCommand.sameRuleset(rulesets)
        let params = try Parameters.resolve(a.all("--param"), for: versions)
        let builder = SQLQueryBuilder(dialect: dialect, table: table, versions: versions, params: params, orderColumn: a.value("--order-column"))
        if a.has("--measures") {
            guard versions.count == 1 else { throw UsageError("--measures takes one version of a ruleset (one --rules file), as `report` does") }
            guard !versions[0].measures.isEmpty else {
                throw InputError("the ruleset \(versions[0].name) defines no measures; --measures writes the figures of `report`")
            }
        }
        do throws(SQLVersionRefusal) {
            if a.has("--measures") {
                console.out(try builder.measuresQuery())
            } else {
                console.out(try builder.findingsQuery())
            }
            return 0
        } catch {
            let renderer = DiagnosticRenderer(colour: console.colourErr)
            console.err(renderer.render(error.refusal.diagnostic(in: error.file, dialect: dialect), in: error.file))
            return 2
        }
    }
}
