import Foundation
import RegelBuiltins
import RegelData

/// Converts the cells of one record straight from their bytes into the typed
/// columns of a table: dates, times, flags, numbers, codes and personnummer
/// never become a `String`, text becomes a dictionary id. A cell that does
/// not convert is remembered with its text for the finding.
struct RowDecoder: CellSink {
    enum Kind {
        case text
        case code([[UInt8]])
        case bool, date, time, int, decimal, personnummer
        case list
    }

    struct Failure {
        var slot: Int
        var text: String
        var problem: CellProblem
    }

    let fields: [FieldInfo]
    let kinds: [Kind]
    var failures: [Failure] = []
    /// The table being filled and the row the cells go to.
    var table: Table
    var row = 0
    /// The table's columns without reference counting on the per-cell path.
    private var columns: [ColumnRef] = []

    struct ColumnRef {
        unowned(unsafe) let column: Column
    }

    init(fields: [FieldInfo], table: Table) {
        self.fields = fields
        kinds = fields.map { f in
            switch f.type {
            case .text, .duration, .nothing: .text
            case .code(let codes): .code(codes.map { Array($0.utf8) })
            case .bool: .bool
            case .date: .date
            case .time: .time
            case .int: .int
            case .decimal: .decimal
            case .personnummer: .personnummer
            case .list: .list
            }
        }
        self.table = table
        columns = table.columns.map(ColumnRef.init)
    }

    mutating func start(_ table: Table) {
        if table !== self.table {
            self.table = table
            columns = table.columns.map(ColumnRef.init)
        }
        failures.removeAll(keepingCapacity: true)
        row = table.openRow()
    }

    mutating func cell(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        let column = columns[index].column
        let word: UInt64?
        switch kinds[index] {
        case .text: word = UInt64(table.dictionary.intern(bytes))
        case .code(let codeBytes):
            word = RowDecoder.code(bytes, codeBytes)
        case .bool: word = ContractBool.parse(bytes: bytes).map { $0 ? 1 : 0 }
        case .date: word = Day.parse(bytes: bytes).map { UInt64(bitPattern: Int64($0.ordinal)) }
        case .time: word = ClockTime.parse(bytes: bytes).map { UInt64($0.minutes) }
        case .int: word = ContractNumber.parseInt(bytes: bytes).map { UInt64(bitPattern: Int64($0)) }
        case .decimal: word = ContractNumber.parseDecimal(bytes: bytes).map(\.bitPattern)
        case .personnummer: word = PackedPersonnummer.parse(bytes: bytes).map(\.raw)
        case .list: word = nil
        }
        if let word {
            column.set(row, word: word)
        } else {
            slowPath(index, .text(String(decoding: bytes, as: UTF8.self)))
        }
    }

    @inline(__always)
    static func code(_ bytes: UnsafeBufferPointer<UInt8>, _ codes: [[UInt8]]) -> UInt64? {
        for (i, code) in codes.enumerated() where code.count == bytes.count {
            let same = code.withUnsafeBufferPointer { c in memcmp(c.baseAddress!, bytes.baseAddress!, c.count) == 0 }
            if same { return UInt64(i) }
        }
        return nil
    }

    mutating func list(_ index: Int, _ items: [String]) {
        slowPath(index, .list(items))
    }

    /// Lists, and cells that did not convert: the general converter gives
    /// the value or the words for the finding.
    private mutating func slowPath(_ index: Int, _ cell: Cell) {
        switch CellConverter.convert(cell, to: fields[index].type) {
        case .success(let v):
            table.columns[index].set(row, v, table.dictionary)
        case .failure(let problem):
            table.columns[index].markBad(row)
            failures.append(Failure(slot: index, text: cell.displayText, problem: problem))
        }
    }
}
