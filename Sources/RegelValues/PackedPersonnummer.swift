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
        guard n >= 10, n <= 13 else { return nil }
        var separator: UInt64 = 0
        var digits: UInt64 = 0
        var count = 0
        for (i, b) in bytes.enumerated() {
            if b >= 48 && b <= 57 {
                digits = digits * 10 + UInt64(b - 48)
                count += 1
            } else if i == n - 5 && (b == 45 || b == 43) && separator == 0 {
                separator = b == 45 ? 1 : 2
            } else {
                return nil
            }
        }
        guard count == 10 || count == 12 else { return nil }
        var raw = digits % 10_000_000_000
        if count == 12 { raw |= ((digits / 10_000_000_000) | 0x80) << 34 }
        raw |= separator << 42
        return PackedPersonnummer(raw: raw)
    }

    @inlinable public init(raw: UInt64) { self.raw = raw }
}
