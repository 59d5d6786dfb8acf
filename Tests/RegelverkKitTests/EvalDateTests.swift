import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

// Dates: windows, arithmetic with month-end clamping, and the date, time and
// text built-ins.

@Suite struct EvalWindowTests {
    static let fields = "  d: date\n  e: date\n"

    /// `d within 12 months before e` ≡ e − 12 months < d ≤ e.
    @Test func withinMonthsBeforeHasAnOpenStartAndAClosedEnd() throws {
        let csv = """
            id,d,e
            start,2023-03-31,2024-03-31
            inside,2023-04-01,2024-03-31
            end,2024-03-31,2024-03-31
            later,2024-04-01,2024-03-31
            leap_start,2023-02-28,2024-02-29
            leap_inside,2023-03-01,2024-02-29
            """ + "\n"
        let t = try EvalSupport.truth("d within 12 months before e", fields: Self.fields, csv: csv)
        #expect(t == ["start": .no, "inside": .yes, "end": .yes, "later": .no, "leap_start": .no, "leap_inside": .yes])
    }

    @Test func withinOneMonthBeforeClampsTheStart() throws {
        // 2024-03-31 − 1 month = 2024-02-29 (excluded); 2023-03-31 − 1 month = 2023-02-28.
        let csv = """
            id,d,e
            a,2024-02-29,2024-03-31
            b,2024-03-01,2024-03-31
            c,2023-02-28,2023-03-31
            d,2023-03-01,2023-03-31
            """ + "\n"
        let t = try EvalSupport.truth("d within 1 month before e", fields: Self.fields, csv: csv)
        #expect(t == ["a": .no, "b": .yes, "c": .no, "d": .yes])
    }

    /// `d within 7 days after e` ≡ e ≤ d < e + 7 days.
    @Test func withinDaysAfter() throws {
        let csv = """
            id,d,e
            day_before,2023-12-31,2024-01-01
            same_day,2024-01-01,2024-01-01
            sixth,2024-01-07,2024-01-01
            seventh,2024-01-08,2024-01-01
            """ + "\n"
        let t = try EvalSupport.truth("d within 7 days after e", fields: Self.fields, csv: csv)
        #expect(t == ["day_before": .no, "same_day": .yes, "sixth": .yes, "seventh": .no])
        let w = try EvalSupport.truth("d within 1 week after e", fields: Self.fields, csv: csv)
        #expect(w == t)
    }

    @Test func withinDaysBeforeAndYears() throws {
        let csv = """
            id,d,e
            a,2024-01-01,2024-01-08
            b,2024-01-02,2024-01-08
            c,2023-02-28,2024-02-29
            d,2023-03-01,2024-02-29
            """ + "\n"
        #expect(
            try EvalSupport.truth("d within 7 days before e", fields: Self.fields, csv: csv)
                == ["a": .no, "b": .yes, "c": .no, "d": .no])
        #expect(
            try EvalSupport.truth("d within 1 year before e", fields: Self.fields, csv: csv)
                == ["a": .yes, "b": .yes, "c": .no, "d": .yes])
        #expect(
            try EvalSupport.truth("e within 1 year after d", fields: Self.fields, csv: csv)
                == ["a": .yes, "b": .yes, "c": .no, "d": .yes])
    }

    @Test func withinWithALiteralDate() throws {
        let csv = "id,d,e\nin,2024-12-31,2024-01-01\nout,2025-01-01,2024-01-01\n"
        #expect(try EvalSupport.truth("d within 1 year after 2024-01-01", fields: Self.fields, csv: csv) == ["in": .yes, "out": .no])
        #expect(try EvalSupport.truth("d within 3 months before 2025-03-31", fields: Self.fields, csv: csv) == ["in": .no, "out": .yes])
    }
}

@Suite struct EvalDateArithmeticTests {
    static let fields = "  d: date\n"

    @Test(arguments: [
        ("2024-03-31", "d - 1 month", "2024-02-29"),
        ("2023-03-31", "d - 1 month", "2023-02-28"),
        ("2024-02-29", "d - 12 months", "2023-02-28"),
        ("2024-02-29", "d + 1 year", "2025-02-28"),
        ("2024-02-29", "d - 4 years", "2020-02-29"),
        ("2024-01-31", "d + 1 month", "2024-02-29"),
        ("2024-05-31", "d + 1 month", "2024-06-30"),
        ("2024-03-31", "d - 1 month - 1 month", "2024-01-29"),
        ("2024-03-31", "d - 2 months", "2024-01-31"),
        ("2024-12-31", "d + 1 day", "2025-01-01"),
        ("2024-03-01", "d - 1 day", "2024-02-29"),
        ("2023-03-01", "d - 1 day", "2023-02-28"),
        ("2024-01-01", "d + 2 weeks", "2024-01-15"),
        ("2024-01-01", "d - 1 week", "2023-12-25"),
        ("2024-11-30", "d + 3 months", "2025-02-28"),
        ("2024-06-15", "d + 0 days", "2024-06-15")
    ])
    func shift(_ date: String, _ expression: String, _ expected: String) throws {
        let v = try EvalSupport.values(expression, fields: Self.fields, csv: "id,d\nr,\(date)\n")
        #expect(v["r"] == expected)
    }

    @Test func shiftedDatesCompare() throws {
        let csv = "id,d\nleap,2024-02-29\nplain,2023-03-01\n"
        #expect(try EvalSupport.truth("d - 12 months = 2023-02-28", fields: Self.fields, csv: csv) == ["leap": .yes, "plain": .no])
        #expect(try EvalSupport.truth("d + 1 day > 2024-02-29", fields: Self.fields, csv: csv) == ["leap": .yes, "plain": .no])
    }

    @Test func datesAreNotSubtracted() {
        let text = EvalSupport.ruleset("  d: date\n  e: date\n", "rule r\n  severity error\n  require d - e > 3\nend\n")
        #expect(EvalSupport.errorCodes(text).contains("T0209"))
    }
}

@Suite struct EvalDateBuiltinTests {
    static let fields = "  d: date\n  e: date\n"

    func value(_ expression: String, _ d: String, _ e: String = "2000-01-01") throws -> String? {
        try EvalSupport.values(expression, fields: Self.fields, csv: "id,d,e\nr,\(d),\(e)\n")["r"]
    }

    @Test func yearMonthDay() throws {
        #expect(try value("year(d)", "2024-02-29") == "2024")
        #expect(try value("month(d)", "2024-02-29") == "2")
        #expect(try value("day(d)", "2024-02-29") == "29")
        #expect(try value("year(d) * 100 + month(d)", "1999-12-31") == "199912")
    }

    @Test func weekdayIsMondayOne() throws {
        #expect(try value("weekday(d)", "2024-01-01") == "1")  // Monday
        #expect(try value("weekday(d)", "2024-01-07") == "7")  // Sunday
        #expect(try value("weekday(d)", "2024-02-29") == "4")  // Thursday
        #expect(try value("weekday(d)", "2000-01-01") == "6")  // Saturday
    }

    @Test func isoWeekAcrossTheYearChange() throws {
        #expect(try value("iso_week(d)", "2024-12-30") == "1")
        #expect(try value("iso_year(d)", "2024-12-30") == "2025")
        #expect(try value("iso_week(d)", "2024-12-29") == "52")
        #expect(try value("iso_year(d)", "2024-12-29") == "2024")
        #expect(try value("iso_week(d)", "2021-01-03") == "53")
        #expect(try value("iso_year(d)", "2021-01-03") == "2020")
        #expect(try value("iso_week(d)", "2021-01-04") == "1")
        #expect(try value("iso_year(d)", "2021-01-04") == "2021")
        #expect(try value("iso_week(d)", "2027-01-01") == "53")
        #expect(try value("iso_year(d)", "2027-01-01") == "2026")
        #expect(try value("week_text(d)", "2024-12-30") == "2025-W01")
        #expect(try value("week_text(d)", "2021-01-03") == "2020-W53")
        #expect(try value("week_text(d)", "2024-02-05") == "2024-W06")
    }

    @Test func monthText() throws {
        #expect(try value("month_text(d)", "2024-03-31") == "2024-03")
        #expect(try value("month_text(d)", "2024-12-01") == "2024-12")
        #expect(try value("month_text(d - 1 day)", "2025-01-01") == "2024-12")
    }

    @Test func daysBetween() throws {
        #expect(try value("days_between(d, e)", "2024-02-28", "2024-03-01") == "2")
        #expect(try value("days_between(d, e)", "2023-02-28", "2023-03-01") == "1")
        #expect(try value("days_between(d, e)", "2024-03-01", "2024-02-28") == "-2")
        #expect(try value("days_between(d, e)", "2023-12-31", "2024-01-01") == "1")
        #expect(try value("days_between(d, e)", "2024-01-01", "2025-01-01") == "366")
        #expect(try value("days_between(d, e)", "2024-05-05", "2024-05-05") == "0")
    }

    @Test func monthsBetweenCountsWholeMonths() throws {
        #expect(try value("months_between(d, e)", "2024-01-15", "2024-02-15") == "1")
        #expect(try value("months_between(d, e)", "2024-01-15", "2024-02-14") == "0")
        #expect(try value("months_between(d, e)", "2024-01-31", "2024-02-29") == "0")
        #expect(try value("months_between(d, e)", "2023-08-31", "2024-02-29") == "5")
        #expect(try value("months_between(d, e)", "2023-08-31", "2024-03-31") == "7")
        #expect(try value("months_between(d, e)", "2024-02-15", "2024-01-15") == "-1")
        #expect(try value("months_between(d, e)", "2024-02-15", "2024-01-16") == "0")
    }

    @Test func yearsBetweenCountsWholeYears() throws {
        #expect(try value("years_between(d, e)", "2000-02-29", "2001-02-28") == "0")
        #expect(try value("years_between(d, e)", "2000-02-29", "2001-03-01") == "1")
        #expect(try value("years_between(d, e)", "2000-01-01", "2024-12-31") == "24")
        #expect(try value("years_between(d, e)", "2000-01-01", "2025-01-01") == "25")
        #expect(try value("years_between(d, e)", "2025-01-01", "2000-01-02") == "-24")
    }

    @Test func sameIsoWeekAndSameMonth() throws {
        let csv = """
            id,d,e
            newyear,2024-12-30,2025-01-05
            sunday_monday,2024-12-29,2024-12-30
            month,2024-03-01,2024-03-31
            other_year,2024-03-31,2023-03-31
            """ + "\n"
        #expect(
            try EvalSupport.truth("same_iso_week(d, e)", fields: Self.fields, csv: csv)
                == ["newyear": .yes, "sunday_monday": .no, "month": .no, "other_year": .no])
        #expect(
            try EvalSupport.truth("same_month(d, e)", fields: Self.fields, csv: csv)
                == ["newyear": .no, "sunday_monday": .yes, "month": .yes, "other_year": .no])
    }

    @Test func builtinOfAMissingValueIsMissing() throws {
        let v = try EvalSupport.values(
            "year(od otherwise e)", fields: Self.fields + "  od: optional date\n",
            csv: "id,d,e,od\nset,2024-01-01,2000-01-01,1999-05-05\nunset,2024-01-01,2000-01-01,\n")
        #expect(v == ["set": "1999", "unset": "2000"])
        let t = try EvalSupport.truth(
            "od is present and iso_week(od) = 18", fields: Self.fields + "  od: optional date\n",
            csv: "id,d,e,od\nset,2024-01-01,2000-01-01,1999-05-05\nunset,2024-01-01,2000-01-01,\n")
        #expect(t == ["set": .yes, "unset": .no])
    }
}

@Suite struct EvalTimeAndTextBuiltinTests {
    @Test func hourAndMinute() throws {
        let v = try EvalSupport.values("hour(t) * 100 + minute(t)", fields: "  t: time\n", csv: "id,t\na,13:45\nb,00:05\nc,23:59\n")
        #expect(v == ["a": "1345", "b": "5", "c": "2359"])
    }

    @Test func lengthOfTextAndLists() throws {
        let fields = "  s: text\n  lst: list of text\n"
        let csv = "id,s,lst\na,åäö,x|y|z\nb,ab,w\n"
        #expect(try EvalSupport.values("length(s)", fields: fields, csv: csv) == ["a": "3", "b": "2"])
        #expect(try EvalSupport.values("length(lst)", fields: fields, csv: csv) == ["a": "3", "b": "1"])
        #expect(try EvalSupport.value("length(\"\")") == "0")
        #expect(try EvalSupport.value("length([1, 2, 3, 4])") == "4")
    }

    @Test func lowerUpperTrim() throws {
        #expect(try EvalSupport.value("lower(\"ÅÄÖ Abc\")") == "åäö abc")
        #expect(try EvalSupport.value("upper(\"åäö abc\")") == "ÅÄÖ ABC")
        #expect(try EvalSupport.value("trim(\"  a b  \")") == "a b")
        #expect(try EvalSupport.value("length(trim(\"  ab \"))") == "2")
        let t = try EvalSupport.truth("lower(k) = \"vk\"", fields: "  k: one of \"VK\", \"TE\"\n", csv: "id,k\nv,VK\nt,TE\n")
        #expect(t == ["v": .yes, "t": .no])
    }
}

/// The header's `effective` / `until` with `date field`: a ruleset is in force
/// from `effective` to `until` (inclusive), and records dated outside that are
/// not checked against its rules (rulesets/vgr-oppenvardsprocess.regel: "No
/// `effective` is given, so the rules apply to records of every date").
@Suite struct EvalEffectiveDateTests {
    static func rules(_ header: String) -> String {
        """
        ruleset "evaltest"
        version "1"
        source "Eval test document"
        \(header)

        record r
          id: text
          datum: date
          ok: bool
        end

        rule ok
          severity error
          require ok
        end
        """
    }

    static let csv = """
        id,datum,ok
        before,2023-12-31,nej
        first,2024-01-01,nej
        last,2024-12-31,nej
        after,2025-01-01,nej
        """ + "\n"

    @Test func withoutEffectiveEveryDateIsChecked() throws {
        let out = try EvalSupport.validate(Self.rules(""), Self.csv)
        #expect(out.records("ok") == ["before", "first", "last", "after"])
    }

    @Test
    func recordsOutsideTheEffectivePeriodAreNotChecked() throws {
        let out = try EvalSupport.validate(Self.rules("effective 2024-01-01\nuntil 2024-12-31\ndate field datum"), Self.csv)
        #expect(out.records("ok") == ["first", "last"])
    }
}
