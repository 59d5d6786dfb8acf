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
/// denominator is missing (null), never a division by zero. The records are
/// grouped by `GroupIndex`; a missing key is a group of its own.
struct MeasureEvaluator {
    let run: RunContext

    func evaluate() -> [MeasureResult] {
        let checked = run.program.checked
        return checked.measures.indices.map { m in
            let measure = checked.measures[m], compiled = run.program.measures[m], kernels = run.kernels.measures[m]
            let (groups, totals) = figures(measure, kernels)
            let outputCount = kernels.outputs.count
            // The groups' values as a table, a row per group in the order of
            // their first record, so that derived values are compiled
            // expressions over it like any rule.
            // Boxed cells: a whole-number sum past Int.max is kept as a decimal.
            let isInt = measure.values.map { $0.type == .int }
            let values = Table(types: measure.values.map { _ in .list(.nothing) }, sourceName: measure.name, capacity: groups.groupCount)
            for g in 0..<groups.groupCount {
                values.append(
                    (0..<outputCount).map { i in
                        if case .derived = kernels.outputs[i] { return .missing }
                        let total = totals[g * outputCount + i]
                        // A whole-number sum past Int's range is shown as the decimal it is.
                        if isInt[i], let whole = Int(exactly: total) { return .int(whole) }
                        return .decimal(total)
                    }, line: g, bad: 0)
            }
            let valuesRun = RunContext(program: run.program, table: values, params: run.params, buildIndexes: false)
            for (i, derived) in compiled.derived.enumerated() {
                guard let e = derived else { continue }
                for row in 0..<values.count { values.set(i, row, e(valuesRun.frame(row))) }
            }
            // A group's key values as its first record has them (a personnummer as written there).
            var rows: [(group: Int, row: MeasureRow)] = []
            for g in 0..<groups.groupCount {
                let frame = run.frame(Int(groups.firstRows[g]))
                rows.append(
                    (
                        g,
                        MeasureRow(
                            group: zip(measure.groupBy, compiled.groupBy).map { ($0.name, $1(frame)) },
                            values: zip(measure.values, values.row(g)).map { ($0.name, $1) })
                    ))
            }
            // By the key values; groups whose keys compare equal (decimals
            // within the tolerance of `=`) in the order of their first record.
            rows.sort { a, b in
                for (x, y) in zip(a.row.group, b.row.group) {
                    let c = Value.compare(x.value, y.value)
                    if c != 0 { return c < 0 }
                }
                return a.group < b.group
            }
            return MeasureResult(measure: measure.name, title: measure.title, source: measure.citation.text, rows: rows.map(\.row))
        }
    }

    /// The measure's groups and, per group, the total of each output
    /// (`outputCount` per group; derived ones stay 0), added in file order.
    private func figures(_ measure: CheckedMeasure, _ kernels: RulesetKernels.Measure) -> (GroupIndex, [Double]) {
        let table = run.table
        let n = table.count
        let badSlots = (0..<64).filter { measure.fieldMask & (1 << UInt64($0)) != 0 && $0 < table.columns.count }
        // The records the measure takes, and their group keys.
        var taken = Bits.none(n)
        let keys = GroupKeys(types: measure.groupBy.map(\.expr.type), rowCount: n)
        run.forEachBatch { b in
            let base = b.start >> 6
            var rows = b.active
            for slot in badSlots {
                for j in rows.indices { rows[j] &= ~table.columns[slot].bad[base + j] }
            }
            if let when = kernels.when {
                let t = b.truth(b.evaluate(when, on: rows))
                for j in rows.indices { rows[j] &= t.yes[j] }
            }
            for j in rows.indices { taken[base + j] = rows[j] }
            b.active = rows
            keys.fill(b, kernels.groupBy)
        }
        let groups = withExtendedLifetime(keys) { GroupIndex(rowCount: n, columns: keys.columns, include: taken, missingIsAKey: true, keepsGroupOfRow: true) }
        let outputCount = kernels.outputs.count
        var totals = [Double](repeating: 0, count: groups.groupCount * outputCount)
        let groupOfRow = groups.groupOfRow
        run.forEachBatch { b in
            let base = b.start >> 6
            let rows = Array(taken[base..<(base + Bits.words(b.count))])
            guard !Bits.isEmpty(rows) else { return }
            for (i, output) in kernels.outputs.enumerated() {
                switch output {
                case .derived: continue
                case .count(let filter):
                    var counted = rows
                    if let filter {
                        let t = b.truth(b.evaluate(filter, on: rows))
                        for j in counted.indices { counted[j] &= t.yes[j] }
                    }
                    Bits.forEach(counted) { r in totals[Int(groupOfRow[b.start + r]) * outputCount + i] += 1 }
                case .sum(let e, let filter):
                    var summed = rows
                    if let filter {
                        let t = b.truth(b.evaluate(filter, on: rows))
                        for j in summed.indices { summed[j] &= t.yes[j] }
                    }
                    guard !Bits.isEmpty(summed) else { continue }
                    let v = b.evaluate(e, on: summed)
                    Bits.forEach(summed) { r in
                        totals[Int(groupOfRow[b.start + r]) * outputCount + i] += MeasureEvaluator.number(v, r, b)
                    }
                }
            }
        }
        return (groups, totals)
    }

    /// Row `i`'s value of a sum as a number; a missing value adds 0.
    @inline(__always)
    private static func number(_ v: Vec, _ i: Int, _ b: Batch) -> Double {
        if case .words(let w) = v, Bits.test(w.valid, i) {
            switch w.physical {
            case .int: return Double(Int64(bitPattern: w.w[i]))
            case .decimal: return Double(bitPattern: w.w[i])
            default: break
            }
        }
        return b.value(v, i).asDouble ?? 0
    }
}

extension Engine {
    public func measures(in table: Table) -> [MeasureResult] {
        MeasureEvaluator(run: RunContext(program: program, table: table, params: params)).evaluate()
    }
}
