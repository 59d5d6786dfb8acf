import RegelCheck
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
        let grouped = groupedRows(c, run.program.checked.caps[c].fieldMask)
        // Each check's condition was computed a batch at a time: its rows are read from the bitmap.
        let conditionTrue = grouped.conditionTrue
        let holds = { @Sendable (k: Int, row: Int) -> Bool in Bits.test(conditionTrue[k], row) }
        let sinceChecks = cap.checks.indices.filter { k in
            if case .sinceLatest = cap.checks[k].kind { return true }
            return false
        }
        let sincePosition: [Int?] = cap.checks.indices.map { k in sinceChecks.firstIndex(of: k) }
        let laterKeys = Array(cap.orderBy.dropFirst())
        let limits = run.program.checked.caps[c].checks.map(\.limit)
        let checks = cap.checks
        let run = self.run
        let (groupStarts, rowsByGroup, rowDates, isCapped) = (grouped.groups.starts, grouped.groups.rows, grouped.dates, grouped.capped)
        // Groups are independent: allocate them on all cores (the order of
        // groups changes nothing, the order within a group is `less`).
        let pieces = Parallel.ranges(grouped.groups.groupCount, pieces: 8)
        let found = Parallel.map(pieces.count) { piece -> [(Int, [Hit])] in
            var out: [(Int, [Hit])] = []
            var accepted: [Int32] = []
            var sorted: [Int] = []
            // Dates of the group's records matching each `since latest`, ascending.
            var resets = [[Int32]](repeating: [], count: sinceChecks.count)
            var rowHits: [Hit] = []
            // By date, then the other order keys (only needed on the same
            // date), then file order: a total order, so any sort gives it.
            let less = { (a: Int, b: Int) -> Bool in
                if rowDates[a] != rowDates[b] { return rowDates[a] < rowDates[b] }
                for k in laterKeys {
                    let c = Value.compare(k(run.frame(a)), k(run.frame(b)))
                    if c != 0 { return c < 0 }
                }
                return a < b
            }
            for g in pieces[piece] {
                sorted.removeAll(keepingCapacity: true)
                for i in groupStarts[g]..<groupStarts[g + 1] { sorted.append(Int(rowsByGroup[i])) }
                if sorted.count > 16 {
                    sorted.sort(by: less)
                } else if sorted.count > 1 {
                    for i in 1..<sorted.count {
                        let row = sorted[i]
                        var j = i
                        while j > 0, less(row, sorted[j - 1]) {
                            sorted[j] = sorted[j - 1]
                            j -= 1
                        }
                        sorted[j] = row
                    }
                }
                for (s, k) in sinceChecks.enumerated() {
                    resets[s].removeAll(keepingCapacity: true)
                    for row in sorted where holds(k, row) { resets[s].append(rowDates[row]) }
                }
                accepted.removeAll(keepingCapacity: true)
                for row in sorted where isCapped[row] {
                    let d = rowDates[row]
                    rowHits.removeAll(keepingCapacity: true)
                    var failedRequirement = false
                    for k in checks.indices {
                        if case .require = checks[k].kind, !holds(k, row) {
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
                                let dates = resets[sincePosition[k]!]
                                let i = upperBound(dates, d)
                                count = i == 0 ? accepted.count : accepted.count - upperBound(accepted, dates[i - 1])
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

    /// The rows a cap takes (a valid date and every `per` key present, no
    /// unreadable cell among its fields), grouped by their `per` keys.
    private struct GroupedRows {
        var groups: GroupIndex
        var dates: [Int32]
        /// Under the cap (`when` holds); the other grouped rows only mark `since latest`.
        var capped: [Bool]
        /// Per check, the rows where its `require` or `since latest`
        /// condition is true (computed for the grouped rows only; empty for limits).
        var conditionTrue: [[UInt64]]
    }

    private func groupedRows(_ c: Int, _ mask: UInt64) -> GroupedRows {
        let table = run.table
        let kernels = run.kernels.caps[c]
        let n = table.count
        let keys = GroupKeys(types: run.program.checked.caps[c].per.map(\.type), rowCount: n)
        var include = Bits.none(n)
        var dates = [Int32](repeating: 0, count: n)
        var capped = [Bool](repeating: false, count: n)
        var conditionTrue: [[UInt64]] = kernels.conditions.map { $0 == nil ? [] : Bits.none(n) }
        let badSlots = (0..<64).filter { mask & (1 << UInt64($0)) != 0 && $0 < table.columns.count }
        run.forEachBatch { b in
            let base = b.start >> 6
            keys.fill(b, kernels.per)
            let d = b.operand(kernels.date.eval(b), physical: .date)
            let when = kernels.when.map { b.truth($0.eval(b)) }
            for j in 0..<Bits.words(b.count) {
                var ok = d.valid[j] & keys.allPresent(b, word: j)
                for slot in badSlots { ok &= ~table.columns[slot].bad[base + j] }
                include[base + j] = ok
            }
            for i in 0..<b.count where Bits.test(d.valid, i) {
                dates[b.start + i] = Int32(truncatingIfNeeded: Int64(bitPattern: d.w[i]))
                capped[b.start + i] = when.map { Bits.test($0.yes, i) } ?? true
            }
            let grouped = Array(include[base..<(base + Bits.words(b.count))])
            for (k, condition) in kernels.conditions.enumerated() {
                guard let condition else { continue }
                let t = b.truth(b.evaluate(condition, on: grouped))
                for j in t.yes.indices { conditionTrue[k][base + j] = t.yes[j] & grouped[j] }
            }
        }
        let groups = withExtendedLifetime(keys) { GroupIndex(rowCount: n, columns: keys.columns, include: include) }
        return GroupedRows(groups: groups, dates: dates, capped: capped, conditionTrue: conditionTrue)
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
