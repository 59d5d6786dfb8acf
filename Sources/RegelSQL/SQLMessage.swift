import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues

/// A finding's message as a SQL text expression: the literal parts, and
/// each placeholder's value written as in a CSV cell, `(saknas)` when missing.
extension SQLExpressionCompiler {
    mutating func message(_ template: MessageTemplate, count: String = "0", limit: String = "0") throws(SQLRefusal) -> String {
        var parts: [String] = []
        for part in template.parts {
            switch part {
            case .literal(let s): parts.append(dialect.literal(s))
            case .value(let e): parts.append("COALESCE(\(try display(e)), '(saknas)')")
            case .capCount: parts.append(dialect.toText(count))
            case .capLimit: parts.append(dialect.toText(limit))
            }
        }
        if parts.isEmpty { return "''" }
        return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " || ") + ")"
    }

    /// A value as the interpreter writes it: bools ja/nej, dates
    /// YYYY-MM-DD, times HH:MM, decimals with at most four decimals, lists
    /// joined with `|`, personnummer as written in the data.
    mutating func display(_ e: TypedExpr) throws(SQLRefusal) -> String {
        if e.type == .personnummer {
            // The value held is the equality key; the text as written is the raw cell.
            switch e.kind {
            case .field(let slot): return current + "." + names.raw(slot)
            case .define(let i): return try display(ruleset.defines[i].expr)
            default:
                throw SQLRefusal(.computedPersonnummerShown, at: e.span)
            }
        }
        let x = try compile(e)
        return try render(x, e.type, e.span)
    }

    func render(_ x: String, _ type: ValueType, _ span: Span) throws(SQLRefusal) -> String {
        switch type {
        case .bool: return "(CASE WHEN \(x) THEN 'ja' WHEN NOT \(x) THEN 'nej' END)"
        case .int, .date: return dialect.toText(x)
        case .decimal: return dialect.formatDecimal(x)
        case .time: return "(\(dialect.lpad2(dialect.intDiv(x, "60"))) || ':' || \(dialect.lpad2("(\(x)) % 60")))"
        case .list(let inner):
            switch inner {
            case .text, .code: return dialect.listJoin(x)
            default: throw SQLRefusal(.listShown(of: inner), at: span)
            }
        default: return x
        }
    }
}
