import RegelSyntax
import Foundation
import RegelBuiltins
import RegelData
import RegelCheck
import RegelValues

/// Converts the cells of one record straight from their bytes into the typed
/// columns of a table: dates, times, flags, numbers, codes and personnummer
/// never become a `String`, text becomes a dictionary id. A cell that does
/// not convert is remembered with its text for the finding. Scalar cells
/// read through `ScalarType`, as `CellConverter` reads them; a cell that
/// does not read goes to `CellConverter` for the words of its finding.
struct RowDecoder: CellSink {
    enum Kind {
        case text, code, list
        /// Text only shown: into the column's own dictionary.
        case shownText
        case scalar(ScalarType)
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
    /// Unmanaged: the per-cell calls need no reference counting (the table
    /// keeps the dictionary and the columns alive).
    private var dictionary: Unmanaged<TextDictionary>
    /// Each code field's codes as bytes, by slot.
    private let codes: CodeBytes
    /// Per list slot, the cells met so far (the text as written) and their
    /// conversions by the cell's id there.
    private var listCells: [TextDictionary?]
    private var listConversions: [[Result<Value, CellProblem>]]
    /// Per list slot and cell id, the id of its list in the current table's
    /// column (`noListId` until a cell of the table holds it).
    private var listIds: [[UInt32]]
    private static let noListId = UInt32.max
    private static let listCacheLimit = 1 << 16

    struct ColumnRef {
        let column: Unmanaged<Column>
        init(_ column: Column) { self.column = Unmanaged.passUnretained(column) }
    }

    init(fields: [FieldInfo], table: Table) {
        self.fields = fields
        let declared: [Kind] = fields.map { f in
            if let scalar = ScalarType(f.type) { return .scalar(scalar) }
            switch f.type {
            case .code: return .code
            case .list: return .list
            default: return .text
            }
        }
        self.table = table
        kinds = zip(declared, table.columns).map { kind, column in
            if case .text = kind, column.ownText != nil { return .shownText }
            return kind
        }
        dictionary = Unmanaged.passUnretained(table.dictionary)
        codes = CodeBytes(fields)
        columns = table.columns.map(ColumnRef.init)
        listCells = Array(repeating: nil, count: fields.count)
        listConversions = Array(repeating: [], count: fields.count)
        listIds = Array(repeating: [], count: fields.count)
    }

    mutating func start(_ table: Table) {
        if table !== self.table {
            self.table = table
            dictionary = Unmanaged.passUnretained(table.dictionary)
            columns = table.columns.map(ColumnRef.init)
            for slot in listIds.indices { listIds[slot] = Array(repeating: RowDecoder.noListId, count: listIds[slot].count) }
        }
        failures.removeAll(keepingCapacity: true)
        row = table.openRow()
    }

    mutating func cell(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        let word: UInt64?
        switch kinds[index] {
        case .text: word = UInt64(dictionary._withUnsafeGuaranteedRef { $0.intern(bytes) })
        case .shownText: word = UInt64(columns[index].column._withUnsafeGuaranteedRef { $0.ownText!.intern(bytes) })
        case .code: word = codes.match(index, bytes)
        case .scalar(let scalar): word = scalar.word(reading: bytes)
        case .list:
            list(index, bytes)
            return
        }
        if let word {
            let row = self.row
            columns[index].column._withUnsafeGuaranteedRef { $0.set(row, word: word) }
        } else {
            slowPath(index, .text(String(decoding: bytes, as: UTF8.self)))
        }
    }

    mutating func list(_ index: Int, _ items: [String]) {
        slowPath(index, .list(items))
    }

    /// A list written in one CSV cell (`a|b`). Exports repeat a few such
    /// cells many times, so each distinct cell is converted once.
    private mutating func list(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        if listCells[index] == nil { listCells[index] = TextDictionary() }
        let cells = listCells[index]!
        guard cells.count < RowDecoder.listCacheLimit else {
            slowPath(index, .text(String(decoding: bytes, as: UTF8.self)))
            return
        }
        let id = Int(cells.intern(bytes))
        if id == listConversions[index].count {
            listConversions[index].append(CellConverter.convert(.text(String(decoding: bytes, as: UTF8.self)), to: fields[index].type))
            listIds[index].append(RowDecoder.noListId)
        }
        switch listConversions[index][id] {
        case .success(let v):
            guard !v.isMissing else { return }
            let row = self.row
            var listId = listIds[index][id]
            if listId == RowDecoder.noListId {
                listId = columns[index].column._withUnsafeGuaranteedRef { $0.addList(v) }
                listIds[index][id] = listId
            }
            columns[index].column._withUnsafeGuaranteedRef { $0.set(row, word: UInt64(listId)) }
        case .failure(let problem):
            columns[index].column._withUnsafeGuaranteedRef { $0.markBad(row) }
            failures.append(Failure(slot: index, text: String(decoding: bytes, as: UTF8.self), problem: problem))
        }
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

/// The codes of every `one of` field as bytes in one buffer, so a cell is
/// matched with `memcmp` and no array is touched per cell.
final class CodeBytes: @unchecked Sendable {
    private let bytes: UnsafeMutablePointer<UInt8>
    /// Per slot, the (start, length) of each code in `bytes`.
    private let codes: [[(Int, Int)]]

    init(_ fields: [FieldInfo]) {
        var flat: [UInt8] = []
        codes = fields.map { field in
            guard case .code(let list) = field.type else { return [] }
            return list.map { code in
                let start = flat.count
                flat += Array(code.utf8)
                return (start, flat.count - start)
            }
        }
        bytes = .allocate(capacity: max(1, flat.count))
        bytes.initialize(from: flat, count: flat.count)
    }

    deinit { bytes.deallocate() }

    @inline(__always)
    func match(_ slot: Int, _ cell: UnsafeBufferPointer<UInt8>) -> UInt64? {
        codes[slot].withUnsafeBufferPointer { list in
            for i in 0..<list.count where list[i].1 == cell.count {
                if memcmp(bytes + list[i].0, cell.baseAddress!, cell.count) == 0 { return UInt64(i) }
            }
            return nil
        }
    }
}
