/// A calendar date as days since 1970-01-01 (proleptic Gregorian, no time zone).
///
/// All arithmetic is integer arithmetic on `ordinal`; the civil conversions are
/// Howard Hinnant's `days_from_civil` / `civil_from_days`. Arithmetic saturates at the
/// ends of the `Int32` range (about ±5.8 million years) instead of trapping; the checker
/// keeps durations within years 0001–9999, so rules never get near those ends.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01; negative before it.
    public var ordinal: Int32

    @inlinable
    public init(ordinal: Int32) {
        self.ordinal = ordinal
    }

    /// nil when `month`/`day` do not name a real date in `year` (e.g. 2023-02-29),
    /// or the date is outside the `Int32` ordinal range.
    public init?(year: Int, month: Int, day: Int) {
        guard month >= 1, month <= 12, day >= 1, day <= Day.daysInMonth(year: year, month: month),
            year > -5_000_000, year < 5_000_000,
            let ordinal = Int32(exactly: Day.ordinal(year: year, month: month, day: day))
        else { return nil }
        self.ordinal = ordinal
    }

    // MARK: Parsing

    /// Strict `YYYY-MM-DD`: exactly ten ASCII characters, year 0001–9999, a real date.
    @inlinable
    public static func parse(_ text: some StringProtocol) -> Day? {
        if let day = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) {
            return day
        }
        var copy = String(text)
        return copy.withUTF8 { parse(bytes: $0) }
    }

    /// Strict `YYYY-MM-DD` from UTF-8 bytes; does not allocate.
    public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard bytes.count == 10, bytes[4] == ASCII.minus, bytes[7] == ASCII.minus,
            let year = ASCII.number(bytes, 0, 4), year >= 1,
            let month = ASCII.number(bytes, 5, 2),
            let day = ASCII.number(bytes, 8, 2)
        else { return nil }
        return Day(year: year, month: month, day: day)
    }

    // MARK: Calendar fields

    public var components: (year: Int, month: Int, day: Int) {
        Day.civil(fromOrdinal: Int(ordinal))
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        Day.floorMod(Int(ordinal) + 3, 7) + 1
    }

    /// The ordinal of the Monday that starts this date's ISO week: equal keys ⇔ same ISO week.
    public var isoWeekKey: Int32 {
        ordinal - Int32(isoWeekday - 1)
    }

    /// ISO 8601 week-numbering year and week (1–53). Weeks start on Monday and week 1
    /// is the week containing the year's first Thursday, so the week year can differ from
    /// the calendar year around New Year (2024-12-30 is 2025-W01, 2021-01-03 is 2020-W53).
    public var isoWeek: (year: Int, week: Int) {
        let thursday = Int(isoWeekKey) + 3
        let weekYear = Day.civil(fromOrdinal: thursday).year
        let januaryFirst = Day.ordinal(year: weekYear, month: 1, day: 1)
        return (weekYear, (thursday - januaryFirst) / 7 + 1)
    }

    /// `year * 12 + month - 1`: equal keys ⇔ same calendar month; consecutive months differ by 1.
    public var monthKey: Int32 {
        let (year, month, _) = components
        return Int32(year * 12 + month - 1)
    }

    // MARK: Arithmetic

    public func adding(days: Int) -> Day {
        let (sum, overflow) = Int(ordinal).addingReportingOverflow(days)
        return Day(ordinal: overflow ? (days < 0 ? .min : .max) : Int32(clamping: sum))
    }

    public func adding(weeks: Int) -> Day {
        let (days, overflow) = weeks.multipliedReportingOverflow(by: 7)
        return adding(days: overflow ? (weeks < 0 ? .min : .max) : days)
    }

    /// Calendar month addition with end-of-month clamping (Lag 1930:173, 1 §; same as
    /// `java.time.LocalDate.plusMonths`): if the day does not exist in the target month,
    /// the month's last day is used. 2024-03-31 − 1 month = 2024-02-29. Clamping does not
    /// carry over: (2020-01-31 + 1) + 1 = 2020-03-29, but 2020-01-31 + 2 = 2020-03-31.
    public func adding(months: Int) -> Day {
        if months == 0 { return self }
        let (year, month, day) = components
        let reach = 6_000_000 * 12  // past the Int32 ordinals either way; clamped below
        let total = Swift.min(Swift.max(year * 12 + (month - 1) + Swift.min(Swift.max(months, -2 * reach), 2 * reach), -reach), reach)
        let newYear = Day.floorDiv(total, 12)
        let newMonth = Day.floorMod(total, 12) + 1
        let newDay = min(day, Day.daysInMonth(year: newYear, month: newMonth))
        return Day(ordinal: Int32(clamping: Day.ordinal(year: newYear, month: newMonth, day: newDay)))
    }

    /// `adding(months: 12 * years)`: 2024-02-29 + 1 year = 2025-02-28.
    public func adding(years: Int) -> Day {
        let (months, overflow) = years.multipliedReportingOverflow(by: 12)
        return adding(months: overflow ? (years < 0 ? .min : .max) : months)
    }

    /// `b − a` in days.
    public static func days(from a: Day, to b: Day) -> Int {
        Int(b.ordinal) - Int(a.ordinal)
    }

    /// Whole months elapsed from `a` to `b`, "strict" convention (the oracle's `months_strict`,
    /// = `java.time` `ChronoUnit.MONTHS.between`, PostgreSQL `age()`): a month is complete only
    /// when the day-of-month of `a` is reached, with no end-of-month clamping.
    /// 2023-08-31 → 2024-02-29 is 5 months; 2023-08-31 → 2024-03-31 is 7. Truncates toward zero,
    /// so `wholeMonths(from: b, to: a) == -wholeMonths(from: a, to: b)`.
    public static func wholeMonths(from a: Day, to b: Day) -> Int {
        let (ay, am, ad) = a.components
        let (by, bm, bd) = b.components
        let packedA = (ay * 12 + am - 1) * 32 + ad
        let packedB = (by * 12 + bm - 1) * 32 + bd
        return (packedB - packedA) / 32
    }

    /// Whole years elapsed, `wholeMonths / 12` (the oracle's `years_strict`). This is age
    /// in completed years: someone born 2000-02-29 is 0 on 2001-02-28 and 1 on 2001-03-01.
    public static func wholeYears(from a: Day, to b: Day) -> Int {
        wholeMonths(from: a, to: b) / 12
    }

    // MARK: Text

    /// `YYYY-MM-DD` (years outside 0–9999 get more digits or a sign).
    public var description: String {
        let (year, month, day) = components
        guard year >= 0, year <= 9999 else {
            return ASCII.padded(year, width: 4) + "-" + ASCII.padded(month, width: 2) + "-" + ASCII.padded(day, width: 2)
        }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            Day.write(year, width: 4, into: buffer, at: 0)
            buffer[4] = ASCII.minus
            Day.write(month, width: 2, into: buffer, at: 5)
            buffer[7] = ASCII.minus
            Day.write(day, width: 2, into: buffer, at: 8)
            return 10
        }
    }

    /// The ISO week as text, `2024-W05` (ISO week-numbering year, two-digit week).
    public var isoWeekText: String {
        let (year, week) = isoWeek
        return ASCII.padded(year, width: 4) + "-W" + ASCII.padded(week, width: 2)
    }

    /// The calendar month as text, `2024-03`.
    public var monthText: String {
        let (year, month, _) = components
        return ASCII.padded(year, width: 4) + "-" + ASCII.padded(month, width: 2)
    }

    // MARK: Comparable

    @inlinable
    public static func < (lhs: Day, rhs: Day) -> Bool {
        lhs.ordinal < rhs.ordinal
    }

    // MARK: Calendar rules

    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// 28–31; 0 for a month outside 1–12.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    /// 52 or 53: the ISO week of 28 December of `isoYear`.
    public static func isoWeeksInYear(_ isoYear: Int) -> Int {
        Day(ordinal: Int32(ordinal(year: isoYear, month: 12, day: 28))).isoWeek.week
    }

    // MARK: Civil conversions (Hinnant)

    static func ordinal(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromOrdinal ordinal: Int) -> (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    @inline(__always)
    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    @inline(__always)
    static func floorMod(_ a: Int, _ b: Int) -> Int {
        let r = a % b
        return r != 0 && (r < 0) != (b < 0) ? r + b : r
    }

    @inline(__always)
    static func write(_ value: Int, width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        var remaining = value
        for index in stride(from: start + width - 1, through: start, by: -1) {
            buffer[index] = ASCII.zero + UInt8(remaining % 10)
            remaining /= 10
        }
    }
}
