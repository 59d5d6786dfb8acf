import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues
/// The records of one input, column by column, each column stored as its
/// field's physical type (see `Column`), with one text dictionary shared by
/// all text columns so equal text is an equal id across columns.
public final class Table: @unchecked Sendable {
    let columns: [Column]
    let dictionary: TextDictionary
    public private(set) var count = 0
    /// The physical line each record starts on.
    public internal(set) var lines: [Int] = []
    public let sourceName: String

    /// `onlyShown`: slots of text columns that no expression reads (see `Column.ownText`).
    public init(types: [ValueType], sourceName: String, capacity: Int = 1024, onlyShown: Set<Int> = []) {
        let capacity = max(64, capacity)
        columns = types.enumerated().map { slot, type in Column(type, capacity: capacity, onlyShown: onlyShown.contains(slot)) }
        dictionary = TextDictionary()
        self.sourceName = sourceName
        lines.reserveCapacity(capacity)
    }

    public convenience init(fields: [FieldInfo], sourceName: String, capacity: Int = 1024, onlyShown: Set<Int> = []) {
        self.init(types: fields.map(\.type), sourceName: sourceName, capacity: capacity, onlyShown: onlyShown)
    }

    var fieldCount: Int { columns.count }

    @inline(__always)
    public func value(_ slot: Int, _ row: Int) -> Value { columns[slot].value(row, dictionary) }

    /// The cell of `slot` did not convert (it reads as missing).
    public func isBad(_ slot: Int, _ row: Int) -> Bool { columns[slot].isBad(row) }

    /// Bit `slot` set where that cell of `row` did not convert.
    public func badMask(_ row: Int) -> UInt64 {
        var mask: UInt64 = 0
        for (slot, column) in columns.enumerated() where column.isBad(row) { mask |= 1 << UInt64(slot) }
        return mask
    }

    /// Makes room for the next row and returns its index; cells are written
    /// straight into the columns, then `commitRow` keeps it.
    @inline(__always) func openRow() -> Int {
        let row = count
        if row & 63 == 0 || row >= columns.first.map(\.capacity) ?? 0 {
            for column in columns { column.reserve(row + 1) }
        }
        for column in columns { column.clear(row) }
        return row
    }

    @inline(__always) func commitRow(line: Int) {
        count += 1
        lines.append(line)
    }

    /// Appends a record of boxed values (test records, measure groups).
    package func append(_ values: [Value], line: Int, bad: UInt64) {
        let row = openRow()
        for (slot, value) in values.enumerated() where slot < columns.count {
            columns[slot].set(row, value, dictionary)
            if bad & (1 << UInt64(slot)) != 0 { columns[slot].markBad(row) }
        }
        commitRow(line: line)
    }

    /// Copies all records of `other` (the same schema) to the end of this table.
    func append(contentsOf other: Table) {
        precondition(other.columns.count == columns.count)
        let ids = dictionary.absorb(other.dictionary)
        for (column, from) in zip(columns, other.columns) {
            column.append(from, count: other.count, at: count, ids: ids)
        }
        count += other.count
        lines += other.lines
    }

    func set(_ slot: Int, _ row: Int, _ value: Value) {
        columns[slot].clear(row)
        columns[slot].set(row, value, dictionary)
    }

    package func row(_ row: Int) -> [Value] { (0..<columns.count).map { value($0, row) } }
}
