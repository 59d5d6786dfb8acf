import RegelCheck
import RegelSyntax
import RegelValues
import RegelBuiltins

/// How a column's cells are stored: one 64-bit word per cell for every
/// scalar type, chosen from the field's type when the ruleset is checked.
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
    /// Lists stay boxed values: they are few and short.
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

/// One column of a table: a word per cell, a validity bitmap (the cell holds
/// a value) and an unreadable bitmap (the cell did not convert; it is not
/// valid either). Memory is managed by hand so kernels read cells with
/// pointer arithmetic alone.
final class Column: @unchecked Sendable {
    let type: ValueType
    let physical: PhysicalType
    private(set) var words: UnsafeMutablePointer<UInt64>
    private(set) var valid: UnsafeMutablePointer<UInt64>
    private(set) var bad: UnsafeMutablePointer<UInt64>
    private(set) var boxed: [Value] = []
    private(set) var capacity: Int

    init(_ type: ValueType, capacity: Int) {
        self.type = type
        physical = PhysicalType(type)
        self.capacity = max(64, (capacity + 63) & ~63)
        words = .allocate(capacity: self.capacity)
        valid = .allocate(capacity: self.capacity >> 6)
        bad = .allocate(capacity: self.capacity >> 6)
        valid.initialize(repeating: 0, count: self.capacity >> 6)
        bad.initialize(repeating: 0, count: self.capacity >> 6)
        if physical == .list { boxed.reserveCapacity(min(self.capacity, 1 << 16)) }
    }

    deinit {
        words.deallocate()
        valid.deallocate()
        bad.deallocate()
    }

    /// Room for `rows` rows; new rows start missing.
    func reserve(_ rows: Int) {
        guard rows > capacity else { return }
        var newCapacity = capacity
        while newCapacity < rows { newCapacity *= 2 }
        let w = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity)
        w.moveInitialize(from: words, count: capacity)
        words.deallocate()
        words = w
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
        if physical == .list, row < boxed.count { boxed[row] = .missing }
    }

    @inline(__always) func set(_ row: Int, word: UInt64) {
        words[row] = word
        valid[row >> 6] |= 1 << UInt64(row & 63)
    }

    @inline(__always) func markBad(_ row: Int) {
        bad[row >> 6] |= 1 << UInt64(row & 63)
    }

    @inline(__always) func isValid(_ row: Int) -> Bool { Bits.test(UnsafePointer(valid), row) }
    @inline(__always) func isBad(_ row: Int) -> Bool { Bits.test(UnsafePointer(bad), row) }

    func setList(_ row: Int, _ value: Value) {
        while boxed.count <= row { boxed.append(.missing) }
        boxed[row] = value
        if !value.isMissing { valid[row >> 6] |= 1 << UInt64(row & 63) }
    }

    /// The cell as a boxed value, for messages, tests and the general path.
    func value(_ row: Int, _ dictionary: TextDictionary) -> Value {
        guard isValid(row) else { return .missing }
        if physical == .list { return row < boxed.count ? boxed[row] : .missing }
        return Column.box(words[row], physical, dictionary)
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
        guard let w = Column.word(value, physical, dictionary) else { return false }
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
    /// text ids are translated through `ids` (see `TextDictionary.absorb`).
    func append(_ other: Column, count: Int, at start: Int, ids: [UInt32]) {
        reserve(start + count)
        if physical == .list {
            for r in 0..<count {
                let row = start + r
                clear(row)
                if other.isBad(r) { markBad(row) }
                if other.isValid(r) { setList(row, other.boxed[r]) }
            }
            return
        }
        Column.copyBits(other.valid, count, to: valid, at: start)
        Column.copyBits(other.bad, count, to: bad, at: start)
        if physical == .text {
            for r in 0..<count {
                let w = other.words[r]
                words[start + r] = Bits.test(UnsafePointer(other.valid), r) ? UInt64(ids[Int(w)]) : 0
            }
        } else {
            (words + start).update(from: other.words, count: count)
        }
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
