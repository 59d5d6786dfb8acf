import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues

/// Reads the export's text cells with the interpreter's rules (the readers
/// of RegelBuiltins: dates in the export spellings of `ExportDate`, `H:MM`/`HH:MM[:SS]` times,
/// ja/nej and SANT/FALSKT booleans, numbers with a point or a comma, personnummer shapes, exact
/// codes, `|`-separated lists) and writes a `cell` finding, in the
/// interpreter's words, for each cell that does not convert.
struct SQLCellConversion {
    let dialect: SQLDialect
    let names: SQLNames
    let ruleset: CheckedRuleset

    /// The conversion of one field's text column `t` (NULL when empty).
    func convert(_ field: FieldInfo) throws(SQLRefusal) -> String {
        let t = names.raw(field.slot)
        switch field.type {
        case .list(let inner):
            let items = dialect.splitList(t)
            switch inner {
            case .text: return items
            case .code(let codes): return "(CASE WHEN \(dialect.listAll(items, in: codes)) THEN \(items) END)"
            default:
                throw SQLRefusal(.listField(of: inner), at: field.span)
            }
        default:
            return scalar(t, field.type)
        }
    }

    func scalar(_ t: String, _ type: ValueType) -> String {
        let d = dialect
        func digits(_ from: Int, _ count: Int) -> String { "CAST(substr(\(t), \(from), \(count)) AS BIGINT)" }
        switch type {
        case .text: return t
        case .code(let codes): return "(CASE WHEN \(t) IN (\(codes.map { d.literal($0) }.joined(separator: ", "))) THEN \(t) END)"
        case .bool:
            let yes = Self.trueWords.map { "'\($0)'" }.joined(separator: ", "), no = Self.falseWords.map { "'\($0)'" }.joined(separator: ", ")
            return "(CASE WHEN lower(\(t)) IN (\(yes)) THEN TRUE WHEN lower(\(t)) IN (\(no)) THEN FALSE END)"
        case .int:
            let wide = "CAST(\(t) AS DECIMAL(38, 0))"
            return "(CASE WHEN \(d.matches(t, "[+-]?[0-9]{1,19}")) THEN (CASE WHEN \(wide) BETWEEN -9223372036854775808 AND 9223372036854775807 THEN CAST(\(wide) AS BIGINT) END) END)"
        case .decimal:
            return "(CASE WHEN \(d.matches(t, "[+-]?[0-9]+([.,][0-9]+)?")) THEN CAST(replace(\(t), ',', '.') AS \(d.doubleType)) END)"
        case .date:
            let y = digits(1, 4), m = digits(6, 2), day = digits(9, 2)
            // Nested CASEs: the parts are cast only once the shape is known to be digits. The
            // contract's spelling first: nearly every cell has it, and it is the cheapest to read;
            // then YYYY-M-D and YYYYMMDD, each also with a midnight time (`ExportDate`).
            return "(CASE WHEN \(d.matches(t, "[0-9]{4}-[0-9]{2}-[0-9]{2}")) THEN (CASE WHEN \(y) >= 1 AND \(isCalendarDay(y, m, day)) THEN CAST(\(t) AS DATE) END) "
                + "WHEN \(d.matches(t, Self.datePartShape + "(" + Self.midnight + ")?")) THEN \(exportDate(t)) END)"
        case .time:
            let hourDigits = "(CASE WHEN substr(\(t), 2, 1) = ':' THEN 1 ELSE 2 END)"
            let hour = "CAST(substr(\(t), 1, \(hourDigits)) AS BIGINT)"
            let minute = "CAST(substr(\(t), \(hourDigits) + 2, 2) AS BIGINT)"
            let second = "CAST(substr(\(t), \(hourDigits) + 5, 2) AS BIGINT)"
            return "(CASE WHEN \(d.matches(t, "[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?")) THEN (CASE WHEN \(hour) <= 23 AND \(minute) <= 59 AND (length(\(t)) <= 5 OR \(second) <= 59) THEN \(hour) * 60 + \(minute) END) END)"
        case .personnummer:
            let digitsOnly = "replace(replace(\(t), '-', ''), '+', '')"
            return "(CASE WHEN \(d.matches(t, "([0-9]{6}|[0-9]{8})[-+]?[0-9]{4}")) THEN substr(\(digitsOnly), length(\(digitsOnly)) - 9, 10) END)"
        default: return "CAST(NULL AS \(d.textType))"
        }
    }

    /// What the interpreter says a cell should have been (CellConverter's words).
    func expected(_ type: ValueType) -> String {
        switch type {
        case .int: "expected a whole number"
        case .decimal: "expected a number such as 12.5 or 12,5"
        case .bool: "expected ja/nej, true/false, j/n or 1/0"
        case .date: "expected a date YYYY-MM-DD"
        case .time: "expected a time HH:MM (00:00–23:59)"
        case .personnummer: "expected a personnummer YYYYMMDD-NNNN, YYYYMMDDNNNN or YYMMDD-NNNN"
        case .code(let codes): "expected one of \(codes.joined(separator: ", "))"
        default: "cannot be read from data"
        }
    }

    /// The message of the cell finding for a field whose cell did not
    /// convert (or is empty though required), as a SQL text expression.
    func message(_ field: FieldInfo) -> String {
        let d = dialect
        let t = names.raw(field.slot)
        let suffix = d.literal("; rules that need it were skipped for this record")
        let empty = d.literal("column `\(field.name)` is empty, but the ruleset requires a value (\(field.type))") + " || " + suffix
        let start = d.literal("column `\(field.name)`: \"") + " || \(t) || " + d.literal("\" — ")
        var failed: String
        switch field.type {
        case .list(let inner):
            let item = d.firstOutside(d.splitList(t), inner.codes ?? [])
            failed = start + " || " + d.literal("list item \"") + " || \(item) || " + d.literal("\": " + expected(inner))
                + " || " + hint(item, inner)
        default:
            failed = start + " || " + d.literal(expected(field.type)) + " || " + hint(t, field.type)
        }
        let body = field.optional ? "(\(failed) || \(suffix))" : "(CASE WHEN \(t) IS NULL THEN \(empty) ELSE \(failed) || \(suffix) END)"
        return body
    }

    /// The interpreter's hint, or '' when it gives none.
    private func hint(_ t: String, _ type: ValueType) -> String {
        let d = dialect
        switch type {
        case .date:
            return dateHint(t)
        case .bool:
            return boolHint(t)
        case .code(let codes):
            let near = closestCode(t, codes)
            return "COALESCE(' (did you mean ' || \(near) || '? (codes are case-sensitive))', '')"
        default:
            return "''"
        }
    }

    /// The nearest code by edit distance (the interpreter's `closest`):
    /// DuckDB has the optimal-string-alignment distance built in; the
    /// other dialects suggest only a code that differs in case alone.
    private func closestCode(_ t: String, _ codes: [String]) -> String {
        let d = dialect
        let sorted = codes.sorted()
        if d == .duckdb {
            let items = sorted.map { c in
                "{'d': damerau_levenshtein(lower(\(t)), \(d.literal(c.lowercased()))), 'c': \(d.literal(c)), 'm': \(max(1, min(3, (c.count + 1) / 3)))}"
            }
            return "(list_sort(list_filter([\(items.joined(separator: ", "))], lambda x: x.d <= x.m))[1]).c"
        }
        let cases = sorted.map { "WHEN lower(\(t)) = \(d.literal(c: $0)) THEN \(d.literal($0))" }
        return "(CASE \(cases.joined(separator: " ")) END)"
    }
}

extension SQLDialect {
    fileprivate func literal(c code: String) -> String { literal(code.lowercased()) }
}
