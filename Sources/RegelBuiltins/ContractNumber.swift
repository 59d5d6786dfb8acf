/// Numbers as written in a data contract: plain ASCII, no spaces, no thousands separators,
/// no exponent, no `inf`/`nan`.
public enum ContractNumber {
    /// An optional `+`/`-` followed by one or more digits; nil on overflow of `Int`.
    @inlinable
    public static func parseInt(_ text: some StringProtocol) -> Int? {
        if let value = text.utf8.withContiguousStorageIfAvailable({ parseInt(bytes: $0) }) {
            return value
        }
        var copy = String(text)
        return copy.withUTF8 { parseInt(bytes: $0) }
    }

    /// Same as `parseInt(_:)`, from UTF-8 bytes; does not allocate.
    public static func parseInt(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var negative = false
        if let first = bytes.first, first == ASCII.minus || first == ASCII.plus {
            negative = first == ASCII.minus
            index = 1
        }
        guard index < bytes.count else { return nil }
        // Accumulate negatively so that Int.min is representable.
        var value = 0
        while index < bytes.count {
            guard let digit = ASCII.digit(bytes[index]) else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times10.subtractingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = next
            index += 1
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    /// An optional `+`/`-`, one or more digits, then optionally a decimal point written `.` or
    /// the Swedish `,` followed by one or more digits: `12`, `12.5`, `-12,5`. Not `.5`, `12.`,
    /// `1e3` or `1 000,5`. The result is the correctly rounded `Double`.
    @inlinable
    public static func parseDecimal(_ text: some StringProtocol) -> Double? {
        if let value = text.utf8.withContiguousStorageIfAvailable({ parseDecimal(bytes: $0) }) {
            return value
        }
        var copy = String(text)
        return copy.withUTF8 { parseDecimal(bytes: $0) }
    }

    /// Decimals must be smaller than this in magnitude (10^15): up to 15 whole digits, so
    /// that four decimals still show and a sum of many cells stays exact enough. A larger
    /// cell (or a few hundred digits, which would read as infinity) is not a number here.
    public static let decimalLimit: Double = 1e15

    /// Same as `parseDecimal(_:)`, from UTF-8 bytes; nil also when the number is not
    /// smaller than `decimalLimit` in magnitude.
    public static func parseDecimal(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let value = parseDecimalIgnoringRange(bytes: bytes), value.magnitude < decimalLimit else { return nil }
        return value
    }

    /// True when `text` is written as a number (whole or decimal) but is too large for its type:
    /// outside `Int` for a whole number, not smaller than `decimalLimit` for a decimal.
    public static func isOutOfRange(_ text: String, whole: Bool) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            guard let value = parseDecimalIgnoringRange(bytes: bytes) else { return false }
            return whole
                ? !bytes.contains(ASCII.dot) && !bytes.contains(ASCII.comma) && parseInt(bytes: bytes) == nil
                : value.magnitude >= decimalLimit
        }
    }

    /// The number as written, of any size (several hundred digits give infinity). Allocates
    /// only when the digits, read as one integer, reach 2^53 (16+ significant digits) or
    /// there are more than 22 decimals.
    static func parseDecimalIgnoringRange(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var negative = false
        if let first = bytes.first, first == ASCII.minus || first == ASCII.plus {
            negative = first == ASCII.minus
            index = 1
        }
        var mantissa: UInt64 = 0
        var exact = true  // mantissa holds every digit and is < 2^53
        var integerDigits = 0
        var fractionDigits = 0
        var separator: Int? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if let digit = ASCII.digit(byte) {
                if separator == nil { integerDigits += 1 } else { fractionDigits += 1 }
                if exact {
                    mantissa = mantissa * 10 + UInt64(digit)
                    if mantissa >= 1 << 53 { exact = false }
                }
            } else if (byte == ASCII.dot || byte == ASCII.comma), separator == nil, integerDigits > 0 {
                separator = index
            } else {
                return nil
            }
            index += 1
        }
        guard integerDigits > 0, separator == nil || fractionDigits > 0 else { return nil }
        if exact, fractionDigits < powersOfTen.count {
            // Both operands are exact doubles, so one IEEE division rounds correctly.
            let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -magnitude : magnitude
        }
        var normalized = String(decoding: bytes, as: UTF8.self)
        if let separator, bytes[separator] == ASCII.comma {
            var utf8 = Array(bytes)
            utf8[separator] = ASCII.dot
            normalized = String(decoding: utf8, as: UTF8.self)
        }
        return Double(normalized)
    }

    /// 10^0 … 10^22, all exactly representable as `Double`.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    ]
}
