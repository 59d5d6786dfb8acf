import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues

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
    let run: RunContext

    func evaluate() -> [MeasureResult] {
        let checked = run.program.checked
        return zip(checked.measures, run.program.measures).map { measure, compiled in
            var groups: [RunContext.IndexKey: (keys: [Value], totals: [Double], isInt: [Bool])] = [:]
            var order: [RunContext.IndexKey] = []
            for row in 0..<run.table.count {
                if measure.fieldMask != 0, run.table.badMask(row) & measure.fieldMask != 0 { continue }
                let frame = run.frame(row)
                if let when = compiled.when, when(frame) != .bool(true) { continue }
                let keys = compiled.groupBy.map { $0(frame) }
                let key = RunContext.IndexKey(keys)
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
            // The groups' values as a table, a row per group, so that derived
            // values are compiled expressions over it like any rule.
            // Boxed cells: a whole-number sum past Int.max is kept as a decimal.
            let values = Table(types: measure.values.map { _ in .list(.nothing) }, sourceName: measure.name, capacity: order.count)
            for (row, key) in order.enumerated() {
                let g = groups[key]!
                values.append((0..<compiled.outputs.count).map { i in
                    if case .derived = compiled.outputs[i] { return .missing }
                    // A whole-number sum past Int's range is shown as the decimal it is.
                    if g.isInt[i], let whole = Int(exactly: g.totals[i]) { return .int(whole) }
                    return .decimal(g.totals[i])
                }, line: row, bad: 0)
            }
            let valuesRun = RunContext(program: run.program, table: values, params: run.params, buildIndexes: false)
            for (i, output) in compiled.outputs.enumerated() {
                guard case .derived(let e) = output else { continue }
                for row in 0..<values.count { values.set(i, row, e(valuesRun.frame(row))) }
            }
            var rows: [MeasureRow] = []
            for (row, key) in order.enumerated() {
                rows.append(MeasureRow(group: zip(measure.groupBy, groups[key]!.keys).map { ($0.name, $1) },
                                       values: zip(measure.values, values.row(row)).map { ($0.name, $1) }))
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
}

extension Engine {
    public func measures(in table: Table) -> [MeasureResult] {
        MeasureEvaluator(run: RunContext(program: program, table: table, params: params)).evaluate()
    }
}
