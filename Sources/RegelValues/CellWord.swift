import RegelBuiltins

/// The types whose cells are stored as one 64-bit word, and the one place
/// where each type's spelling in an export becomes that word and the word
/// becomes a value. `RowDecoder` fills the evaluator's columns with
/// `word(reading:)`; `CellConverter` (constants, test records, parameters)
/// boxes the same word with `value(_:)`, so both read exactly the same
/// spellings. Why a cell does not read is `CellConverter`'s to say.
public enum ScalarType: Sendable, Equatable {
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
    /// `PackedPersonnummer.raw`.
    case personnummer

    package init?(_ type: ValueType) {
        switch type {
        case .bool: self = .bool
        case .int: self = .int
        case .decimal: self = .decimal
        case .date: self = .date
        case .time: self = .time
        case .personnummer: self = .personnummer
        case .text, .code, .list, .duration, .nothing: return nil
        }
    }

    /// The word for a cell's UTF-8 bytes; nil when the cell is not a value of
    /// this type in any spelling the contract accepts. Does not allocate.
    @inlinable @inline(__always)
    public func word(reading bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        switch self {
        case .bool: ContractBool.parse(bytes: bytes).map { $0 ? 1 : 0 }
        case .int: ContractNumber.parseInt(bytes: bytes).map { UInt64(bitPattern: Int64($0)) }
        case .decimal: ContractNumber.parseDecimal(bytes: bytes).map(\.bitPattern)
        case .date: ExportDate.parse(bytes: bytes).map { UInt64(bitPattern: Int64($0.ordinal)) }
        case .time: ClockTime.parse(bytes: bytes).map { UInt64($0.minutes) }
        case .personnummer: PackedPersonnummer.parse(bytes: bytes).map(\.raw)
        }
    }

    /// The value a word of this type stands for.
    @inlinable @inline(__always)
    public func value(_ word: UInt64) -> Value {
        switch self {
        case .bool: .bool(word != 0)
        case .int: .int(Int(Int64(bitPattern: word)))
        case .decimal: .decimal(Double(bitPattern: word))
        case .date: .date(Day(ordinal: Int32(truncatingIfNeeded: Int64(bitPattern: word))))
        case .time: .time(ClockTime(minutes: Int16(truncatingIfNeeded: word)))
        case .personnummer: .personnummer(PackedPersonnummer(raw: word))
        }
    }

    /// The word that stores `value`; nil for a value of another type (a
    /// whole number stores as a decimal where a decimal is expected).
    package func word(_ value: Value) -> UInt64? {
        switch (self, value) {
        case (.bool, .bool(let b)): b ? 1 : 0
        case (.int, .int(let n)): UInt64(bitPattern: Int64(n))
        case (.decimal, .decimal(let d)): d.bitPattern
        case (.decimal, .int(let n)): Double(n).bitPattern
        case (.date, .date(let d)): UInt64(bitPattern: Int64(d.ordinal))
        case (.time, .time(let t)): UInt64(t.minutes)
        case (.personnummer, .personnummer(let p)): p.raw
        default: nil
        }
    }
}
