import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues
/// `exists / count / latest / earliest other where …` for the active rows of
/// a batch, through the run's index for this search (see `SearchPlan`).
final class AggregateKernel: Kernel, @unchecked Sendable {
    let lookup: Int
    let plan: SearchPlan
    let resultType: ValueType

    init(lookup: Int, plan: SearchPlan, resultType: ValueType) {
        self.lookup = lookup
        self.plan = plan
        self.resultType = resultType
    }

    override func eval(_ b: Batch) -> Vec {
        let index = b.run.searches[lookup]
        let plan = self.plan
        let keys = zip(plan.currentKeys, index.keyTypes).map { kernel, type in b.operand(kernel.eval(b), physical: type) }
        let guardTruth = plan.guardCondition.map { b.truth($0.eval(b)) }
        let bounds = plan.window.map { w in b.operand(w.bound.eval(b), physical: b.table.columns[w.slot].physical) }
        var yes = Bits.none(b.count), no = Bits.none(b.count)
        var counts = [UInt64](repeating: 0, count: plan.kind == .count ? b.count : 0)
        var best = [Value](repeating: .missing, count: plan.kind == .latest || plan.kind == .earliest ? b.count : 0)
        var key = [UInt64](repeating: 0, count: keys.count)
        let table = b.table, run = b.run
        let rows = index.groups.rows
        Bits.forEach(b.active) { i in
            let row = b.start + i
            var found = false
            defer {
                if plan.kind == .exists { if found { Bits.set(&yes, i) } else { Bits.set(&no, i) } }
            }
            for k in 0..<keys.count {
                guard Bits.test(keys[k].valid, i) else { return }
                key[k] = GroupIndex.normalised(keys[k].w[i], index.keyTypes[k])
            }
            if let guardTruth, !Bits.test(guardTruth.yes, i) { return }
            guard let g = index.groups.find(key) else { return }
            var range = index.groups.range(g)
            let selfInGroup = index.groups.contains(row, inGroup: g)
            var selfIn = selfInGroup
            if let window = plan.window, let bounds {
                guard Bits.test(bounds.valid, i) else { return }
                let bound = Int64(bitPattern: bounds.w[i])
                range = index.window(range, window.op, bound)
                if selfIn {
                    let own = table.columns[window.slot]
                    selfIn = own.isValid(row) && CompareKernel.holds(window.op, .int(Int(Int64(bitPattern: own.word(row)))), .int(Int(bound)))
                }
            }
            let accepts: (Int) -> Bool = { other in
                if other == row { return false }
                guard let test = plan.perCandidate else { return true }
                if case .bool(true) = test(Frame(run: run, table: table, row: row, other: other)) { return true }
                return false
            }
            switch plan.kind {
            case .exists:
                if plan.perCandidate == nil {
                    found = range.count - (selfIn ? 1 : 0) > 0
                } else {
                    found = range.contains { accepts(Int(rows[$0])) }
                }
            case .count:
                if plan.perCandidate == nil {
                    counts[i] = UInt64(range.count - (selfIn ? 1 : 0))
                } else {
                    counts[i] = UInt64(range.filter { accepts(Int(rows[$0])) }.count)
                }
            case .latest, .earliest:
                let field = plan.field!
                let column = table.columns[field]
                if plan.orderSlot == field {
                    // Ordered by the field itself: the first acceptable row from the right end.
                    let found =
                        plan.kind == .latest
                        ? range.reversed().first { accepts(Int(rows[$0])) }
                        : range.first { accepts(Int(rows[$0])) }
                    if let p = found { best[i] = column.value(Int(rows[p]), table.dictionary) }
                } else {
                    var value: Value = .missing
                    for p in range {
                        let other = Int(rows[p])
                        guard accepts(other) else { continue }
                        let v = column.value(other, table.dictionary)
                        if v.isMissing { continue }
                        if value.isMissing { value = v; continue }
                        let c = Value.compare(v, value)
                        if plan.kind == .latest ? c > 0 : c < 0 { value = v }
                    }
                    best[i] = value
                }
            }
        }
        switch plan.kind {
        case .exists: return .truth(Truth(yes: yes, no: no))
        case .count: return .words(Words(w: counts, valid: b.active, physical: .int))
        case .latest, .earliest: return .boxed(best)
        }
    }
}
