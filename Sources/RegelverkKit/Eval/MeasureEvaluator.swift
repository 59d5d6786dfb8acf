/// The figures of one measure for one group.
public struct MeasureRow: Sendable {
    public var group: [(name: String, value: Value)]
    public var values: [(name: String, value: Value)]
}

public struct MeasureResult: Sendable {
    public var measure: String
    public var title: String
    public var source: String
    public var rows: [MeasureRow]
}

/// Computes measures: counts and sums per group over the records a measure
/// takes, then the derived values (ratios) from those. A ratio with an empty
/// denominator is missing (null), never a division by zero.
struct MeasureEvaluator {
    let run: Run

    func evaluate() -> [MeasureResult] {
        let checked = run.program.checked
        return zip(checked.measures, run.program.measures).map { measure, compiled in
            var groups: [Run.IndexKey: (keys: [Value], totals: [Double], isInt: [Bool])] = [:]
            var order: [Run.IndexKey] = []
            for row in 0..<run.table.count {
                if run.table.badCells[row] & measure.fieldMask != 0 { continue }
                let frame = run.frame(row)
                if let when = compiled.when, when(frame) != .bool(true) { continue }
                let keys = compiled.groupBy.map { $0(frame) }
                let key = Run.IndexKey(keys)
                if groups[key] == nil {
                    groups[key] = (keys, Array(repeating: 0, count: compiled.outputs.count), measure.values.map { $0.type == .int })
                    order.append(key)
                }
                for (i, output) in compiled.outputs.enumerated() {
                    switch output {
                    case .count(let filter):
                        if let filter, filter(frame) != .bool(true) { continue }
                        groups[key]!.totals[i] += 1
                    case .sum(let e, let filter):
                        if let filter, filter(frame) != .bool(true) { continue }
                        groups[key]!.totals[i] += e(frame).asDouble ?? 0
                    case .derived: break
                    }
                }
            }
            var rows: [MeasureRow] = []
            for key in order {
                let g = groups[key]!
                var values: [Value] = []
                for (i, output) in compiled.outputs.enumerated() {
                    switch output {
                    case .count, .sum:
                        values.append(g.isInt[i] ? .int(Int(g.totals[i])) : .decimal(g.totals[i]))
                    case .derived(let e):
                        values.append(derive(e, values))
                    }
                }
                rows.append(MeasureRow(group: zip(measure.groupBy, g.keys).map { ($0.name, $1) },
                                       values: zip(measure.values, values).map { ($0.name, $1) }))
            }
            rows.sort { a, b in
                for (x, y) in zip(a.group, b.group) {
                    let c = Value.compare(x.value, y.value)
                    if c != 0 { return c < 0 }
                }
                return false
            }
            return MeasureResult(measure: measure.name, title: measure.title, source: measure.citation.text, rows: rows)
        }
    }

    /// A derived value, computed from the group's earlier values and the
    /// parameters (the checker allows nothing else: no fields, definitions or
    /// searches). Every operator means what it means in a rule: `and`/`or`
    /// are three-valued, a missing operand makes a comparison or an
    /// arithmetic result missing, division by zero and overflow are missing.
    func derive(_ e: TypedExpr, _ values: [Value]) -> Value {
        switch e.kind {
        case .constant(let v): return v
        case .measureValue(let i): return i < values.count ? values[i] : .missing
        case .param(let i): return run.params[i]
        case .list(let items): return .list(items.map { derive($0, values) })
        case .not(let a):
            if case .bool(let b) = derive(a, values) { return .bool(!b) }
            return .missing
        case .and(let a, let b):
            let x = derive(a, values)
            if case .bool(false) = x { return x }
            let y = derive(b, values)
            if case .bool(false) = y { return y }
            if case .bool(true) = x, case .bool(true) = y { return y }
            return .missing
        case .or(let a, let b):
            let x = derive(a, values)
            if case .bool(true) = x { return x }
            let y = derive(b, values)
            if case .bool(true) = y { return y }
            if case .bool(false) = x, case .bool(false) = y { return y }
            return .missing
        case .presence(let a, let isPresent):
            return .bool(derive(a, values).isMissing != isPresent)
        case .negate(let a):
            switch derive(a, values) {
            case .int(let n): return n == Int.min ? .missing : .int(-n)
            case .decimal(let d): return .decimal(-d)
            default: return .missing
            }
        case .arithmetic(let op, let a, let b):
            let x = derive(a, values), y = derive(b, values)
            if e.type == .int, case .int(let m) = x, case .int(let n) = y {
                switch op {
                case .plus: let (r, o) = m.addingReportingOverflow(n); return o ? .missing : .int(r)
                case .minus: let (r, o) = m.subtractingReportingOverflow(n); return o ? .missing : .int(r)
                case .times: let (r, o) = m.multipliedReportingOverflow(by: n); return o ? .missing : .int(r)
                case .divide: return n == 0 ? .missing : .decimal(Double(m) / Double(n))
                }
            }
            guard let p = x.asDouble, let q = y.asDouble else { return .missing }
            switch op {
            case .plus: return .decimal(p + q)
            case .minus: return .decimal(p - q)
            case .times: return .decimal(p * q)
            case .divide: return q == 0 ? .missing : .decimal(p / q)
            }
        case .shiftDate(let a, let n, let unit):
            guard case .date(let d) = derive(a, values) else { return .missing }
            return .date(DateArithmetic.shift(d, n, unit))
        case .conditional(let c, let a, let b):
            switch derive(c, values) {
            case .bool(true): return derive(a, values)
            case .bool(false): return derive(b, values)
            default: return .missing
            }
        case .compare(let op, let a, let b):
            let x = derive(a, values), y = derive(b, values)
            if x.isMissing || y.isMissing { return .missing }
            switch op {
            case .equal: return .bool(Value.equals(x, y))
            case .notEqual: return .bool(!Value.equals(x, y))
            case .less: return .bool(Value.compare(x, y) < 0)
            case .lessOrEqual: return .bool(Value.compare(x, y) <= 0)
            case .greater: return .bool(Value.compare(x, y) > 0)
            case .greaterOrEqual: return .bool(Value.compare(x, y) >= 0)
            }
        case .member(let item, let list, let negated):
            let x = derive(item, values)
            guard !x.isMissing, case .list(let items) = derive(list, values) else { return .missing }
            return .bool(items.contains { Value.equals($0, x) } != negated)
        case .startsWith(let a, let b):
            guard case .text(let x) = derive(a, values), case .text(let y) = derive(b, values) else { return .missing }
            return .bool(x.hasPrefix(y))
        case .textContains(let a, let b):
            guard case .text(let x) = derive(a, values), case .text(let y) = derive(b, values) else { return .missing }
            return .bool(y.isEmpty || x.contains(y))
        case .otherwise(let a, let b):
            let x = derive(a, values)
            return x.isMissing ? derive(b, values) : x
        case .call(let builtin, let args):
            let xs = args.map { derive($0, values) }
            return xs.contains(where: \.isMissing) ? .missing : builtin.implementation(xs)
        case .field, .otherField, .define, .aggregate:
            // Not allowed in a derived value (T0103, C0606).
            return .missing
        }
    }
}

extension Engine {
    public func measures(in table: Table) -> [MeasureResult] {
        MeasureEvaluator(run: Run(program: program, table: table, params: params)).evaluate()
    }
}
