/// One evaluation of a compiled ruleset over one table: the parameters in
/// force and the hash indexes for conditions across records, built once.
public final class Run: @unchecked Sendable {
    let program: CompiledRuleset
    let table: Table
    let params: [Value]
    private let indexes: [[IndexKey: [Int32]]]

    enum IndexKey: Hashable {
        case one(Value)
        case many([Value])
    }

    init(program: CompiledRuleset, table: Table, params: [Value]) {
        self.program = program
        self.table = table
        self.params = params
        indexes = program.lookups.map { lookup in
            var index: [IndexKey: [Int32]] = [:]
            let slots = lookup.otherKeySlots
            for row in 0..<table.count {
                if slots.count == 1 {
                    let v = table.columns[slots[0]][row]
                    if v.isMissing { continue }
                    index[.one(v), default: []].append(Int32(row))
                } else {
                    let key = slots.map { table.columns[$0][row] }
                    if key.contains(where: \.isMissing) { continue }
                    index[.many(key), default: []].append(Int32(row))
                }
            }
            return index
        }
    }

    /// The rows whose key fields equal the current record's key values.
    func candidates(_ lookup: Int, _ frame: Frame) -> [Int32]? {
        let keys = program.lookups[lookup].currentKeys
        if keys.count == 1 {
            let v = keys[0](frame)
            return v.isMissing ? nil : indexes[lookup][.one(v)]
        }
        var values: [Value] = []
        values.reserveCapacity(keys.count)
        for k in keys {
            let v = k(frame)
            if v.isMissing { return nil }
            values.append(v)
        }
        return indexes[lookup][.many(values)]
    }

    func frame(_ row: Int) -> Frame { Frame(run: self, row: row, other: row) }
}
