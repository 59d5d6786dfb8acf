/// The records of one input, column by column, as the ruleset's types.
public final class Table: @unchecked Sendable {
    /// `columns[slot][row]`.
    public internal(set) var columns: [[Value]]
    /// The physical line each record starts on.
    public internal(set) var lines: [Int]
    /// Bit `slot` set: that cell did not convert (it reads as missing, and
    /// rules that need it are skipped for the record).
    public internal(set) var badCells: [UInt64]
    public let sourceName: String

    public init(fieldCount: Int, sourceName: String) {
        columns = Array(repeating: [], count: fieldCount)
        lines = []
        badCells = []
        self.sourceName = sourceName
    }

    public var count: Int { lines.count }

    func append(_ values: [Value], line: Int, bad: UInt64) {
        for (slot, v) in values.enumerated() { columns[slot].append(v) }
        lines.append(line)
        badCells.append(bad)
    }

    @inline(__always)
    func value(_ slot: Int, _ row: Int) -> Value { columns[slot][row] }
}
