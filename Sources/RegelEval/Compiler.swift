import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues

/// Turns typed expressions into closures, once per ruleset. Constant
/// subtrees fold; `and`/`or` short-circuit; a constant list becomes a set.
struct Compiler {
    var defines: [Compiled]

    func compile(_ template: MessageTemplate) -> [CompiledMessagePart] {
        template.parts.map { part in
            switch part {
            case .literal(let s): .literal(s)
            case .value(let e): .value(compile(e))
            case .capCount: .capCount
            case .capLimit: .capLimit
            }
        }
    }

    func compile(_ e: TypedExpr) -> Compiled {
        switch e.kind {
        case .constant(let v):
            return { _ in v }
        case .field(let slot):
            return { f in f.table.value(slot, f.row) }
        case .otherField(let slot):
            return { f in f.table.value(slot, f.other) }
        case .param(let i):
            return { f in f.run.params[i] }
        case .define(let i):
            let d = defines[i]
            return { f in d(f) }
        case .measureValue(let i):
            // A derived value reads the group's earlier values, laid out by
            // MeasureEvaluator as a table with one row per group.
            return { f in f.table.value(i, f.row) }
        case .list(let items):
            let cs = items.map(compile)
            return { f in .list(cs.map { $0(f) }) }
        case .not(let a):
            let ca = compile(a)
            return { f in
                if case .bool(let b) = ca(f) { return .bool(!b) }
                return .missing
            }
        case .negate(let a):
            let ca = compile(a)
            return { f in
                switch ca(f) {
                case .int(let n): n == Int.min ? .missing : .int(-n)
                case .decimal(let d): .decimal(-d)
                default: .missing
                }
            }
        case .and(let a, let b):
            let ca = compile(a), cb = compile(b)
            return { f in
                let x = ca(f)
                if case .bool(false) = x { return x }
                let y = cb(f)
                if case .bool(false) = y { return y }
                if case .bool(true) = x, case .bool(true) = y { return y }
                return .missing
            }
        case .or(let a, let b):
            let ca = compile(a), cb = compile(b)
            return { f in
                let x = ca(f)
                if case .bool(true) = x { return x }
                let y = cb(f)
                if case .bool(true) = y { return y }
                if case .bool(false) = x, case .bool(false) = y { return y }
                return .missing
            }
        case .compare(let op, let a, let b):
            return compileComparison(op, a, b)
        case .arithmetic(let op, let a, let b):
            let ca = compile(a), cb = compile(b)
            let integer = e.type == .int
            return { f in op.evaluate(ca(f), cb(f), integer: integer) }
        case .shiftDate(let a, let n, let unit):
            let ca = compile(a)
            return { f in
                guard case .date(let d) = ca(f) else { return .missing }
                return .date(DateArithmetic.shift(d, n, unit))
            }
        case .member(let item, let list, let negated):
            return compileMembership(item, list, negated)
        case .startsWith(let a, let b):
            let ca = compile(a), cb = compile(b)
            return { f in
                guard case .text(let x) = ca(f), case .text(let y) = cb(f) else { return .missing }
                return .bool(x.hasPrefix(y))
            }
        case .textContains(let a, let b):
            let ca = compile(a), cb = compile(b)
            return { f in
                guard case .text(let x) = ca(f), case .text(let y) = cb(f) else { return .missing }
                return .bool(y.isEmpty || x.contains(y))
            }
        case .presence(let a, let isPresent):
            let ca = compile(a)
            return { f in .bool(ca(f).isMissing != isPresent) }
        case .otherwise(let a, let b):
            let ca = compile(a), cb = compile(b)
            return { f in
                let x = ca(f)
                return x.isMissing ? cb(f) : x
            }
        case .conditional(let c, let a, let b):
            let cc = compile(c), ca = compile(a), cb = compile(b)
            return { f in
                switch cc(f) {
                case .bool(true): ca(f)
                case .bool(false): cb(f)
                default: .missing
                }
            }
        case .call(let builtin, let args):
            let cs = args.map(compile)
            let impl = builtin.implementation
            if cs.count == 1 {
                let a = cs[0]
                return { f in
                    let x = a(f)
                    return x.isMissing ? .missing : impl([x])
                }
            }
            return { f in
                let xs = cs.map { $0(f) }
                return xs.contains(where: \.isMissing) ? .missing : impl(xs)
            }
        case .aggregate(_, _, _, let index):
            return compileAggregate(index)
        }
    }

    private func compileComparison(_ op: Comparison, _ a: TypedExpr, _ b: TypedExpr) -> Compiled {
        let ca = compile(a), cb = compile(b)
        let test: @Sendable (Int) -> Bool =
            switch op {
            case .equal: { $0 == 0 }
            case .notEqual: { $0 != 0 }
            case .less: { $0 < 0 }
            case .lessOrEqual: { $0 <= 0 }
            case .greater: { $0 > 0 }
            case .greaterOrEqual: { $0 >= 0 }
            }
        if op == .equal || op == .notEqual {
            let wanted = op == .equal
            if case .constant(let k) = b.kind {
                return { f in
                    let x = ca(f)
                    return x.isMissing ? .missing : .bool(Value.equals(x, k) == wanted)
                }
            }
            return { f in
                let x = ca(f), y = cb(f)
                if x.isMissing || y.isMissing { return .missing }
                return .bool(Value.equals(x, y) == wanted)
            }
        }
        return { f in
            let x = ca(f), y = cb(f)
            if x.isMissing || y.isMissing { return .missing }
            return .bool(test(Value.compare(x, y)))
        }
    }

    private func compileMembership(_ item: TypedExpr, _ list: TypedExpr, _ negated: Bool) -> Compiled {
        let ci = compile(item)
        if case .constant(.list(let values)) = list.kind {
            let set = Set(values)
            let numeric = values.contains { $0.asDouble != nil }
            return { f in
                let x = ci(f)
                if x.isMissing { return .missing }
                let found = numeric ? values.contains { Value.equals($0, x) } : set.contains(x)
                return .bool(found != negated)
            }
        }
        let cl = compile(list)
        return { f in
            let x = ci(f)
            guard !x.isMissing, case .list(let items) = cl(f) else { return .missing }
            return .bool(items.contains { Value.equals($0, x) } != negated)
        }
    }

    /// A search for one record: the batch kernel of the search, run for the
    /// 64-row block holding the record with only that record active.
    private func compileAggregate(_ index: Int) -> Compiled {
        { f in f.run.aggregate(index, row: f.row) }
    }
}

package enum DateArithmetic {
    package static func shift(_ d: Day, _ n: Int, _ unit: DurationUnit) -> Day {
        switch unit {
        case .day: d.adding(days: n)
        case .week: d.adding(weeks: n)
        case .month: d.adding(months: n)
        case .year: d.adding(years: n)
        }
    }
}
