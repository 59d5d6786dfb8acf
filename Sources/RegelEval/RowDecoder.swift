import RegelBuiltins
import RegelData
import RegelCheck
import RegelValues

/// Converts the cells of one record to the schema's types straight from
/// their bytes: dates, times, flags, numbers, codes and personnummer never
/// become a `String`; repeated text is interned. A cell that does not
/// convert is remembered with its text for the finding.
struct RowDecoder: CellSink {
    enum Kind {
        case text
        case code([[UInt8]], [String])
        case bool, date, time, int, decimal, personnummer
        case list(ValueType)
    }

    struct Failure {
        var slot: Int
        var text: String
        var problem: CellProblem
    }

    let fields: [FieldInfo]
    let kinds: [Kind]
    /// The record being decoded; its values are moved into the table.
    let values: ValueRow
    var failures: [Failure] = []
    var interners: [TextInterner]

    init(fields: [FieldInfo]) {
        self.fields = fields
        kinds = fields.map { f in
            switch f.type {
            case .text: .text
            case .code(let codes): .code(codes.map { Array($0.utf8) }, codes)
            case .bool: .bool
            case .date: .date
            case .time: .time
            case .int: .int
            case .decimal: .decimal
            case .personnummer: .personnummer
            case .list(let inner): .list(inner)
            case .duration, .nothing: .text
            }
        }
        values = ValueRow(count: fields.count)
        interners = Array(repeating: TextInterner(), count: fields.count)
    }

    mutating func reset() {
        values.clear()
        failures.removeAll(keepingCapacity: true)
    }

    mutating func cell(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        let value: Value?
        switch kinds[index] {
        case .text:
            if bytes.count <= 15 || !interners[index].isWorthIt {
                value = .text(String(decoding: bytes, as: UTF8.self))
            } else {
                value = .text(interners[index].string(bytes))
            }
        case .code(let codeBytes, let codes):
            value = codeBytes.firstIndex { $0.count == bytes.count && $0.elementsEqual(bytes) }.map { .text(codes[$0]) }
        case .bool: value = ContractBool.parse(bytes: bytes).map(Value.bool)
        case .date: value = Day.parse(bytes: bytes).map(Value.date)
        case .time: value = ClockTime.parse(bytes: bytes).map(Value.time)
        case .int: value = ContractNumber.parseInt(bytes: bytes).map(Value.int)
        case .decimal: value = ContractNumber.parseDecimal(bytes: bytes).map(Value.decimal)
        case .personnummer: value = PackedPersonnummer.parse(bytes: bytes).map(Value.personnummer)
        case .list: value = nil
        }
        if let value {
            values.pointer[index] = value
        } else {
            slowPath(index, .text(String(decoding: bytes, as: UTF8.self)))
        }
    }

    mutating func list(_ index: Int, _ items: [String]) {
        slowPath(index, .list(items))
    }

    /// Lists, and cells that did not convert: the general converter gives
    /// the value or the words for the finding.
    private mutating func slowPath(_ index: Int, _ cell: Cell) {
        switch CellConverter.convert(cell, to: fields[index].type) {
        case .success(let v): values.pointer[index] = v
        case .failure(let problem):
            values.pointer[index] = .missing
            failures.append(Failure(slot: index, text: cell.displayText, problem: problem))
        }
    }
}

/// A fixed row of values in manually managed memory: written per cell with
/// no copy-on-write checks, and moved (not copied) into a table.
final class ValueRow {
    let pointer: UnsafeMutablePointer<Value>
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(1, count))
        pointer.initialize(repeating: .missing, count: count)
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }

    subscript(i: Int) -> Value { pointer[i] }

    func clear() {
        for i in 0..<count { pointer[i] = .missing }
    }
}
