import Testing
import RegelBuiltins

@Suite("Day")
struct DayTests {
    private func day(_ text: String) throws -> Day {
        try #require(Day.parse(text), "\(text) should parse")
    }

    @Test func epochAndComponents() throws {
        #expect(Day(ordinal: 0).description == "1970-01-01")
        #expect(Day(year: 1970, month: 1, day: 1)?.ordinal == 0)
        #expect(Day(year: 1969, month: 12, day: 31)?.ordinal == -1)
        #expect(Day(year: 2000, month: 3, day: 1)?.ordinal == 11_017)
        let d = try day("2024-02-29")
        #expect(d.components == (2024, 2, 29))
        #expect(d.year == 2024 && d.month == 2 && d.day == 29)
        #expect(Day(year: 1, month: 1, day: 1)?.description == "0001-01-01")
        #expect(Day(year: 9999, month: 12, day: 31)?.description == "9999-12-31")
    }

    @Test func monthArithmeticClampsToMonthEnd() throws {
        #expect(try day("2024-03-31").adding(months: -1) == day("2024-02-29"))
        #expect(try day("2023-03-31").adding(months: -1) == day("2023-02-28"))
        #expect(try day("2024-02-29").adding(months: -12) == day("2023-02-28"))
        #expect(try day("2024-02-29").adding(years: -1) == day("2023-02-28"))
        #expect(try day("2024-02-29").adding(years: 4) == day("2028-02-29"))
        #expect(try day("2020-01-31").adding(months: 1).adding(months: 1) == day("2020-03-29"))
        #expect(try day("2020-01-31").adding(months: 2) == day("2020-03-31"))
        #expect(try day("2024-01-15").adding(months: -13) == day("2022-12-15"))
        #expect(try day("2024-12-31").adding(months: 2) == day("2025-02-28"))
        #expect(try day("2024-05-31").adding(months: 0) == day("2024-05-31"))
    }

    @Test func dayAndWeekArithmetic() throws {
        #expect(try day("2024-02-28").adding(days: 1) == day("2024-02-29"))
        #expect(try day("2023-02-28").adding(days: 1) == day("2023-03-01"))
        #expect(try day("2024-12-31").adding(days: 1) == day("2025-01-01"))
        #expect(try day("2024-01-01").adding(weeks: -1) == day("2023-12-25"))
        #expect(try Day.days(from: day("2024-01-01"), to: day("2025-01-01")) == 366)
        #expect(try Day.days(from: day("2025-01-01"), to: day("2024-01-01")) == -366)
        #expect(try day("2024-01-01") < day("2024-01-02"))
    }

    @Test func isoWeekAcrossNewYear() throws {
        #expect(try day("2024-12-30").isoWeek == (2025, 1))
        #expect(try day("2024-12-30").isoWeekText == "2025-W01")
        #expect(try day("2021-01-03").isoWeek == (2020, 53))
        #expect(try day("2021-01-03").isoWeekText == "2020-W53")
        #expect(try day("2021-01-04").isoWeek == (2021, 1))
        #expect(try day("2024-02-01").isoWeekText == "2024-W05")
        #expect(try day("2020-12-31").isoWeekKey == day("2021-01-03").isoWeekKey)
        #expect(try day("2021-01-03").isoWeekKey != day("2021-01-04").isoWeekKey)
        #expect(try day("2021-01-03").isoWeekKey == day("2020-12-28").ordinal)
        #expect(Day.isoWeeksInYear(2020) == 53)
        #expect(Day.isoWeeksInYear(2021) == 52)
        #expect(Day.isoWeeksInYear(2026) == 53)
    }

    @Test func weekday() throws {
        #expect(Day(ordinal: 0).isoWeekday == 4)  // 1970-01-01, Thursday
        #expect(try day("2024-03-18").isoWeekday == 1)  // Monday
        #expect(try day("2024-03-24").isoWeekday == 7)  // Sunday
        #expect(try day("1900-01-01").isoWeekday == 1)
        #expect(try day("1969-12-28").isoWeekday == 7)  // negative ordinal
    }

    @Test func months() throws {
        #expect(try day("2024-03-05").monthText == "2024-03")
        #expect(try day("2024-03-05").monthKey == Int32(2024 * 12 + 2))
        #expect(try day("2024-03-01").monthKey == day("2024-03-31").monthKey)
        #expect(try day("2024-12-31").monthKey + 1 == day("2025-01-01").monthKey)
    }

    @Test func leapYears() {
        #expect(!Day.isLeapYear(1900))
        #expect(Day.isLeapYear(2000))
        #expect(Day.isLeapYear(2024))
        #expect(!Day.isLeapYear(2023))
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day.parse("1900-02-29") == nil)
        #expect(Day.parse("2000-02-29") != nil)
        #expect(Day.daysInMonth(year: 1900, month: 2) == 28)
    }

    @Test(
        "parse rejections",
        arguments: [
            "2024-02-30", "2024-2-3", "24-01-01", "", "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-00",
            "0000-01-01", "2024/01/01", " 2024-01-01", "2024-01-01 ", "2024-01-01T00:00", "20240101", "２０２４-01-01",
            "+024-01-01", "2024-01-3a"
        ])
    func parseRejects(_ text: String) {
        #expect(Day.parse(text) == nil)
    }

    @Test func parseSubstringAndBytes() {
        let line = "x,2024-02-29,y"
        let field = line.split(separator: ",")[1]
        #expect(Day.parse(field)?.description == "2024-02-29")
        var text = "1999-12-31"
        let fromBytes = text.withUTF8 { Day.parse(bytes: $0) }
        #expect(fromBytes == Day(year: 1999, month: 12, day: 31))
    }

    @Test func wholeMonthsAndYears() throws {
        // Strict convention: complete only when the day-of-month is reached.
        #expect(try Day.wholeYears(from: day("2000-02-29"), to: day("2001-02-28")) == 0)
        #expect(try Day.wholeYears(from: day("2000-02-29"), to: day("2001-03-01")) == 1)
        #expect(try Day.wholeYears(from: day("2000-02-29"), to: day("2004-02-29")) == 4)
        #expect(try Day.wholeMonths(from: day("2023-08-31"), to: day("2024-02-29")) == 5)
        #expect(try Day.wholeMonths(from: day("2024-01-31"), to: day("2024-03-01")) == 1)
        #expect(try Day.wholeMonths(from: day("2024-01-15"), to: day("2024-01-14")) == 0)
        #expect(try Day.wholeYears(from: day("2007-06-10"), to: day("2025-06-10")) == 18)
        #expect(try Day.wholeYears(from: day("2007-06-10"), to: day("2025-06-09")) == 17)
        #expect(try Day.wholeYears(from: day("2025-06-10"), to: day("2007-06-10")) == -18)
    }
}
