import Testing
import RegelBuiltins

/// Every row of the shared date oracles (../shared/conformance/date-oracles, see its README).
@Suite(
    "date oracles",
    .enabled(
        if: ConformanceData.hasDateOracles,
        "../shared/conformance/date-oracles not found next to the package; skipped"))
struct DateOracleTests {
    @Test("ISO week year, week and weekday of every day 1890–2100; ordinals consecutive; text round trip")
    func isoWeekDates() throws {
        let rows = try ConformanceData.csvRows(
            "iso_week_dates_1890_2100.csv",
            expectedHeader: "date,iso_week_year,iso_week,iso_weekday")
        #expect(rows.count == 77_066)
        var mismatches: [String] = []
        var previous: Day?
        for row in rows {
            guard row.count == 4, let day = Day.parse(row[0]),
                let weekYear = Int(row[1]), let week = Int(row[2]), let weekday = Int(row[3])
            else {
                mismatches.append("unreadable row \(row)")
                continue
            }
            let iso = day.isoWeek
            if iso.year != weekYear || iso.week != week || day.isoWeekday != weekday {
                mismatches.append("\(row[0]): got \(iso.year)-W\(iso.week) day \(day.isoWeekday)")
            }
            if day.description != row[0] { mismatches.append("\(row[0]) printed as \(day)") }
            if let previous {
                if day.ordinal != previous.ordinal + 1 { mismatches.append("\(row[0]) not the day after \(previous)") }
                let sameWeek = previous.isoWeek == iso
                if (previous.isoWeekKey == day.isoWeekKey) != sameWeek {
                    mismatches.append("\(row[0]): isoWeekKey disagrees with the ISO week")
                }
                let sameMonth = previous.year == day.year && previous.month == day.month
                if (previous.monthKey == day.monthKey) != sameMonth {
                    mismatches.append("\(row[0]): monthKey disagrees with the month")
                }
            }
            let expectedWeekText = String(weekYear) + "-W" + (week < 10 ? "0" : "") + String(week)
            if day.isoWeekText != expectedWeekText { mismatches.append("\(row[0]): week text \(day.isoWeekText)") }
            if day.monthText != String(row[0].prefix(7)) { mismatches.append("\(row[0]): month text \(day.monthText)") }
            previous = day
        }
        #expect(mismatches.count == 0, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test("52/53 weeks in each ISO year 1890–2100")
    func isoYearsWith53Weeks() throws {
        let rows = try ConformanceData.csvRows(
            "iso_53_week_years_1890_2100.csv",
            expectedHeader: "iso_week_year,weeks_in_year")
        #expect(rows.count == 211)
        var longYears = 0
        for row in rows {
            let year = try #require(Int(row[0]))
            let weeks = try #require(Int(row[1]))
            #expect(Day.isoWeeksInYear(year) == weeks, "\(year)")
            if weeks == 53 { longYears += 1 }
        }
        #expect(longYears == 38)
    }

    @Test("month addition with end-of-month clamping, every row")
    func addMonthsClamped() throws {
        let rows = try ConformanceData.csvRows(
            "add_months_clamped.csv",
            expectedHeader: "start,months,result,clamped")
        #expect(rows.count == 71_800)
        var mismatches: [String] = []
        for row in rows {
            guard row.count == 4, let start = Day.parse(row[0]), let months = Int(row[1]),
                let expected = Day.parse(row[2]), let clamped = Bool(String(row[3]))
            else {
                mismatches.append("unreadable row \(row)")
                continue
            }
            let result = start.adding(months: months)
            if result != expected || (result.day != start.day) != clamped {
                mismatches.append("\(start) \(months) months: got \(result), expected \(expected)")
            }
            if months % 12 == 0, start.adding(years: months / 12) != expected {
                mismatches.append("\(start) \(months / 12) years: got \(start.adding(years: months / 12))")
            }
        }
        #expect(mismatches.count == 0, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test("wholeYears/wholeMonths follow the strict columns (age in completed years), every row")
    func ageStrict() throws {
        let rows = try ConformanceData.csvRows(
            "age_whole_years.csv",
            expectedHeader: "birth_date,reference_date,years_strict,months_strict,years_clamped,months_clamped")
        #expect(rows.count == 10_276)
        var mismatches: [String] = []
        var conventionsDiffer = 0
        for row in rows {
            guard row.count == 6, let birth = Day.parse(row[0]), let reference = Day.parse(row[1]),
                let years = Int(row[2]), let months = Int(row[3])
            else {
                mismatches.append("unreadable row \(row)")
                continue
            }
            if row[2] != row[4] || row[3] != row[5] { conventionsDiffer += 1 }
            let gotYears = Day.wholeYears(from: birth, to: reference)
            let gotMonths = Day.wholeMonths(from: birth, to: reference)
            if gotYears != years || gotMonths != months {
                mismatches.append("\(birth) → \(reference): got \(gotYears) y \(gotMonths) m, expected \(years) y \(months) m")
            }
            if Day.wholeMonths(from: reference, to: birth) != -months {
                mismatches.append("\(reference) → \(birth): not the negation")
            }
        }
        #expect(conventionsDiffer == 661, "the README says the conventions differ on 661 rows")
        #expect(mismatches.count == 0, "first mismatches: \(mismatches.prefix(5))")
    }
}
