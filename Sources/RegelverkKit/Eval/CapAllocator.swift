import RegelBuiltins

/// Sequential allocation for caps: within each group, in order, a record is
/// accepted when it meets every requirement and every limit, counting only
/// earlier accepted records. A rejected record uses up nothing.
struct CapAllocator {
    struct Hit {
        var cap: Int
        var check: Int
        var count: Int
    }

    let run: Run

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
        var groups: [Run.IndexKey: [Int]] = [:]
        var dates = [Int32](repeating: 0, count: table.count)
        var orderKeys = [[Value]](repeating: [], count: table.count)
        var capped = [Bool](repeating: false, count: table.count)
        rows: for row in 0..<table.count {
            if table.badCells[row] & mask != 0 { continue }
            let frame = run.frame(row)
            var key: [Value] = []
            for p in cap.per {
                let v = p(frame)
                if v.isMissing { continue rows }
                key.append(v)
            }
            let order = cap.orderBy.map { $0(frame) }
            guard case .date(let d) = order[0] else { continue }
            dates[row] = d.ordinal
            orderKeys[row] = order
            if let when = cap.when { capped[row] = when(frame) == .bool(true) } else { capped[row] = true }
            groups[Run.IndexKey(key), default: []].append(row)
        }
        let sinceChecks = cap.checks.enumerated().compactMap { k, check -> (Int, Compiled)? in
            if case .sinceLatest(let x) = check.kind { return (k, x) }
            return nil
        }
        for (_, rows) in groups {
            let sorted = rows.sorted { a, b in
                for (x, y) in zip(orderKeys[a], orderKeys[b]) {
                    let c = Value.compare(x, y)
                    if c != 0 { return c < 0 }
                }
                return a < b
            }
            // Dates of the group's records matching each `since latest`, ascending.
            var resetDates: [Int: [Int32]] = [:]
            for (k, x) in sinceChecks {
                resetDates[k] = sorted.filter { x(run.frame($0)) == .bool(true) }.map { dates[$0] }
            }
            var accepted: [Int32] = []
            for row in sorted where capped[row] {
                let d = dates[row]
                let frame = run.frame(row)
                var rowHits: [Hit] = []
                var failedRequirement = false
                for (k, check) in cap.checks.enumerated() {
                    if case .require(let condition) = check.kind, condition(frame) != .bool(true) {
                        rowHits.append(Hit(cap: c, check: k, count: 0))
                        failedRequirement = true
                        break
                    }
                }
                if !failedRequirement {
                    for (k, check) in cap.checks.enumerated() {
                        let limit = run.program.checked.caps[c].checks[k].limit
                        let count: Int
                        switch check.kind {
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
                        if count >= limit { rowHits.append(Hit(cap: c, check: k, count: count)) }
                    }
                }
                if rowHits.isEmpty {
                    accepted.append(d)
                } else {
                    hits[row, default: []].append(contentsOf: rowHits)
                }
            }
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
