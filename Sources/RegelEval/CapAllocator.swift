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
        let mask = run.program.checked.caps[c].fieldMask
        let typed = typedGroups(c, mask)
        let (starts, flat, dates, capped) = typed.map { ($0.starts, $0.rows, $0.dates, $0.capped) } ?? boxedGroups(cap, mask)
        // Where the typed path computed a check's condition a batch at a
        // time, its rows are read from the bitmap; otherwise the closure runs.
        let conditionTrue = typed?.conditionTrue ?? []
        let run = self.run
        let holds = { @Sendable (k: Int, condition: Compiled, row: Int) -> Bool in
            if k < conditionTrue.count, let bits = conditionTrue[k] { return Bits.test(bits, row) }
            return condition(run.frame(row)) == .bool(true)
        }
        let sinceChecks = cap.checks.enumerated().compactMap { k, check -> (Int, Compiled)? in
            if case .sinceLatest(let x) = check.kind { return (k, x) }
            return nil
        }
        let sincePosition: [Int?] = cap.checks.indices.map { k in sinceChecks.firstIndex { $0.0 == k } }
        let laterKeys = Array(cap.orderBy.dropFirst())
        let limits = run.program.checked.caps[c].checks.map(\.limit)
        let checks = cap.checks
        let (groupStarts, rowsByGroup, rowDates, isCapped) = (starts, flat, dates, capped)
        // Groups are independent: allocate them on all cores.
        let pieces = Parallel.ranges(groupStarts.count - 1, pieces: 8)
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
                sorted.append(contentsOf: rowsByGroup[groupStarts[g]..<groupStarts[g + 1]])
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
                for (s, (k, x)) in sinceChecks.enumerated() {
                    resets[s].removeAll(keepingCapacity: true)
                    for row in sorted where holds(k, x, row) { resets[s].append(rowDates[row]) }
                }
                accepted.removeAll(keepingCapacity: true)
                for row in sorted where isCapped[row] {
                    let d = rowDates[row]
                    rowHits.removeAll(keepingCapacity: true)
                    var failedRequirement = false
                    for k in checks.indices {
                        if case .require(let condition) = checks[k].kind, !holds(k, condition, row) {
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

    /// Rows grouped by their `per` values read as typed words, a batch at a
    /// time; nil when a key has no typed representation.
    private struct TypedGroups {
        var starts: [Int]
        var rows: [Int]
        var dates: [Int32]
        var capped: [Bool]
        /// Per check, the rows where its `require` or `since latest`
        /// condition is true (computed for the grouped rows only).
        var conditionTrue: [[UInt64]?]
    }

    private func typedGroups(_ c: Int, _ mask: UInt64) -> TypedGroups? {
        let table = run.table
        let kernels = run.kernels.caps[c]
        let n = table.count
        var keys = kernels.per.map { _ in [UInt64](repeating: 0, count: n) }
        var keyValid = kernels.per.map { _ in Bits.none(n) }
        var include = Bits.none(n)
        var dates = [Int32](repeating: 0, count: n)
        var capped = [Bool](repeating: false, count: n)
        var conditionTrue: [[UInt64]?] = kernels.conditions.map { $0 == nil ? nil : Bits.none(n) }
        var typed = true
        let badSlots = (0..<64).filter { mask & (1 << UInt64($0)) != 0 && $0 < table.columns.count }
        run.forEachBatch { b in
            guard typed else { return }
            let base = b.start >> 6
            for (k, kernel) in kernels.per.enumerated() {
                let v = kernel.eval(b)
                guard let physical = b.physical(v), physical != .list else { typed = false; return }
                let w = b.operand(v, physical: physical)
                for i in 0..<b.count { keys[k][b.start + i] = GroupIndex.normalised(w.w[i], physical) }
                for j in w.valid.indices { keyValid[k][base + j] = w.valid[j] }
            }
            let d = b.operand(kernels.date.eval(b), physical: .date)
            let when = kernels.when.map { b.truth($0.eval(b)) }
            for j in 0..<Bits.words(b.count) {
                var ok = d.valid[j]
                for slot in badSlots { ok &= ~table.columns[slot].bad[base + j] }
                for k in keys.indices { ok &= keyValid[k][base + j] }
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
                for j in t.yes.indices { conditionTrue[k]![base + j] = t.yes[j] & grouped[j] }
            }
        }
        guard typed else { return nil }
        let groups = GroupIndex(rowCount: n, keys: keys, keyValid: keyValid, include: include)
        return TypedGroups(starts: groups.starts, rows: groups.rows.map(Int.init), dates: dates, capped: capped,
                           conditionTrue: conditionTrue)
    }

    /// The general path: `per` values as boxed values, a record at a time.
    private func boxedGroups(_ cap: CompiledCap, _ mask: UInt64) -> ([Int], [Int], [Int32], [Bool]) {
        let table = run.table
        var dates = [Int32](repeating: 0, count: table.count)
        var capped = [Bool](repeating: false, count: table.count)
        // Group rows by their `per` values.
        var groupOf: [RunContext.IndexKey: Int] = [:]
        var groupOfRow = [Int32](repeating: -1, count: table.count)
        var counts: [Int] = []
        let per = cap.per
        for row in 0..<table.count {
            if mask != 0, table.badMask(row) & mask != 0 { continue }
            let frame = run.frame(row)
            guard case .date(let d) = cap.orderBy[0](frame) else { continue }
            let values = per.map { $0(frame) }
            if values.contains(where: \.isMissing) { continue }
            dates[row] = d.ordinal
            if let when = cap.when { capped[row] = when(frame) == .bool(true) } else { capped[row] = true }
            let key = RunContext.IndexKey(values)
            let group = groupOf[key] ?? {
                groupOf[key] = counts.count
                counts.append(0)
                return counts.count - 1
            }()
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
        return (starts, flat, dates, capped)
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
