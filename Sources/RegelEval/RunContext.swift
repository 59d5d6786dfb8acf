import RegelValues

/// One evaluation of a compiled ruleset over one table: the parameters in
/// force and the hash indexes for conditions across records, built once.
public final class RunContext: @unchecked Sendable {
    let program: CompiledRuleset
    let table: Table
    let params: [Value]
    private(set) var indexes: [LookupIndex] = []
    /// The indexes without reference counting, for the probe on the hot
    /// path; `indexes` keeps them alive.
    private var indexPointers = UnsafeMutablePointer<Unmanaged<LookupIndex>>.allocate(capacity: 1)

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

    deinit { indexPointers.deallocate() }

    /// `buildIndexes: false` for a table that is not the ruleset's records (the
    /// values of a measure's groups), where no search is ever made.
    init(program: CompiledRuleset, table: Table, params: [Value], buildIndexes: Bool = true) {
        self.program = program
        self.table = table
        self.params = params
        let lookups = buildIndexes ? program.lookups : []
        indexes = Parallel.map(lookups.count) { i in
            let prefilter = lookups[i].prefilter
            return LookupIndex(table: table, slots: lookups[i].otherKeySlots) { row in
                guard let prefilter else { return true }
                return prefilter(Frame(run: self, cells: table.cells, row: row, other: row)) == .bool(true)
            }
        }
        indexPointers.deallocate()
        indexPointers = .allocate(capacity: max(1, indexes.count))
        for (i, index) in indexes.enumerated() { indexPointers[i] = Unmanaged.passUnretained(index) }
    }

    /// The candidates for a key: a range of the index's flat row array.
    @inline(__always)
    func lookup(_ lookup: Int, _ key: LookupKey) -> (Range<Int>, UnsafeMutablePointer<Int32>) {
        let index = indexPointers[lookup]
        return index._withUnsafeGuaranteedRef { ($0.range(key), $0.rows) }
    }

    func frame(_ row: Int) -> Frame { Frame(run: self, cells: table.cells, row: row, other: row) }
}
