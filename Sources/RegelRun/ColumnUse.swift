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

    /// The fields a message computes with; a field it only shows as it is
    /// (`{id}`) is left out.
    private mutating func computedInMessage(_ m: MessageTemplate) -> Set<Int> {
        slots(
            m.parts.map { part in
                guard case .value(let e) = part else { return nil }
                if case .field = e.kind { return nil }
                return e
            })
    }

    /// Text fields that no expression of the ruleset reads (no condition,
    /// definition, search, cap or measure; a message only shows them as
    /// they are): their cells are only ever shown, as a record's name or in
    /// a message, so a run need not intern them.
    static func textOnlyShown(_ ruleset: CheckedRuleset) -> Set<Int> {
        var use = ColumnUse(ruleset)
        var read: Set<Int> = []
        for r in ruleset.rules { read.formUnion(use.rule(r).union(use.computedInMessage(r.message))) }
        for c in ruleset.caps {
            read.formUnion(use.cap(c))
            for check in c.checks { read.formUnion(use.computedInMessage(check.message)) }
        }
        for m in ruleset.measures { read.formUnion(use.measure(m)) }
        for d in ruleset.defines { read.formUnion(use.slots([d.expr])) }
        for l in ruleset.lookups {
            read.formUnion(l.otherKeySlots)
            read.formUnion(use.slots(l.currentKeys + [l.prefilter, l.residual]))
        }
        return Set(ruleset.fields.filter { $0.type == .text && !read.contains($0.slot) }.map(\.slot))
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
