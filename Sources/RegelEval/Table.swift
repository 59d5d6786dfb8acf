import RegelValues

/// The records of one input, column by column, as the ruleset's types.
/// Columns live in manually managed buffers so that compiled rules read a
/// cell with pointer arithmetic alone: no array bounds or reference counts
/// on the hot path.
public final class Table: @unchecked Sendable {
    let fieldCount: Int
    private(set) var cells: UnsafeMutablePointer<UnsafeMutablePointer<Value>>
    private var capacity: Int
    public private(set) var count = 0
    /// The physical line each record starts on.
    public internal(set) var lines: [Int] = []
    /// Bit `slot` set: that cell did not convert (it reads as missing, and
    /// rules that need it are skipped for the record).
    public internal(set) var badCells: [UInt64] = []
    public let sourceName: String

    public init(fieldCount: Int, sourceName: String, capacity: Int = 1024) {
        self.fieldCount = fieldCount
        self.sourceName = sourceName
        self.capacity = max(16, capacity)
        cells = .allocate(capacity: max(1, fieldCount))
        for slot in 0..<fieldCount { cells[slot] = .allocate(capacity: self.capacity) }
    }

    deinit {
        for slot in 0..<fieldCount {
            cells[slot].deinitialize(count: count)
            cells[slot].deallocate()
        }
        cells.deallocate()
    }

    @inline(__always)
    public func value(_ slot: Int, _ row: Int) -> Value { cells[slot][row] }

    package func append(_ values: [Value], line: Int, bad: UInt64) {
        if count == capacity { grow() }
        for slot in 0..<fieldCount { (cells[slot] + count).initialize(to: values[slot]) }
        count += 1
        lines.append(line)
        badCells.append(bad)
    }

    /// Appends a record by moving its values out of `row`, which is left
    /// holding `missing`: no reference counting on the way.
    func append(moving row: ValueRow, line: Int, bad: UInt64) {
        if count == capacity { grow() }
        for slot in 0..<fieldCount {
            (cells[slot] + count).moveInitialize(from: row.pointer + slot, count: 1)
            (row.pointer + slot).initialize(to: .missing)
        }
        count += 1
        lines.append(line)
        badCells.append(bad)
    }

    /// Moves all records of `other` to the end of this table.
    func append(contentsOf other: Table) {
        precondition(other.fieldCount == fieldCount)
        while capacity < count + other.count { grow() }
        for slot in 0..<fieldCount {
            (cells[slot] + count).moveInitialize(from: other.cells[slot], count: other.count)
        }
        count += other.count
        other.count = 0
        lines += other.lines
        badCells += other.badCells
    }

    private func grow() {
        let newCapacity = capacity * 2
        for slot in 0..<fieldCount {
            let bigger = UnsafeMutablePointer<Value>.allocate(capacity: newCapacity)
            bigger.moveInitialize(from: cells[slot], count: count)
            cells[slot].deallocate()
            cells[slot] = bigger
        }
        capacity = newCapacity
    }

    func set(_ slot: Int, _ row: Int, _ value: Value) { cells[slot][row] = value }

    package func row(_ row: Int) -> [Value] { (0..<fieldCount).map { cells[$0][row] } }
}
