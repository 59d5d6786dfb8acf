/// Dates as Swedish patient-administration systems and spreadsheets export
/// them, read where the spelling leaves no doubt about the day:
///
/// - `YYYY-MM-DD` (the contract's spelling), `YYYY-M-D` (no zero padding),
///   `YYYYMMDD` (eight digits);
/// - any of these followed by a time of day, after a space or `T`:
///   `HH:MM`, `HH:MM:SS`, `HH:MM:SS.fff` (`2024-03-05 00:00:00`,
///   `2024-03-05T00:00:00`), as database exports write a date column.
///
/// A time that is not midnight is reported, not dropped: the column holds a
/// date, and a moment of the day in it means the export put a timestamp
/// where a date belongs (`withTime`). Day-first and month-first spellings
/// (`05/03/2024`), two-digit years and time zones are not read: which day
/// they name depends on a convention the cell does not state.
public enum ExportDate {
    public enum Reading: Equatable, Sendable {
        case date(Day)
        /// A real date with a time of day other than midnight.
        case withTime(Day, time: String)
    }

    public static func read(_ text: some StringProtocol) -> Reading? {
        if let reading = text.utf8.withContiguousStorageIfAvailable({ read(bytes: $0) }) {
            return reading
        }
        var copy = String(text)
        return copy.withUTF8 { read(bytes: $0) }
    }

    /// The day, when the cell is a date in one of the spellings above at
    /// midnight (or without a time); does not allocate.
    @inline(__always)
    public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        if bytes.count == 10, let day = Day.parse(bytes: bytes) { return day }
        guard case .date(let day)? = read(bytes: bytes) else { return nil }
        return day
    }

    public static func read(bytes: UnsafeBufferPointer<UInt8>) -> Reading? {
        guard let (day, end) = datePart(bytes) else { return nil }
        if end == bytes.count { return .date(day) }
        let separator = bytes[end]
        guard separator == ASCII.space || separator == UInt8(ascii: "T"), end + 1 < bytes.count else { return nil }
        guard let midnight = timeIsMidnight(UnsafeBufferPointer(rebasing: bytes[(end + 1)...])) else { return nil }
        if midnight { return .date(day) }
        return .withTime(day, time: String(decoding: UnsafeBufferPointer(rebasing: bytes[(end + 1)...]), as: UTF8.self))
    }

    /// The date at the start of the bytes and where it ends.
    static func datePart(_ bytes: UnsafeBufferPointer<UInt8>) -> (Day, Int)? {
        let n = bytes.count
        guard n >= 8, let year = ASCII.number(bytes, 0, 4), year >= 1 else { return nil }
        if bytes[4] != ASCII.minus {
            // YYYYMMDD, then the end or a time.
            guard let month = ASCII.number(bytes, 4, 2), let day = ASCII.number(bytes, 6, 2),
                n == 8 || ASCII.digit(bytes[8]) == nil,
                let date = Day(year: year, month: month, day: day)
            else { return nil }
            return (date, 8)
        }
        var p = 5
        guard let month = digits(bytes, &p, max: 2), p < n, bytes[p] == ASCII.minus else { return nil }
        p += 1
        guard let day = digits(bytes, &p, max: 2), let date = Day(year: year, month: month, day: day) else { return nil }
        return (date, p)
    }

    /// One or two digits at `p`, advancing past them.
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ p: inout Int, max: Int) -> Int? {
        var value = 0, count = 0
        while p < bytes.count, count < max, let d = ASCII.digit(bytes[p]) {
            value = value * 10 + d
            count += 1
            p += 1
        }
        return count == 0 ? nil : value
    }

    /// `H:MM`, `HH:MM`, `HH:MM:SS` or `HH:MM:SS.f…`: whether it is midnight;
    /// nil when it is not a time of day.
    static func timeIsMidnight(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var p = 0
        guard let hour = digits(bytes, &p, max: 2), hour <= 23, p < bytes.count, bytes[p] == ASCII.colon,
            p + 3 <= bytes.count, let minute = ASCII.number(bytes, p + 1, 2), minute <= 59
        else { return nil }
        p += 3
        var zero = hour == 0 && minute == 0
        if p < bytes.count {
            guard bytes[p] == ASCII.colon, p + 3 <= bytes.count, let second = ASCII.number(bytes, p + 1, 2), second <= 59 else { return nil }
            zero = zero && second == 0
            p += 3
            if p < bytes.count {
                guard bytes[p] == ASCII.dot, p + 1 < bytes.count else { return nil }
                p += 1
                while p < bytes.count {
                    guard let d = ASCII.digit(bytes[p]) else { return nil }
                    zero = zero && d == 0
                    p += 1
                }
            }
        }
        return zero
    }
}
