import RegelCheck

/// Which declared columns each check of a ruleset reads, anywhere: in the
/// current record, in the other records a search looks at, and through
/// definitions. A check that reads a column the export lacks cannot be
/// judged on that export.
struct ColumnUse {
    let ruleset: CheckedRuleset
    private var defineSlots: [Set<Int>?]

    init(_ ruleset: CheckedRuleset) {
        self.ruleset = ruleset
        defineSlots = Array(repeating: nil, count: ruleset.defines.count)
    }

    mutating func rule(_ r: CheckedRule) -> Set<Int> {
        slots([r.when, r.require])
    }

    /// A cap's checks allocate together, so the cap reads every column that
    /// any of its parts reads.
    mutating func cap(_ c: CheckedCap) -> Set<Int> {
        var exprs = [c.when] + c.per.map(Optional.some) + c.orderBy.map(Optional.some)
        for check in c.checks {
            switch check.kind {
            case .require(let e), .sinceLatest(let e): exprs.append(e)
            case .rolling, .calendar: break
            }
        }
        return slots(exprs)
    }

    mutating func measure(_ m: CheckedMeasure) -> Set<Int> {
        var exprs = [m.when] + m.groupBy.map { Optional.some($0.expr) }
        for v in m.values {
            switch v.kind {
            case .count(let f): exprs.append(f)
            case .sum(let e, let f): exprs += [e, f]
            case .derived(let e): exprs.append(e)
            }
        }
        return slots(exprs)
    }

    private mutating func slots(_ exprs: [TypedExpr?]) -> Set<Int> {
        var out: Set<Int> = []
        for e in exprs { if let e { visit(e, &out) } }
        return out
    }

    private mutating func visit(_ t: TypedExpr, _ out: inout Set<Int>) {
        switch t.kind {
        case .field(let s), .otherField(let s): out.insert(s)
        case .define(let i):
            guard i < defineSlots.count else { return }
            if defineSlots[i] == nil {
                defineSlots[i] = []
                var inner: Set<Int> = []
                visit(ruleset.defines[i].expr, &inner)
                defineSlots[i] = inner
            }
            out.formUnion(defineSlots[i] ?? [])
        case .constant, .param, .measureValue: break
        case .list(let items): for item in items { visit(item, &out) }
        case .not(let a), .negate(let a), .presence(let a, _), .shiftDate(let a, _, _): visit(a, &out)
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .arithmetic(_, let a, let b),
            .member(let a, let b, _), .startsWith(let a, let b), .textContains(let a, let b), .otherwise(let a, let b):
            visit(a, &out)
            visit(b, &out)
        case .conditional(let a, let b, let c):
            visit(a, &out)
            visit(b, &out)
            visit(c, &out)
        case .call(_, let args): for a in args { visit(a, &out) }
        case .aggregate(_, let field, let plan, _):
            if let field { out.insert(field) }
            out.formUnion(plan.otherKeySlots)
            for k in plan.currentKeys { visit(k, &out) }
            if let p = plan.prefilter { visit(p, &out) }
            if let r = plan.residual { visit(r, &out) }
        }
    }
}
