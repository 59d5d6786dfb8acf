/// An expression as written, with its source span.
public struct Expr: Sendable, Equatable {
    public var kind: ExprKind
    public var span: Span
    public init(_ kind: ExprKind, _ span: Span) { self.kind = kind; self.span = span }
}

public enum DurationUnit: String, Sendable, CaseIterable {
    case day, week, month, year
    package func plural(_ n: Int) -> String { n == 1 ? rawValue : rawValue + "s" }
}

public enum BinaryOperator: String, Sendable, CaseIterable {
    case and, or
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case plus = "+", minus = "-", times = "*", divide = "/"
    case isIn = "in", notIn = "not in", startsWith = "starts with", contains, otherwise
}

public enum AggregateKind: String, Sendable { case exists, count, latest, earliest }

public indirect enum ExprKind: Sendable, Equatable {
    case integer(Int)
    case decimal(Double)
    case string(String)
    case date(String)
    case time(String)
    case bool(Bool)
    case missing
    case duration(Int, DurationUnit)
    case list([Expr])
    case name(String)
    case otherField(String, nameSpan: Span)
    case call(String, [Expr])
    case negate(Expr)
    case not(Expr)
    case binary(BinaryOperator, Expr, Expr)
    case presence(Expr, isPresent: Bool)
    case within(Expr, Int, DurationUnit, before: Bool, Expr)
    case conditional(Expr, Expr, Expr)
    /// `exists other where …`, `count other where …`, `latest other.f where …`.
    case aggregate(AggregateKind, field: String?, Expr)
}
