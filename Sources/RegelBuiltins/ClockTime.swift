/// A time of day in whole minutes since midnight, 0–1439 (no date, no time zone).
public struct ClockTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Minutes since midnight, 0–1439.
    public var minutes: Int16

    @inlinable
    public init(minutes: Int16) {
        self.minutes = minutes
    }

    /// nil unless `hour` is 0–23 and `minute` 0–59.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.minutes = Int16(hour * 60 + minute)
    }

    public var hour: Int { Int(minutes) / 60 }
    public var minute: Int { Int(minutes) % 60 }

    /// Accepts `HH:MM` and `H:MM` (00:00–23:59), and either with `:SS` appended
    /// (seconds 00–59 are checked, then dropped). Nothing else: no spaces, no `24:00`, no `.`.
    @inlinable
    public static func parse(_ text: some StringProtocol) -> ClockTime? {
        if let time = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) {
            return time
        }
        var copy = String(text)
        return copy.withUTF8 { parse(bytes: $0) }
    }

    /// Same as `parse(_:)`, from UTF-8 bytes; does not allocate.
    public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> ClockTime? {
        let count = bytes.count
        let hourDigits: Int
        switch count {
        case 4, 7: hourDigits = 1
        case 5, 8: hourDigits = 2
        default: return nil
        }
        guard bytes[hourDigits] == ASCII.colon,
            let hour = ASCII.number(bytes, 0, hourDigits),
            let minute = ASCII.number(bytes, hourDigits + 1, 2)
        else { return nil }
        if count > 5 {
            guard bytes[hourDigits + 3] == ASCII.colon,
                let second = ASCII.number(bytes, hourDigits + 4, 2), second <= 59
            else { return nil }
        }
        return ClockTime(hour: hour, minute: minute)
    }

    /// `HH:MM`.
    public var description: String {
        ASCII.padded(hour, width: 2) + ":" + ASCII.padded(minute, width: 2)
    }

    @inlinable
    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool {
        lhs.minutes < rhs.minutes
    }
}
