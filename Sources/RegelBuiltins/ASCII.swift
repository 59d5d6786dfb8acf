/// Byte-level helpers shared by the readers and parsers of every layer: the
/// bytes they look for, ASCII digits, case folding and zero-padded decimal
/// output, without Foundation. Inlinable, so a scanner's comparisons with
/// these constants compile to immediates in other modules too.
public enum ASCII {
    @inlinable public static var tab: UInt8 { 0x09 }
    @inlinable public static var lineFeed: UInt8 { 0x0A }
    @inlinable public static var carriageReturn: UInt8 { 0x0D }
    @inlinable public static var space: UInt8 { 0x20 }
    @inlinable public static var quote: UInt8 { 0x22 }
    @inlinable public static var plus: UInt8 { 0x2B }
    @inlinable public static var comma: UInt8 { 0x2C }
    @inlinable public static var minus: UInt8 { 0x2D }
    @inlinable public static var dot: UInt8 { 0x2E }
    @inlinable public static var zero: UInt8 { 0x30 }
    @inlinable public static var colon: UInt8 { 0x3A }
    @inlinable public static var semicolon: UInt8 { 0x3B }
    @inlinable public static var backslash: UInt8 { 0x5C }
    @inlinable public static var openBrace: UInt8 { 0x7B }

    @inlinable
    public static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == lineFeed || byte == carriageReturn
    }

    /// The value of an ASCII digit, or nil.
    @inlinable @inline(__always)
    public static func digit(_ byte: UInt8) -> Int? {
        let value = byte &- zero
        return value < 10 ? Int(value) : nil
    }

    /// The number written by `count` ASCII digits starting at `start`, or nil if any is not a digit.
    @inlinable @inline(__always)
    public static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            guard let d = digit(bytes[index]) else { return nil }
            value = value * 10 + d
        }
        return value
    }

    @inlinable @inline(__always)
    public static func lowercased(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }

    /// `value` (≥ 0) as decimal digits, left-padded with zeros to `width`.
    public static func padded(_ value: Int, width: Int) -> String {
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
