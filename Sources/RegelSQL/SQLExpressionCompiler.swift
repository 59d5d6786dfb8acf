import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues

/// Writes a checked expression as a SQL expression with the language's
/// three-valued logic: a missing value is NULL, and SQL's own `AND`, `OR`,
/// `NOT` and `CASE` already treat NULL as the interpreter treats missing.
/// Values are held as: bool BOOLEAN, int BIGINT, decimal DOUBLE, text and
/// codes text, date DATE, time minutes since midnight (BIGINT), personnummer
/// its last ten digits (its equality key), list an array.
struct SQLExpressionCompiler {
    let dialect: SQLDialect
    let names: SQLNames
    let ruleset: CheckedRuleset
    let params: [Value]
    /// The alias of the current record's row, and of the other record's inside a search.
    var current = "c"
    var other: String? = nil
    /// Aggregates met while compiling, by their index: they become joins.
    var aggregates: [Int: (kind: AggregateKind, field: Int?, plan: LookupPlan, span: Span)] = [:]
    /// Inside a search the aggregates cannot be read from joined columns.
    var insideSearch = false
    /// In a derived value of a measure: the measure whose group values it reads.
    var measureValues: CheckedMeasure? = nil

    mutating func compile(_ e: TypedExpr) throws(SQLRefusal) -> String {
        switch e.kind {
        case .constant(let v):
            return try literal(v, e.type, e.span)
        case .field(let slot):
            return names.field(current, slot)
        case .otherField(let slot):
            guard let other else { throw SQLRefusal(.otherOutsideSearch, at: e.span) }
            return names.field(other, slot)
        case .param(let i):
            return try literal(params[i], ruleset.params[i].type, e.span)
        case .define(let i):
            return "(" + (try compile(ruleset.defines[i].expr)) + ")"
        case .measureValue(let i):
            guard let measure = measureValues else { throw SQLRefusal(.measureValue, at: e.span) }
            if case .derived(let d) = measure.values[i].kind { return "(" + (try compile(d)) + ")" }
            return "m." + dialect.quote("v\(i)")
        case .list(let items):
            var parts: [String] = []
            for item in items { parts.append(try compile(item)) }
            return dialect.listLiteral(parts, elementType: elementType(e.type))
        case .not(let a):
            return "(NOT \(try compile(a)))"
        case .negate(let a):
            return "(-\(try compile(a)))"
        case .and(let a, let b):
            return "(\(try compile(a)) AND \(try compile(b)))"
        case .or(let a, let b):
            return "(\(try compile(a)) OR \(try compile(b)))"
        case .compare(let op, let a, let b):
            return try comparison(op, a, b)
        case .arithmetic(let op, let a, let b):
            return try arithmetic(op, a, b, integer: e.type == .int)
        case .shiftDate(let a, let n, let unit):
            return dialect.shift(try compile(a), n, unit)
        case .member(let item, let list, let negated):
            return try membership(item, list, negated)
        case .startsWith(let a, let b):
            let x = try compile(a), y = try compile(b)
            return "(substr(\(x), 1, length(\(y))) = \(y))"
        case .textContains(let a, let b):
            let x = try compile(a), y = try compile(b)
            return "(\(dialect == .spark ? "instr" : "strpos")(\(x), \(y)) > 0 OR length(\(y)) = 0)"
        case .presence(let a, let isPresent):
            return "(\(try compile(a)) IS \(isPresent ? "NOT " : "")NULL)"
        case .otherwise(let a, let b):
            return "COALESCE(\(try compile(a)), \(try compile(b)))"
        case .conditional(let c, let a, let b):
            let cc = try compile(c), x = try compile(a), y = try compile(b)
            return "(CASE WHEN \(cc) THEN \(x) WHEN NOT \(cc) THEN \(y) END)"
        case .call(let builtin, let args):
            var xs: [String] = []
            for a in args { xs.append(try compile(a)) }
            return try call(builtin, xs, args, e.span)
        case .aggregate(let kind, let field, let plan, let index):
            if insideSearch { throw SQLRefusal(.nestedSearch, at: e.span) }
            aggregates[index] = (kind, field, plan, e.span)
            let column = current + "." + names.aggregate(index)
            switch kind {
            case .exists: return "(\(column) IS NOT NULL)"
            case .count: return "COALESCE(\(column), 0)"
            case .latest, .earliest: return column
            }
        }
    }

    /// The cell as written, for a personnummer read from a field.
    func rawText(_ e: TypedExpr) -> String? {
        switch e.kind {
        case .field(let slot): current + "." + names.raw(slot)
        case .otherField(let slot): other.map { $0 + "." + names.raw(slot) }
        case .define(let i): rawText(ruleset.defines[i].expr)
        default: nil
        }
    }

    /// Personnummer.validity in SQL over the ten-digit key: a real date (or a
    /// samordningsnummer's month 00–12 and day 60–91), birth number not 000,
    /// and the Luhn check digit over YYMMDDNNN.
    func validPersonnummer(_ key: String, _ raw: String) -> String {
        let d = dialect
        func num(_ from: Int, _ count: Int) -> String { "CAST(substr(\(key), \(from), \(count)) AS BIGINT)" }
        let yy = num(1, 2), mm = num(3, 2), dd = num(5, 2)
        let digits = "replace(replace(\(raw), '-', ''), '+', '')"
        let year = "(CAST(substr(\(digits), 1, 2) AS BIGINT) * 100 + \(yy))"
        let leap = "(\(year) % 4 = 0 AND (\(year) % 100 <> 0 OR \(year) % 400 = 0))"
        let february = "(CASE WHEN length(\(digits)) = 12 THEN (CASE WHEN \(leap) THEN 29 ELSE 28 END) WHEN \(yy) % 4 = 0 THEN 29 ELSE 28 END)"
        let monthLength = "(CASE WHEN \(mm) = 2 THEN \(february) WHEN \(mm) IN (4, 6, 9, 11) THEN 30 ELSE 31 END)"
        let date = "(CASE WHEN \(dd) >= 60 THEN \(mm) <= 12 AND \(dd) <= 91 ELSE \(mm) BETWEEN 1 AND 12 AND \(dd) >= 1 AND \(dd) <= \(monthLength) END)"
        var terms: [String] = []
        for i in 1...9 {
            let product = "(\(num(i, 1)) * \(i % 2 == 1 ? 2 : 1))"
            terms.append("(\(d.intDiv(product, "10")) + \(product) % 10)")
        }
        let check = "((10 - (\(terms.joined(separator: " + "))) % 10) % 10)"
        return "(\(date) AND \(num(7, 3)) <> 0 AND \(check) = \(num(10, 1)))"
    }

    func elementType(_ t: ValueType) -> String {
        if case .list(let inner) = t { return sqlType(inner) }
        return dialect.textType
    }

    func sqlType(_ t: ValueType) -> String {
        switch t {
        case .bool: "BOOLEAN"
        case .int, .time: "BIGINT"
        case .decimal: dialect.doubleType
        case .date: "DATE"
        case .list(let inner): dialect == .spark ? "ARRAY<\(sqlType(inner))>" : sqlType(inner) + "[]"
        default: dialect.textType
        }
    }

    func literal(_ v: Value, _ type: ValueType, _ span: Span) throws(SQLRefusal) -> String {
        switch v {
        case .missing: return "CAST(NULL AS \(sqlType(type)))"
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .int(let n): return "CAST(\(n) AS BIGINT)"
        case .decimal(let d): return "CAST(\(d) AS \(dialect.doubleType))"
        case .text(let s): return dialect.literal(s)
        case .date(let d): return "DATE '\(d.description)'"
        case .time(let t): return "CAST(\(t.minutes) AS BIGINT)"
        case .personnummer(let p):
            let ten = String(p.key)
            return dialect.literal(String(repeating: "0", count: max(0, 10 - ten.count)) + ten)
        case .list(let items):
            let inner: ValueType = if case .list(let i) = type { i } else { .text }
            var parts: [String] = []
            for item in items { parts.append(try literal(item, inner, span)) }
            return dialect.listLiteral(parts, elementType: sqlType(inner))
        }
    }

    private mutating func comparison(_ op: Comparison, _ a: TypedExpr, _ b: TypedExpr) throws(SQLRefusal) -> String {
        var x = try compile(a), y = try compile(b)
        let decimal = (a.type == .decimal || b.type == .decimal)
        if decimal && (op == .equal || op == .notEqual) {
            // Decimals are equal when they agree to about 12 significant digits.
            let close = "(abs((\(x)) - (\(y))) <= 1e-12 * greatest(1, abs(\(x)), abs(\(y))))"
            return op == .equal ? close : "(NOT \(close))"
        }
        if a.type.isTextLike || b.type.isTextLike, op != .equal, op != .notEqual {
            x = dialect.bytewise(x)
            y = dialect.bytewise(y)
        }
        let symbol = switch op {
        case .equal: "="
        case .notEqual: "<>"
        case .less: "<"
        case .lessOrEqual: "<="
        case .greater: ">"
        case .greaterOrEqual: ">="
        }
        return "(\(x) \(symbol) \(y))"
    }

    private mutating func arithmetic(_ op: Arithmetic, _ a: TypedExpr, _ b: TypedExpr, integer: Bool) throws(SQLRefusal) -> String {
        let x = try compile(a), y = try compile(b)
        let double = dialect.doubleType
        switch op {
        case .divide:
            return "(CASE WHEN (\(y)) = 0 THEN NULL ELSE CAST(\(x) AS \(double)) / (\(y)) END)"
        case .plus, .minus, .times:
            let symbol = op == .plus ? "+" : op == .minus ? "-" : "*"
            guard integer else { return "(CAST(\(x) AS \(double)) \(symbol) (\(y)))" }
            // Integer overflow is missing, as in the interpreter, not an error of the engine.
            let wide = "(CAST(\(x) AS \(double)) \(symbol) CAST(\(y) AS \(double)))"
            return "(CASE WHEN abs(\(wide)) < 9.2e18 THEN (\(x)) \(symbol) (\(y)) END)"
        }
    }

    private mutating func membership(_ item: TypedExpr, _ list: TypedExpr, _ negated: Bool) throws(SQLRefusal) -> String {
        let x = try compile(item)
        if case .constant(.list(let values)) = list.kind {
            guard !values.isEmpty else { return "(CASE WHEN \(x) IS NULL THEN NULL ELSE \(negated ? "TRUE" : "FALSE") END)" }
            let inner: ValueType = if case .list(let i) = list.type { i } else { .text }
            var parts: [String] = []
            for v in values { parts.append(try literal(v, inner, list.span)) }
            return "(\(x) \(negated ? "NOT IN" : "IN") (\(parts.joined(separator: ", "))))"
        }
        if case .list(let items) = list.kind {
            guard !items.isEmpty else { return "(CASE WHEN \(x) IS NULL THEN NULL ELSE \(negated ? "TRUE" : "FALSE") END)" }
            var parts: [String] = []
            for i in items { parts.append(try compile(i)) }
            return "(\(x) \(negated ? "NOT IN" : "IN") (\(parts.joined(separator: ", "))))"
        }
        let l = try compile(list)
        let found = "(CASE WHEN \(x) IS NULL OR \(l) IS NULL THEN NULL ELSE COALESCE(\(dialect.listContains(l, x)), FALSE) END)"
        return negated ? "(NOT \(found))" : found
    }

    private func call(_ builtin: Builtin, _ xs: [String], _ args: [TypedExpr], _ span: Span) throws(SQLRefusal) -> String {
        let d = dialect
        switch builtin {
        case .samordningsnummer:
            return "(CAST(substr(\(xs[0]), 5, 2) AS BIGINT) BETWEEN 60 AND 91)"
        case .validPersonnummer:
            guard let raw = rawText(args[0]) else {
                throw SQLRefusal(.validPersonnummerOfComputed, at: span)
            }
            return validPersonnummer(xs[0], raw)
        case .year: return d.part("YEAR", xs[0])
        case .month: return d.part("MONTH", xs[0])
        case .day: return d.part("DAY", xs[0])
        case .weekday: return d.part("ISODOW", xs[0])
        case .isoWeek: return d.part("WEEK", xs[0])
        case .isoYear: return d.part("ISOYEAR", xs[0])
        case .weekText: return "(\(d.toText(d.part("ISOYEAR", xs[0]))) || '-W' || \(d.lpad2(d.part("WEEK", xs[0]))))"
        case .monthText: return "(\(d.toText(d.part("YEAR", xs[0]))) || '-' || \(d.lpad2(d.part("MONTH", xs[0]))))"
        case .daysBetween: return d.daysBetween(xs[0], xs[1])
        case .monthsBetween, .yearsBetween:
            func packed(_ e: String) -> String { "((\(d.part("YEAR", e)) * 12 + \(d.part("MONTH", e)) - 1) * 32 + \(d.part("DAY", e)))" }
            let months = d.intDiv("\(packed(xs[1])) - \(packed(xs[0]))", "32")
            return builtin == .monthsBetween ? months : d.intDiv(months, "12")
        case .sameIsoWeek:
            return "(\(d.part("ISOYEAR", xs[0])) = \(d.part("ISOYEAR", xs[1])) AND \(d.part("WEEK", xs[0])) = \(d.part("WEEK", xs[1])))"
        case .sameMonth:
            return "(\(d.part("YEAR", xs[0])) = \(d.part("YEAR", xs[1])) AND \(d.part("MONTH", xs[0])) = \(d.part("MONTH", xs[1])))"
        case .hour: return d.intDiv(xs[0], "60")
        case .minute: return "((\(xs[0])) % 60)"
        case .length:
            if case .list = args[0].type { return d.listLength(xs[0]) }
            return "CAST(length(\(xs[0])) AS BIGINT)"
        case .lower: return "lower(\(xs[0]))"
        case .upper: return "upper(\(xs[0]))"
        case .trim: return d == .duckdb ? "trim(\(xs[0]), ' ')" : "btrim(\(xs[0]), ' ')"
        }
    }
}
