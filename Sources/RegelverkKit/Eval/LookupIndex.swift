/// A hash index from key values to the rows that have them, built once per
/// run: rows grouped by key in one flat array (row order kept within a
/// group), so a lookup is one hash probe and a contiguous range.
final class LookupIndex: @unchecked Sendable {
    private var groups: [Run.IndexKey: Int32] = [:]
    private let starts: UnsafeMutablePointer<Int32>
    let rows: UnsafeMutablePointer<Int32>
    private let groupCount: Int

    init(table: Table, slots: [Int], accept: (Int) -> Bool) {
        var groupOfRow = [Int32](repeating: -1, count: table.count)
        var counts: [Int32] = []
        groups.reserveCapacity(min(table.count, 1 << 16))
        for row in 0..<table.count {
            guard accept(row), let key = LookupIndex.key(table, slots, row) else { continue }
            let g: Int32
            if let existing = groups[key] {
                g = existing
            } else {
                g = Int32(counts.count)
                groups[key] = g
                counts.append(0)
            }
            counts[Int(g)] += 1
            groupOfRow[row] = g
        }
        groupCount = counts.count
        starts = .allocate(capacity: groupCount + 1)
        var total: Int32 = 0
        for g in 0..<groupCount {
            starts[g] = total
            total += counts[g]
        }
        starts[groupCount] = total
        rows = .allocate(capacity: max(1, Int(total)))
        var fill = Array(UnsafeBufferPointer(start: starts, count: groupCount))
        for row in 0..<table.count where groupOfRow[row] >= 0 {
            let g = Int(groupOfRow[row])
            rows[Int(fill[g])] = Int32(row)
            fill[g] += 1
        }
    }

    deinit {
        starts.deallocate()
        rows.deallocate()
    }

    static func key(_ table: Table, _ slots: [Int], _ row: Int) -> Run.IndexKey? {
        switch slots.count {
        case 1:
            let a = table.value(slots[0], row)
            return a.isMissing ? nil : .one(a)
        case 2:
            let a = table.value(slots[0], row), b = table.value(slots[1], row)
            return a.isMissing || b.isMissing ? nil : .two(a, b)
        case 3:
            let a = table.value(slots[0], row), b = table.value(slots[1], row), c = table.value(slots[2], row)
            return a.isMissing || b.isMissing || c.isMissing ? nil : .three(a, b, c)
        default:
            let values = slots.map { table.value($0, row) }
            return values.contains(where: \.isMissing) ? nil : .many(values)
        }
    }

    /// The range of `rows` holding the rows with this key.
    @inline(__always)
    func range(_ key: Run.IndexKey) -> Range<Int> {
        guard let g = groups[key] else { return 0..<0 }
        return Int(starts[Int(g)])..<Int(starts[Int(g) + 1])
    }
}
