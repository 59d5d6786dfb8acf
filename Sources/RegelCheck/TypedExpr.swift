import RegelSyntax
import RegelValues

/// An expression after checking: every name resolved to a slot or index,
/// every operator to the concrete operation for its operand types.
public struct TypedExpr: Sendable {
    public var kind: TypedKind
    public var type: ValueType
    /// May evaluate to `missing` (an optional field the author has not ruled out).
    public var optional: Bool
    public var span: Span

    init(_ kind: TypedKind, _ type: ValueType, optional: Bool = false, _ span: Span) {
        self.kind = kind
        self.type = type
        self.optional = optional
        self.span = span
    }
}

public enum Comparison: Sendable { case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual }
public enum Arithmetic: Sendable { case plus, minus, times, divide }

/// How an aggregate over other records finds its candidates: the current
/// record's key expressions are looked up in a hash index on the other
/// record's key fields; `residual` is tested on each candidate.
public struct LookupPlan: Sendable {
    public var otherKeySlots: [Int]
    public var currentKeys: [TypedExpr]
    /// Conditions on the other record alone (`other.kontakttyp = "BES"`):
    /// applied once, when the index is built, so candidates are fewer.
    public var prefilter: TypedExpr?
    public var residual: TypedExpr?
}

public indirect enum TypedKind: Sendable {
    case constant(Value)
    case field(Int)
    case otherField(Int)
    case param(Int)
    case define(Int)
    case measureValue(Int)
    case list([TypedExpr])
    case not(TypedExpr)
    case negate(TypedExpr)
    case and(TypedExpr, TypedExpr)
    case or(TypedExpr, TypedExpr)
    case compare(Comparison, TypedExpr, TypedExpr)
    case arithmetic(Arithmetic, TypedExpr, TypedExpr)
    /// date ± n units; `sign` is +1 or -1.
    case shiftDate(TypedExpr, Int, DurationUnit)
    case member(TypedExpr, in: TypedExpr, negated: Bool)
    case startsWith(TypedExpr, TypedExpr)
    case textContains(TypedExpr, TypedExpr)
    case presence(TypedExpr, isPresent: Bool)
    case otherwise(TypedExpr, TypedExpr)
    case conditional(TypedExpr, TypedExpr, TypedExpr)
    case call(Builtin, [TypedExpr])
    case aggregate(AggregateKind, field: Int?, LookupPlan, index: Int)
}
