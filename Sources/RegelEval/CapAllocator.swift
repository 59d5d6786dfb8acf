import RegelBuiltins
import RegelSyntax
import RegelValues

/// Sequential allocation for caps: within each group, in order, a record is
/// accepted when it meets every requirement and every limit, counting only
/// earlier accepted records. A rejected record uses up nothing.
struct CapAllocator {
    struct Hit {
        var cap: Int
        var check: Int
        var count: Int
    }

    let run: RunContext

    /// Hits per row, sorted by (cap, check) — the declaration order.
    func allocate() -> [Int: [Hit]] {
        var hits: [Int: [Hit]] = [:]
        for (c, cap) in run.program.caps.enumerated() {
            allocate(cap: c, cap, into: &hits)
        }
        return hits
    }

    private func allocate(cap c: Int, _ cap: CompiledCap, into hits: inout [Int: [Hit]]) {
        let table = run.table
        let mask = run.program.checked.caps[c].fieldMask
        var dates = [Int32](repeating: 0, count: table.count)
        var capped = [Bool](repeating: false, count: table.count)
        // Group rows by their `per` values: hashed into one word, confirmed
        // against the group's first row (no key arrays per row).
        var buckets = [Int32](repeating: -1, count: 1024)
        var groupHashes: [UInt64] = [], groupKeys: [LookupKey] = []
        var groupOfRow = [Int32](repeating: -1, count: table.count)
        var counts: [Int] = []
        let per = cap.per
        func perValues(_ row: Int) -> LookupKey? {
            let frame = run.frame(row)
            var key = LookupKey()
            key.count = min(per.count, 3)
            for (i, p) in per.enumerated() {
                let v = p(frame)
                if v.isMissing { return nil }
                switch i {
                case 0: key.values.0 = v
                case 1: key.values.1 = v
                case 2: key.values.2 = v
                default: key.more.append(v)
                }
            }
            return key
        }
        for row in 0..<table.count {
            if table.badCells[row] & mask != 0 { continue }
            let frame = run.frame(row)
            guard case .date(let d) = cap.orderBy[0](frame), let key = perValues(row) else { continue }
            dates[row] = d.ordinal
            if let when = cap.when { capped[row] = when(frame) == .bool(true) } else { capped[row] = true }
            var h = LookupIndex.seed
            for i in 0..<key.total { h = LookupIndex.combine(h, LookupIndex.hash(key[i]) ?? 0) }
            var mask = buckets.count - 1
            var b = Int(truncatingIfNeeded: h) & mask
            var group = -1
            while buckets[b] >= 0 {
                let g = Int(buckets[b])
                if groupHashes[g] == h, (0..<key.total).allSatisfy({ Value.equals(groupKeys[g][$0], key[$0]) }) {
                    group = g
                    break
                }
                b = (b + 1) & mask
            }
            if group < 0 {
                group = counts.count
                buckets[b] = Int32(group)
                groupHashes.append(h)
                groupKeys.append(key)
                counts.append(0)
                if counts.count * 2 > buckets.count {
                    buckets = [Int32](repeating: -1, count: buckets.count * 2)
                    mask = buckets.count - 1
                    for (g, gh) in groupHashes.enumerated() {
                        var j = Int(truncatingIfNeeded: gh) & mask
                        while buckets[j] >= 0 { j = (j + 1) & mask }
                        buckets[j] = Int32(g)
                    }
                }
            }
            counts[group] += 1
            groupOfRow[row] = Int32(group)
        }
        // Rows of each group together, in row order (a counting sort).
        var starts = [Int](repeating: 0, count: counts.count + 1)
        for g in counts.indices { starts[g + 1] = starts[g] + counts[g] }
        var fill = starts
        var flat = [Int](repeating: 0, count: starts[counts.count])
        for row in 0..<table.count where groupOfRow[row] >= 0 {
            let g = Int(groupOfRow[row])
            flat[fill[g]] = row
            fill[g] += 1
        }
        let sinceChecks = cap.checks.enumerated().compactMap { k, check -> (Int, Compiled)? in
            if case .sinceLatest(let x) = check.kind { return (k, x) }
            return nil
        }
        let laterKeys = Array(cap.orderBy.dropFirst())
        let limits = run.program.checked.caps[c].checks.map(\.limit)
        let checks = cap.checks
        let (groupStarts, rowsByGroup, rowDates, isCapped) = (starts, flat, dates, capped)
        // Groups are independent: allocate them on all cores.
        let pieces = Parallel.ranges(counts.count, pieces: 8)
        let found = Parallel.map(pieces.count) { piece -> [(Int, [Hit])] in
            var out: [(Int, [Hit])] = []
            var accepted: [Int32] = []
            for g in pieces[piece] {
                let rows = rowsByGroup[groupStarts[g]..<groupStarts[g + 1]]
                // By date, then the other order keys (only needed on the same
                // date), then file order.
                let sorted = rows.sorted { a, b in
                    if rowDates[a] != rowDates[b] { return rowDates[a] < rowDates[b] }
                    for k in laterKeys {
                        let c = Value.compare(k(run.frame(a)), k(run.frame(b)))
                        if c != 0 { return c < 0 }
                    }
                    return a < b
                }
                // Dates of the group's records matching each `since latest`, ascending.
                var resetDates: [Int: [Int32]] = [:]
                for (k, x) in sinceChecks {
                    resetDates[k] = sorted.filter { x(run.frame($0)) == .bool(true) }.map { rowDates[$0] }
                }
                accepted.removeAll(keepingCapacity: true)
                for row in sorted where isCapped[row] {
                    let d = rowDates[row]
                    let frame = run.frame(row)
                    var rowHits: [Hit] = []
                    var failedRequirement = false
                    for k in checks.indices {
                        if case .require(let condition) = checks[k].kind, condition(frame) != .bool(true) {
                            rowHits.append(Hit(cap: c, check: k, count: 0))
                            failedRequirement = true
                            break
                        }
                    }
                    if !failedRequirement {
                        for k in checks.indices {
                            let count: Int
                            switch checks[k].kind {
                            case .require: continue
                            case .rolling(let n, let unit):
                                let cut = DateArithmetic.shift(Day(ordinal: d), -n, unit).ordinal
                                count = accepted.count - upperBound(accepted, cut)
                            case .calendar(let period):
                                count = accepted.count - lowerBound(accepted, periodStart(Day(ordinal: d), period))
                            case .sinceLatest:
                                let resets = resetDates[k] ?? []
                                let i = upperBound(resets, d)
                                count = i == 0 ? accepted.count : accepted.count - upperBound(accepted, resets[i - 1])
                            }
                            if count >= limits[k] { rowHits.append(Hit(cap: c, check: k, count: count)) }
                        }
                    }
                    if rowHits.isEmpty {
                        accepted.append(d)
                    } else {
                        out.append((row, rowHits))
                    }
                }
            }
            return out
        }
        for part in found {
            for (row, rowHits) in part { hits[row, default: []].append(contentsOf: rowHits) }
        }
    }

    private func periodStart(_ d: Day, _ p: CalendarPeriod) -> Int32 {
        switch p {
        case .isoWeek: d.isoWeekKey
        case .month: Day(year: d.year, month: d.month, day: 1)!.ordinal
        case .year: Day(year: d.year, month: 1, day: 1)!.ordinal
        }
    }

    /// First index whose value is greater than `x`.
    private func upperBound(_ a: [Int32], _ x: Int32) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// First index whose value is at least `x`.
    private func lowerBound(_ a: [Int32], _ x: Int32) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
