import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues
/// How one `exists / count / latest / earliest other where …` finds its
/// answer without looking at every candidate: the `where` is split into
/// conditions on this record alone (tested once per record), on the other
/// record alone (applied when the index is built), at most one range on an
/// ordered field of the other record (a binary search in the group ordered
/// by that field), and the rest, tested per candidate.
struct SearchPlan: Sendable {
    var kind: AggregateKind
    /// The field `latest` / `earliest` return.
    var field: Int?
    var otherKeySlots: [Int]
    var currentKeys: [Kernel]
    /// Over the other record (as the batch's own rows): prefilter and the
    /// residual conditions that mention only the other record.
    var filter: Kernel?
    /// Residual conditions on this record alone.
    var guardCondition: Kernel?
    /// `other.slot op bound`.
    var window: (slot: Int, op: Comparison, bound: Kernel)?
    /// What is left, tested per candidate with the candidate as `other`.
    var perCandidate: Compiled?
    /// The slot the rows of a group are ordered by (the window's field, or
    /// the field `latest` / `earliest` returns when it is ordered exactly).
    var orderSlot: Int?

    init(kind: AggregateKind, field: Int?, plan: LookupPlan, fields: [FieldInfo], compiler: KernelCompiler) {
        self.kind = kind
        self.field = field
        otherKeySlots = plan.otherKeySlots
        currentKeys = plan.currentKeys.map { compiler.compile($0) }
        var otherOnly: [TypedExpr] = plan.prefilter.map { [$0] } ?? []
        var currentOnly: [TypedExpr] = []
        var mixed: [TypedExpr] = []
        for conjunct in plan.residual.map(SearchPlan.conjuncts) ?? [] {
            let (current, other) = SearchPlan.references(conjunct)
            if !other { currentOnly.append(conjunct) } else if !current { otherOnly.append(conjunct) } else { mixed.append(conjunct) }
        }
        filter = otherOnly.isEmpty ? nil : compiler.compile(SearchPlan.joined(otherOnly), otherAsCurrent: true)
        guardCondition = currentOnly.isEmpty ? nil : compiler.compile(SearchPlan.joined(currentOnly))
        if let i = mixed.firstIndex(where: { SearchPlan.range($0, fields) != nil }) {
            let (slot, op, bound) = SearchPlan.range(mixed[i], fields)!
            window = (slot, op, compiler.compile(bound))
            mixed.remove(at: i)
        }
        perCandidate = mixed.isEmpty ? nil : compiler.scalar.compile(SearchPlan.joined(mixed))
        if let window {
            orderSlot = window.slot
        } else if let field, kind == .latest || kind == .earliest, SearchPlan.isOrderedExactly(fields[field].type) {
            orderSlot = field
        }
    }

    static func isOrderedExactly(_ type: ValueType) -> Bool {
        switch type {
        case .int, .date, .time: true;
        default: false
        }
    }

    /// `other.f op e` or `e op other.f`, with `e` on this record alone and of
    /// the field's own exactly ordered type.
    static func range(_ e: TypedExpr, _ fields: [FieldInfo]) -> (Int, Comparison, TypedExpr)? {
        guard case .compare(let op, let a, let b) = e.kind, op != .notEqual else { return nil }
        func fits(_ slot: Int, _ bound: TypedExpr) -> Bool {
            isOrderedExactly(fields[slot].type) && bound.type == fields[slot].type && !references(bound).other
        }
        if case .otherField(let slot) = a.kind, fits(slot, b) { return (slot, op, b) }
        if case .otherField(let slot) = b.kind, fits(slot, a) { return (slot, op.flipped, a) }
        return nil
    }

    static func conjuncts(_ e: TypedExpr) -> [TypedExpr] {
        if case .and(let a, let b) = e.kind { return conjuncts(a) + conjuncts(b) }
        return [e]
    }

    static func joined(_ parts: [TypedExpr]) -> TypedExpr {
        parts.dropFirst().reduce(parts[0]) { TypedExpr(.and($0, $1), .bool, $0.span) }
    }

    /// Whether an expression reads this record and the other record.
    static func references(_ e: TypedExpr) -> (current: Bool, other: Bool) {
        var current = false, other = false
        func visit(_ e: TypedExpr) {
            switch e.kind {
            case .field, .define, .measureValue: current = true
            case .otherField: other = true
            case .constant, .param: break
            case .list(let items): items.forEach(visit)
            case .not(let a), .negate(let a), .presence(let a, _), .shiftDate(let a, _, _): visit(a)
            case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .arithmetic(_, let a, let b),
                .member(let a, let b, _), .startsWith(let a, let b), .textContains(let a, let b), .otherwise(let a, let b):
                visit(a)
                visit(b)
            case .conditional(let a, let b, let c):
                visit(a)
                visit(b)
                visit(c)
            case .call(_, let args): args.forEach(visit)
            case .aggregate: current = true
            }
        }
        visit(e)
        return (current, other)
    }
}

extension Comparison {
    /// The same test with its operands swapped.
    var flipped: Comparison {
        switch self {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        }
    }
}
