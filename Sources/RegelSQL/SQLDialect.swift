import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues

/// The SQL engines `regelverk sql` writes for, and the few spellings in
/// which they differ. Everything else in the generated query is written in
/// the SQL all three share.
package enum SQLDialect: String, Sendable, CaseIterable {
    case duckdb, postgresql, spark

    func quote(_ name: String) -> String {
        switch self {
        case .spark: "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
        case .duckdb, .postgresql: "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    var textType: String { self == .spark ? "STRING" : "VARCHAR" }
    var doubleType: String { self == .postgresql ? "DOUBLE PRECISION" : "DOUBLE" }

    func literal(_ s: String) -> String {
        let escaped = s.replacingOccurrences(of: "'", with: "''")
        // Spark reads backslashes in string literals as escapes.
        return "'" + (self == .spark ? escaped.replacingOccurrences(of: "\\", with: "\\\\") : escaped) + "'"
    }

    /// Text compared by bytes, as the interpreter compares it; PostgreSQL
    /// would otherwise use the database's locale.
    func bytewise(_ e: String) -> String { self == .postgresql ? "(\(e) COLLATE \"C\")" : e }

    func matches(_ e: String, _ pattern: String) -> String {
        switch self {
        case .duckdb: "regexp_full_match(\(e), \(literal(pattern)))"
        case .postgresql: "(\(e) ~ \(literal("^" + pattern + "$")))"
        case .spark: "(\(e) RLIKE \(literal("^" + pattern + "$")))"
        }
    }

    /// Integer division truncating toward zero, as Swift divides.
    func intDiv(_ a: String, _ b: String) -> String {
        switch self {
        case .duckdb: "CAST(trunc(CAST(\(a) AS DOUBLE) / (\(b))) AS BIGINT)"
        case .postgresql: "((\(a)) / (\(b)))"
        case .spark: "CAST((\(a)) / (\(b)) AS BIGINT)"
        }
    }

    func shift(_ date: String, _ n: Int, _ unit: DurationUnit) -> String {
        let (count, word): (Int, String) =
            switch unit {
            case .day: (n, "day")
            case .week: (7 * n, "day")
            case .month: (n, "month")
            case .year: (12 * n, "month")
            }
        let sign = count < 0 ? "-" : "+"
        let magnitude = abs(count)
        switch self {
        case .duckdb, .postgresql: return "CAST(\(date) \(sign) INTERVAL '\(magnitude) \(word)' AS DATE)"
        case .spark:
            return word == "day" ? "date_add(\(date), \(count))" : "add_months(\(date), \(count))"
        }
    }

    func daysBetween(_ a: String, _ b: String) -> String {
        switch self {
        case .duckdb, .postgresql: "CAST((\(b)) - (\(a)) AS BIGINT)"
        case .spark: "CAST(datediff(\(b), \(a)) AS BIGINT)"
        }
    }

    func part(_ field: String, _ date: String) -> String {
        switch self {
        case .duckdb, .postgresql: "CAST(EXTRACT(\(field) FROM \(date)) AS BIGINT)"
        case .spark:
            switch field {
            case "ISODOW": "CAST(((dayofweek(\(date)) + 5) % 7) + 1 AS BIGINT)"
            case "WEEK": "CAST(weekofyear(\(date)) AS BIGINT)"
            case "ISOYEAR": "CAST(year(date_add(\(date), 3 - ((dayofweek(\(date)) + 5) % 7))) AS BIGINT)"
            default: "CAST(\(field.lowercased())(\(date)) AS BIGINT)"
            }
        }
    }

    func lpad2(_ e: String) -> String { "lpad(CAST(\(e) AS \(textType)), 2, '0')" }

    func toText(_ e: String) -> String { "CAST(\(e) AS \(textType))" }

    /// Items of a `|`-separated cell without the empty ones.
    func splitList(_ e: String) -> String {
        switch self {
        case .duckdb: "list_filter(string_split(\(e), '|'), lambda x: x <> '')"
        case .postgresql: "array_remove(string_to_array(\(e), '|'), '')"
        case .spark: "filter(split(\(e), '[|]'), x -> x <> '')"
        }
    }

    func listContains(_ list: String, _ item: String) -> String {
        switch self {
        case .duckdb: "list_contains(\(list), \(item))"
        case .postgresql: "(\(item) = ANY(\(list)))"
        case .spark: "array_contains(\(list), \(item))"
        }
    }

    /// True when every item is among `codes` (false for an item that is not).
    func listAll(_ list: String, in codes: [String]) -> String {
        let set = codes.map { literal($0) }.joined(separator: ", ")
        switch self {
        case .duckdb: return "(len(list_filter(\(list), lambda x: x NOT IN (\(set)))) = 0)"
        case .postgresql: return "(NOT EXISTS (SELECT 1 FROM unnest(\(list)) AS x(v) WHERE x.v NOT IN (\(set))))"
        case .spark: return "(size(filter(\(list), x -> x NOT IN (\(set)))) = 0)"
        }
    }

    /// The first item not among `codes`, for the cell finding.
    func firstOutside(_ list: String, _ codes: [String]) -> String {
        if codes.isEmpty { return "CAST(NULL AS \(textType))" }
        let set = codes.map { literal($0) }.joined(separator: ", ")
        switch self {
        case .duckdb: return "list_filter(\(list), lambda x: x NOT IN (\(set)))[1]"
        case .postgresql: return "(SELECT x.v FROM unnest(\(list)) WITH ORDINALITY AS x(v, n) WHERE x.v NOT IN (\(set)) ORDER BY x.n LIMIT 1)"
        case .spark: return "element_at(filter(\(list), x -> x NOT IN (\(set))), 1)"
        }
    }

    func listLength(_ list: String) -> String {
        switch self {
        case .duckdb: "CAST(len(\(list)) AS BIGINT)"
        case .postgresql: "CAST(cardinality(\(list)) AS BIGINT)"
        case .spark: "CAST(size(\(list)) AS BIGINT)"
        }
    }

    func listJoin(_ list: String) -> String {
        switch self {
        case .duckdb, .postgresql: "array_to_string(\(list), '|')"
        case .spark: "array_join(\(list), '|')"
        }
    }

    func listLiteral(_ items: [String], elementType: String) -> String {
        switch self {
        case .duckdb: items.isEmpty ? "CAST([] AS \(elementType)[])" : "[" + items.joined(separator: ", ") + "]"
        case .postgresql: items.isEmpty ? "CAST(ARRAY[] AS \(elementType)[])" : "ARRAY[" + items.joined(separator: ", ") + "]"
        case .spark: items.isEmpty ? "CAST(array() AS ARRAY<\(elementType)>)" : "array(" + items.joined(separator: ", ") + ")"
        }
    }

    /// Four decimals, trailing zeros dropped, a whole number without a point:
    /// how the interpreter writes a decimal in a message.
    func formatDecimal(_ e: String) -> String {
        let four = fixedFour(e)
        let trimmed = self == .spark ? "TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM \(four)))" : "rtrim(rtrim(\(four), '0'), '.')"
        return "CASE WHEN \(e) = round(\(e)) AND abs(\(e)) < 1e15 THEN \(toText("CAST(\(e) AS BIGINT)")) ELSE \(trimmed) END"
    }

    /// Caps allocate by a recursive CTE; Spark's recursion runs one job per
    /// step, so there a cap is a fold over each group's records instead.
    var capsRecurse: Bool { self != .spark }
}
