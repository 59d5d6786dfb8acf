import RegelCheck
import RegelSyntax
import RegelValues
import RegelBuiltins

/// How a column's cells are stored, chosen from the field's type when the
/// ruleset is checked: kernels compute with one 64-bit word per cell, the
/// column keeps each cell in `cellWidth` bytes.
enum PhysicalType: Sendable, Equatable {
    /// 0 or 1.
    case bool
    /// `Int64` bits.
    case int
    /// `Double` bits.
    case decimal
    /// The day number (`Day.ordinal`).
    case date
    /// Minutes since midnight.
    case time
    /// The index of the code in the field's `one of` list.
    case code([String])
    /// An id in the table's `TextDictionary`.
    case text
    /// `PackedPersonnummer.raw`; equal people have equal `key` bits.
    case personnummer
    /// An id into the column's distinct lists (`Column.lists`).
    case list

    init(_ type: ValueType) {
        switch type {
        case .bool: self = .bool
        case .int: self = .int
        case .decimal: self = .decimal
        case .date: self = .date
        case .time: self = .time
        case .code(let codes): self = .code(codes)
        case .personnummer: self = .personnummer
        case .list: self = .list
        case .text, .duration, .nothing: self = .text
        }
    }

    /// The scalar types' words are `ScalarType`'s.
    var scalar: ScalarType? {
        switch self {
        case .bool: .bool
        case .int: .int
        case .decimal: .decimal
        case .date: .date
        case .time: .time
        case .personnummer: .personnummer
        case .code, .text, .list: nil
        }
    }

    /// Words of this type that are equal exactly when the values are equal.
    var wordsCompareExactly: Bool {
        switch self {
        case .bool, .int, .date, .time, .code, .text: true
        case .decimal, .personnummer, .list: false
        }
    }
}

/// The cells of a column, read as words: each cell is stored in as few
/// bytes as its type needs (`PhysicalType.cellWidth`) and widens to the
/// 64-bit word kernels compute with. Valid while the column does not grow.
struct CellWords {
    let base: UnsafeRawPointer
    let width: Int
    let signExtends: Bool

    @inline(__always) subscript(row: Int) -> UInt64 {
        switch width {
        case 1: return UInt64(base.load(fromByteOffset: row, as: UInt8.self))
        case 2: return UInt64(base.load(fromByteOffset: row &<< 1, as: UInt16.self))
        case 4:
            let v = base.load(fromByteOffset: row &<< 2, as: UInt32.self)
            return signExtends ? UInt64(bitPattern: Int64(Int32(bitPattern: v))) : UInt64(v)
        default: return base.load(fromByteOffset: row &<< 3, as: UInt64.self)
        }
    }

    /// Rows `start..<start + count` as words into `out`.
    func copy(_ start: Int, _ count: Int, into out: UnsafeMutablePointer<UInt64>) {
        switch width {
        case 1:
            let p = base.assumingMemoryBound(to: UInt8.self) + start
            for i in 0..<count { out[i] = UInt64(p[i]) }
        case 2:
            let p = base.assumingMemoryBound(to: UInt16.self) + start
            for i in 0..<count { out[i] = UInt64(p[i]) }
        case 4 where signExtends:
            let p = base.assumingMemoryBound(to: Int32.self) + start
            for i in 0..<count { out[i] = UInt64(bitPattern: Int64(p[i])) }
        case 4:
            let p = base.assumingMemoryBound(to: UInt32.self) + start
            for i in 0..<count { out[i] = UInt64(p[i]) }
        default:
            out.update(from: base.assumingMemoryBound(to: UInt64.self) + start, count: count)
        }
    }
}

extension PhysicalType {
    /// Bytes per stored cell: a day number fits 4, minutes 2, a code index
    /// 1 for up to 256 codes, a text or list id 4.
    var cellWidth: Int {
        switch self {
        case .bool: 1
        case .time: 2
        case .date, .text, .list: 4
        case .code(let codes): codes.count <= 1 << 8 ? 1 : codes.count <= 1 << 16 ? 2 : 4
        case .int, .decimal, .personnummer: 8
        }
    }

    /// Narrow cells of this type widen with their sign (day numbers before 0001-01-01 are negative).
    var cellSignExtends: Bool { self == .date }
}

/// One column of a table: a cell per row in `physical.cellWidth` bytes, a
/// validity bitmap (the cell holds a value) and an unreadable bitmap (the
/// cell did not convert; it is not valid either). Memory is managed by hand
/// so kernels read cells with pointer arithmetic alone. A list cell is an id
/// into the column's `lists`: exports repeat a few distinct lists.
final class Column: @unchecked Sendable {
    let type: ValueType
    let physical: PhysicalType
    let width: Int
    private let signExtends: Bool
    private(set) var cells: UnsafeMutableRawPointer
    private(set) var valid: UnsafeMutablePointer<UInt64>
    private(set) var bad: UnsafeMutablePointer<UInt64>
    private(set) var lists: [Value] = []
    private(set) var capacity: Int
    /// A text column whose cells are only shown keeps them in a dictionary
    /// of its own that does not deduplicate (`TextDictionary.deduplicates`).
    let ownText: TextDictionary?

    init(_ type: ValueType, capacity: Int, onlyShown: Bool = false) {
        ownText = onlyShown && PhysicalType(type) == .text ? TextDictionary(deduplicates: false) : nil
        self.type = type
        physical = PhysicalType(type)
        width = physical.cellWidth
        signExtends = physical.cellSignExtends
        self.capacity = max(64, (capacity + 63) & ~63)
        cells = .allocate(byteCount: self.capacity * width, alignment: 8)
        valid = .allocate(capacity: self.capacity >> 6)
        bad = .allocate(capacity: self.capacity >> 6)
        valid.initialize(repeating: 0, count: self.capacity >> 6)
        bad.initialize(repeating: 0, count: self.capacity >> 6)
    }

    deinit {
        cells.deallocate()
        valid.deallocate()
        bad.deallocate()
    }

    /// The cells as words (valid until the column grows).
    @inline(__always) var words: CellWords { CellWords(base: UnsafeRawPointer(cells), width: width, signExtends: signExtends) }

    @inline(__always) func word(_ row: Int) -> UInt64 { words[row] }

    /// Room for `rows` rows; new rows start missing.
    func reserve(_ rows: Int) {
        guard rows > capacity else { return }
        var newCapacity = capacity
        while newCapacity < rows { newCapacity *= 2 }
        let c = UnsafeMutableRawPointer.allocate(byteCount: newCapacity * width, alignment: 8)
        c.copyMemory(from: cells, byteCount: capacity * width)
        cells.deallocate()
        cells = c
        valid = Column.grow(valid, capacity >> 6, newCapacity >> 6)
        bad = Column.grow(bad, capacity >> 6, newCapacity >> 6)
        capacity = newCapacity
    }

    private static func grow(_ p: UnsafeMutablePointer<UInt64>, _ old: Int, _ new: Int) -> UnsafeMutablePointer<UInt64> {
        let q = UnsafeMutablePointer<UInt64>.allocate(capacity: new)
        q.moveInitialize(from: p, count: old)
        (q + old).initialize(repeating: 0, count: new - old)
        p.deallocate()
        return q
    }

    /// Makes `row` missing and readable again (a row is reused when the
    /// record before it was rejected).
    @inline(__always) func clear(_ row: Int) {
        let mask = ~(UInt64(1) << UInt64(row & 63))
        valid[row >> 6] &= mask
        bad[row >> 6] &= mask
    }

    @inline(__always) func set(_ row: Int, word: UInt64) {
        switch width {
        case 1: cells.storeBytes(of: UInt8(truncatingIfNeeded: word), toByteOffset: row, as: UInt8.self)
        case 2: cells.storeBytes(of: UInt16(truncatingIfNeeded: word), toByteOffset: row &<< 1, as: UInt16.self)
        case 4: cells.storeBytes(of: UInt32(truncatingIfNeeded: word), toByteOffset: row &<< 2, as: UInt32.self)
        default: cells.storeBytes(of: word, toByteOffset: row &<< 3, as: UInt64.self)
        }
        valid[row >> 6] |= 1 << UInt64(row & 63)
    }

    @inline(__always) func markBad(_ row: Int) {
        bad[row >> 6] |= 1 << UInt64(row & 63)
    }

    @inline(__always) func isValid(_ row: Int) -> Bool { Bits.test(UnsafePointer(valid), row) }
    @inline(__always) func isBad(_ row: Int) -> Bool { Bits.test(UnsafePointer(bad), row) }

    /// Keeps a list value and returns the id a cell holding it stores.
    func addList(_ value: Value) -> UInt32 {
        lists.append(value)
        return UInt32(lists.count - 1)
    }

    func setList(_ row: Int, _ value: Value) {
        guard !value.isMissing else { return }
        set(row, word: UInt64(addList(value)))
    }

    /// The cell as a boxed value, for messages, tests and the general path.
    func value(_ row: Int, _ dictionary: TextDictionary) -> Value {
        guard isValid(row) else { return .missing }
        if physical == .list { return lists[Int(word(row))] }
        return Column.box(word(row), physical, ownText ?? dictionary)
    }

    /// The value a word of type `physical` stands for.
    static func box(_ word: UInt64, _ physical: PhysicalType, _ dictionary: TextDictionary) -> Value {
        switch physical {
        case .code(let codes): .text(codes[Int(word)])
        case .text: .text(dictionary.string(UInt32(truncatingIfNeeded: word)))
        case .list: .missing
        case .bool, .int, .decimal, .date, .time, .personnummer: physical.scalar!.value(word)
        }
    }

    /// Stores a boxed value (test records, measure tables); false when it does
    /// not fit the column's type.
    @discardableResult
    func set(_ row: Int, _ value: Value, _ dictionary: TextDictionary) -> Bool {
        if case .missing = value { return true }
        if physical == .list { setList(row, value); return true }
        guard let w = Column.word(value, physical, ownText ?? dictionary) else { return false }
        set(row, word: w)
        return true
    }

    /// The word that stores `value` in a column of type `physical`; nil when
    /// it has none (a code that is not in the list, a value of another type).
    static func word(_ value: Value, _ physical: PhysicalType, _ dictionary: TextDictionary, intern: Bool = true) -> UInt64? {
        switch (physical, value) {
        case (.code(let codes), .text(let s)): codes.firstIndex(of: s).map { UInt64($0) }
        case (.text, .text(let s)): intern ? UInt64(dictionary.intern(s)) : dictionary.lookup(s).map(UInt64.init)
        case (.code, _), (.text, _), (.list, _): nil
        case (.bool, _), (.int, _), (.decimal, _), (.date, _), (.time, _), (.personnummer, _): physical.scalar!.word(value)
        }
    }

    /// Moves the cells of `other` (rows `0..<count`) to rows from `at` on;
    /// text ids are translated through `ids` (see `TextDictionary.absorb`),
    /// list ids shifted past this column's lists.
    func append(_ other: Column, count: Int, at start: Int, ids: [UInt32]) {
        reserve(start + count)
        Column.copyBits(other.valid, count, to: valid, at: start)
        Column.copyBits(other.bad, count, to: bad, at: start)
        let source = other.words
        switch physical {
        case .text:
            let ids = ownText.map { $0.absorb(other.ownText!) } ?? ids
            for r in 0..<count {
                set(start + r, word: Bits.test(UnsafePointer(other.valid), r) ? UInt64(ids[Int(source[r])]) : 0)
            }
        case .list:
            let offset = UInt64(lists.count)
            lists += other.lists
            for r in 0..<count { set(start + r, word: source[r] &+ offset) }
        default:
            (cells + start * width).copyMemory(from: other.cells, byteCount: count * width)
        }
        // `set` marks the rows valid; the copied bitmaps say which are.
        Column.copyBits(other.valid, count, to: valid, at: start)
    }

    /// Bits `0..<count` of `source` become bits `start..<start + count` of
    /// `target`, replacing what those held.
    private static func copyBits(
        _ source: UnsafeMutablePointer<UInt64>, _ count: Int,
        to target: UnsafeMutablePointer<UInt64>, at start: Int
    ) {
        let shift = UInt64(start & 63), base = start >> 6
        for k in 0..<Bits.words(count) {
            var w = source[k]
            let rowsInWord = min(64, count - k * 64)
            let keep: UInt64 = rowsInWord == 64 ? ~0 : (1 << UInt64(rowsInWord)) - 1
            w &= keep
            // Clear the target's bits for these rows, then set them.
            target[base + k] = target[base + k] & ~(keep << shift) | (w << shift)
            if shift != 0, rowsInWord + Int(shift) > 64 {
                let high = 64 - shift
                target[base + k + 1] = target[base + k + 1] & ~(keep >> high) | (w >> high)
            }
        }
    }
}
