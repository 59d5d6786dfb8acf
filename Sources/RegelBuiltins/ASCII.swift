/// Byte-level helpers shared by the parsers: ASCII digits, case folding and
/// zero-padded decimal output, without Foundation.
enum ASCII {
    static let zero: UInt8 = 0x30
    static let minus: UInt8 = 0x2D
    static let plus: UInt8 = 0x2B
    static let colon: UInt8 = 0x3A
    static let dot: UInt8 = 0x2E
    static let comma: UInt8 = 0x2C
    static let space: UInt8 = 0x20

    /// The value of an ASCII digit, or nil.
    @inline(__always)
    static func digit(_ byte: UInt8) -> Int? {
        let value = byte &- zero
        return value < 10 ? Int(value) : nil
    }

    /// The number written by `count` ASCII digits starting at `start`, or nil if any is not a digit.
    @inline(__always)
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            guard let d = digit(bytes[index]) else { return nil }
            value = value * 10 + d
        }
        return value
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }

    /// `value` (≥ 0) as decimal digits, left-padded with zeros to `width`.
    static func padded(_ value: Int, width: Int) -> String {
        if value < 0 { return "-" + padded(-value, width: width) }
        var digits = 1
        var rest = value / 10
        while rest > 0 { digits += 1; rest /= 10 }
        let length = max(digits, width)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var remaining = value
            for index in stride(from: length - 1, through: 0, by: -1) {
                buffer[index] = zero + UInt8(remaining % 10)
                remaining /= 10
            }
            return length
        }
    }
}
