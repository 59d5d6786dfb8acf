/// One evaluation of a compiled ruleset over one table: the parameters in
/// force and the hash indexes for conditions across records, built once.
public final class Run: @unchecked Sendable {
    let program: CompiledRuleset
    let table: Table
    let params: [Value]
    private(set) var indexes: [LookupIndex] = []

    /// Keys of up to three values need no array: no allocation per record.
    enum IndexKey: Hashable {
        case one(Value)
        case two(Value, Value)
        case three(Value, Value, Value)
        case many([Value])

        init(_ values: [Value]) {
            switch values.count {
            case 1: self = .one(values[0])
            case 2: self = .two(values[0], values[1])
            case 3: self = .three(values[0], values[1], values[2])
            default: self = .many(values)
            }
        }
    }

    init(program: CompiledRuleset, table: Table, params: [Value]) {
        self.program = program
        self.table = table
        self.params = params
        let lookups = program.lookups
        indexes = Parallel.map(lookups.count) { i in
            let prefilter = lookups[i].prefilter
            return LookupIndex(table: table, slots: lookups[i].otherKeySlots) { row in
                guard let prefilter else { return true }
                return prefilter(Frame(run: self, cells: table.cells, row: row, other: row)) == .bool(true)
            }
        }
    }

    /// The rows whose key fields equal the current record's key values, as a
    /// range of `indexes[lookup].rows`.
    func candidates(_ lookup: Int, _ frame: Frame) -> Range<Int> {
        let keys = program.lookups[lookup].currentKeys
        switch keys.count {
        case 1:
            let a = keys[0](frame)
            return a.isMissing ? 0..<0 : indexes[lookup].range(.one(a))
        case 2:
            let a = keys[0](frame), b = keys[1](frame)
            return a.isMissing || b.isMissing ? 0..<0 : indexes[lookup].range(.two(a, b))
        case 3:
            let a = keys[0](frame), b = keys[1](frame), c = keys[2](frame)
            return a.isMissing || b.isMissing || c.isMissing ? 0..<0 : indexes[lookup].range(.three(a, b, c))
        default:
            var values: [Value] = []
            for k in keys {
                let v = k(frame)
                if v.isMissing { return 0..<0 }
                values.append(v)
            }
            return indexes[lookup].range(.many(values))
        }
    }

    func frame(_ row: Int) -> Frame { Frame(run: self, cells: table.cells, row: row, other: row) }
}
