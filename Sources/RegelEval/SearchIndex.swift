import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues
/// The index one search uses in one run: the rows that pass its filter,
/// grouped by the other record's key fields and, where the plan orders
/// them, sorted by a field so a range is two binary searches.
final class SearchIndex: @unchecked Sendable {
    let plan: SearchPlan
    let groups: GroupIndex
    /// Physical types of the key columns, to convert this record's keys.
    let keyTypes: [PhysicalType]
    /// The order field's words and validity, when the plan orders groups.
    let order: (words: CellWords, valid: UnsafeMutablePointer<UInt64>)?

    init(plan: SearchPlan, run: RunContext) {
        self.plan = plan
        let table = run.table
        var include: [UInt64]? = nil
        if let filter = plan.filter {
            var bits = Bits.none(table.count)
            run.forEachBatch { batch in
                let t = batch.truth(filter.eval(batch))
                for k in t.yes.indices { bits[(batch.start >> 6) + k] = t.yes[k] }
            }
            include = bits
        }
        let columns = plan.otherKeySlots.map { table.columns[$0] }
        keyTypes = columns.map(\.physical)
        groups = withExtendedLifetime(columns) {
            GroupIndex(
                rowCount: table.count,
                columns: columns.map { GroupIndex.KeyColumn(words: $0.words, valid: $0.valid, physical: $0.physical) },
                include: include)
        }
        if let slot = plan.orderSlot {
            let c = table.columns[slot]
            groups.order(by: c.words, valid: c.valid, signed: true)
            order = (c.words, c.valid)
        } else {
            order = nil
        }
    }

    /// First position in `range` whose order word is at least (`strict`:
    /// greater than) `bound`.
    func lowerBound(_ range: Range<Int>, _ bound: Int64, strict: Bool) -> Int {
        let words = order!.words
        var lo = range.lowerBound, hi = range.upperBound
        groups.rows.withUnsafeBufferPointer { rows in
            while lo < hi {
                let mid = (lo + hi) >> 1
                let w = Int64(bitPattern: words[Int(rows[mid])])
                if strict ? w <= bound : w < bound { lo = mid + 1 } else { hi = mid }
            }
        }
        return lo
    }

    /// The positions of the group's ordered rows that satisfy `other.f op bound`.
    func window(_ range: Range<Int>, _ op: Comparison, _ bound: Int64) -> Range<Int> {
        switch op {
        case .greater: lowerBound(range, bound, strict: true)..<range.upperBound
        case .greaterOrEqual: lowerBound(range, bound, strict: false)..<range.upperBound
        case .less: range.lowerBound..<lowerBound(range, bound, strict: false)
        case .lessOrEqual: range.lowerBound..<lowerBound(range, bound, strict: true)
        case .equal: lowerBound(range, bound, strict: false)..<lowerBound(range, bound, strict: true)
        case .notEqual: range
        }
    }
}
