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

    /// Derived values are small arithmetic over the group's earlier values.
    func derive(_ e: TypedExpr, _ values: [Value]) -> Value {
        switch e.kind {
        case .constant(let v): return v
        case .measureValue(let i): return i < values.count ? values[i] : .missing
        case .param(let i): return run.params[i]
        case .negate(let a):
            guard let x = derive(a, values).asDouble else { return .missing }
            return a.type == .int ? .int(Int(-x)) : .decimal(-x)
        case .arithmetic(let op, let a, let b):
            let x = derive(a, values), y = derive(b, values)
            if e.type == .int, case .int(let m) = x, case .int(let n) = y {
                switch op {
                case .plus: return .int(m &+ n)
                case .minus: return .int(m &- n)
                case .times: return .int(m &* n)
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
        case .conditional(let c, let a, let b):
            guard case .bool(let t) = derive(c, values) else { return .missing }
            return derive(t ? a : b, values)
        case .compare(let op, let a, let b):
            let x = derive(a, values), y = derive(b, values)
            if x.isMissing || y.isMissing { return .missing }
            let c = Value.compare(x, y)
            switch op {
            case .equal: return .bool(Value.equals(x, y))
            case .notEqual: return .bool(!Value.equals(x, y))
            case .less: return .bool(c < 0)
            case .lessOrEqual: return .bool(c <= 0)
            case .greater: return .bool(c > 0)
            case .greaterOrEqual: return .bool(c >= 0)
            }
        case .otherwise(let a, let b):
            let x = derive(a, values)
            return x.isMissing ? derive(b, values) : x
        default:
            return .missing
        }
    }
}

extension Engine {
    public func measures(in table: Table) -> [MeasureResult] {
        MeasureEvaluator(run: Run(program: program, table: table, params: params)).evaluate()
    }
}
