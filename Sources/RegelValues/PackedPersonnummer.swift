import RegelBuiltins

/// A personnummer in one machine word, so a `Value` holding one needs no
/// reference counting: the last ten digits (the equality key), the century
/// when it was written, and the separator. The text as written is rebuilt
/// from these; the reader only accepts forms that can be rebuilt exactly.
public struct PackedPersonnummer: Hashable, Sendable, CustomStringConvertible {
    @usableFromInline package let raw: UInt64

    private static let keyMask: UInt64 = (1 << 34) - 1

    init(_ p: Personnummer) {
        var raw = p.key & PackedPersonnummer.keyMask
        if p.digits.count == 12, let century = UInt64(p.digits.prefix(2)) { raw |= (century | 0x80) << 34 }
        switch p.separator {
        case "-": raw |= 1 << 42
        case "+": raw |= 2 << 42
        default: break
        }
        self.raw = raw
    }

    public var key: UInt64 { raw & PackedPersonnummer.keyMask }

    public var description: String {
        var ten = String(key)
        ten = String(repeating: "0", count: 10 - ten.count) + ten
        let centuryBits = (raw >> 34) & 0xFF
        let century = centuryBits & 0x80 != 0 ? String(format2: Int(centuryBits & 0x7F)) : ""
        let separator =
            switch (raw >> 42) & 3 {
            case 1: "-";
            case 2: "+";
            default: ""
            }
        return century + ten.prefix(6) + separator + ten.suffix(4)
    }

    public var personnummer: Personnummer? { Personnummer.parse(description) }

    /// The written century (19 for 1957…), or -1 for a 10-digit form.
    var centuryDigits: Int {
        let bits = (raw >> 34) & 0xFF
        return bits & 0x80 != 0 ? Int(bits & 0x7F) : -1
    }

    /// `Personnummer.validity` of the number, without rebuilding its text.
    package var validity: PersonnummerValidity {
        Personnummer.validity(key: key, centuryDigits: centuryDigits)
    }

    package var isSamordningsnummer: Bool { Personnummer.isSamordningsnummer(key: key) }

    public static func == (a: PackedPersonnummer, b: PackedPersonnummer) -> Bool { a.key == b.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
}

extension String {
    init(format2 n: Int) { self = n < 10 ? "0\(n)" : String(n) }
}

extension PackedPersonnummer {
    /// Reads `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`, `YYMMDD-NNNN`, `YYMMDD+NNNN`
    /// or `YYMMDDNNNN` straight from bytes (the shapes `Personnummer.parse`
    /// accepts), without making strings.
    @inlinable public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> PackedPersonnummer? {
        let n = bytes.count
        guard n >= 10, n <= 13, let base = bytes.baseAddress else { return nil }
        var separator: UInt64 = 0
        if n == 11 || n == 13 {
            let mark = base[n - 5]
            guard mark == 45 || mark == 43 else { return nil }
            separator = mark == 45 ? 1 : 2
        }
        // The last four digits, after a separator or not; then what comes before.
        guard let last4 = digits(base + (n - 4), 4) else { return nil }
        var raw: UInt64
        switch n {
        case 12, 13:
            guard let first8 = eightDigits(base) else { return nil }
            raw = (first8 % 1_000_000) * 10_000 + last4
            raw |= ((first8 / 1_000_000) | 0x80) << 34
        default:  // 10 or 11: YYMMDD, then the last four
            guard let first6 = digits(base, 6) else { return nil }
            raw = first6 * 10_000 + last4
        }
        raw |= separator << 42
        return PackedPersonnummer(raw: raw)
    }

    /// Eight ASCII digits as one number, all at once: a byte is a digit when
    /// subtracting '0' leaves at most 9 (a borrow or a high bit marks the
    /// others), and three multiplies join pairs, quads and halves.
    @inlinable @inline(__always)
    static func eightDigits(_ p: UnsafePointer<UInt8>) -> UInt64? {
        let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        let d = word &- 0x3030_3030_3030_3030
        guard ((d &+ 0x7676_7676_7676_7676) | d) & 0x8080_8080_8080_8080 == 0 else { return nil }
        var v = (d &* 10) &+ (d >> 8)
        v = ((v & 0x00FF_00FF_00FF_00FF) &* 0x0064_0001) >> 16
        v = ((v & 0x0000_FFFF_0000_FFFF) &* 0x2710_0000_0001) >> 32
        return v & 0xFFFF_FFFF
    }

    @inlinable @inline(__always)
    static func digits(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64? {
        var value: UInt64 = 0
        for i in 0..<count {
            let digit = p[i] &- 48
            guard digit < 10 else { return nil }
            value = value * 10 + UInt64(digit)
        }
        return value
    }

    @inlinable public init(raw: UInt64) { self.raw = raw }
}
