import RegelValues

/// The interpreter's export spellings of dates and booleans in SQL
/// (`ExportDate`, `ContractBool`) and the fixes it writes for a cell that
/// does not convert (`CellSpellingFix`), so that `regelverk sql` reads the
/// same cells and says the same words. `t` is a text expression, NULL when
/// the cell is empty. The year, month and day are taken from the text with
/// string functions once its shape is known: the expressions stay small,
/// which keeps the query quick to plan.
extension SQLCellConversion {
    static let timeOfDay = "([0-9]|[01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]+)?)?"
    static let datePartShape = "([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{8})"
    static let midnight = "[ T]0?0:00(:00([.]0+)?)?"

    func int(_ e: String) -> String { "CAST(\(e) AS BIGINT)" }

    /// The text before the first space or `T`.
    func datePart(_ t: String) -> String { "split_part(split_part(\(t), ' ', 1), 'T', 1)" }

    /// Year, month and day of a cell that starts with a date part (`YYYY-M-D` or `YYYYMMDD`).
    func year(_ t: String) -> String { int("substr(\(t), 1, 4)") }
    func month(_ t: String) -> String { int("(CASE WHEN substr(\(t), 5, 1) = '-' THEN split_part(\(t), '-', 2) ELSE substr(\(t), 5, 2) END)") }
    func day(_ t: String) -> String {
        int("(CASE WHEN substr(\(t), 5, 1) = '-' THEN \(datePart("split_part(\(t), '-', 3)")) ELSE substr(\(t), 7, 2) END)")
    }

    /// Whether integer expressions name a day of the calendar (any year ≥ 0, as `Day(year:month:day:)`).
    func isCalendarDay(_ y: String, _ m: String, _ day: String) -> String {
        let leap = "((\(y)) % 4 = 0 AND ((\(y)) % 100 <> 0 OR (\(y)) % 400 = 0))"
        let length = "(CASE WHEN (\(m)) = 2 THEN (CASE WHEN \(leap) THEN 29 ELSE 28 END) WHEN (\(m)) IN (4, 6, 9, 11) THEN 30 ELSE 31 END)"
        return "((\(m)) BETWEEN 1 AND 12 AND (\(day)) BETWEEN 1 AND \(length))"
    }

    /// A cell that starts with a date part names a real date from year 1 on.
    func isRealDate(_ t: String) -> String { "(\(year(t)) >= 1 AND \(isCalendarDay(year(t), month(t), day(t))))" }

    /// `YYYY-MM-DD` of integer expressions.
    func dayText(_ y: String, _ m: String, _ day: String) -> String {
        let d = dialect
        return "lpad(\(d.toText(y)), 4, '0') || '-' || \(d.lpad2(m)) || '-' || \(d.lpad2(day))"
    }

    /// The date of a cell in an export spelling at midnight (shape known).
    func exportDate(_ t: String) -> String {
        "(CASE WHEN \(isRealDate(t)) THEN CAST(\(dayText(year(t), month(t), day(t))) AS DATE) END)"
    }

    /// `ExportDate.read(x) != nil`: a date, or a date with any time of day.
    func isExportDateOrDateTime(_ x: String) -> String {
        "(CASE WHEN \(dialect.matches(x, Self.datePartShape + "([ T]" + Self.timeOfDay + ")?")) THEN (CASE WHEN \(isRealDate(x)) THEN TRUE ELSE FALSE END) "
            + "ELSE FALSE END)"
    }

    /// The interpreter's hint for a date cell that did not convert, or ''.
    func dateHint(_ t: String) -> String {
        let d = dialect
        let trimmed = "trim(\(t))"
        let rest = "substr(\(t), length(\(datePart(t))) + 2)"
        let ymd = dayText(year(t), month(t), day(t))
        // A date and a time of day that is not midnight (midnight was read).
        let withTime =
            "(CASE WHEN \(d.matches(t, Self.datePartShape + "[ T]" + Self.timeOfDay)) THEN (CASE WHEN \(isRealDate(t)) THEN TRUE ELSE FALSE END) ELSE "
            + "FALSE END)"
        let withZone =
            "(CASE WHEN \(d.matches(t, Self.datePartShape + "[ T].*")) THEN (CASE WHEN \(isRealDate(t)) "
            + "AND (\(rest) LIKE '%Z' OR \(rest) LIKE '%+%' OR substr(\(rest), 6) LIKE '%-%') THEN TRUE ELSE FALSE END) ELSE FALSE END)"
        let separators = "translate(\(t), '/.', '--')"
        func piece(_ i: Int) -> String { int("split_part(\(separators), '-', \(i))") }
        let (p1, p2, p3) = (piece(1), piece(2), piece(3))
        func writeAs(_ y: String, _ m: String, _ day: String) -> String { "' (write it as ' || \(dayText(y, m, day)) || ')'" }
        let calendar = "' (the date does not exist in the calendar)'"
        let dayFirst = isCalendarDay(p3, p2, p1), monthFirst = isCalendarDay(p3, p1, p2)
        let dayOrMonth =
            "(CASE WHEN \(dayFirst) AND \(monthFirst) AND \(p1) = \(p2) THEN \(writeAs(p3, p2, p1)) "
            + "WHEN \(dayFirst) AND \(monthFirst) THEN ' (the day and the month cannot be told apart: write it as ' || \(dayText(p3, p2, p1)) || ' if the day "
            + "comes first, ' || \(dayText(p3, p1, p2)) || ' if the month does)' "
            + "WHEN \(dayFirst) THEN \(writeAs(p3, p2, p1)) WHEN \(monthFirst) THEN \(writeAs(p3, p1, p2)) ELSE \(calendar) END)"
        func twoDigitYear(_ yy: String, _ m: String, _ day: String) -> String {
            let recent = "(2000 + \(yy))", older = "(1900 + \(yy))"
            return "(CASE WHEN \(isCalendarDay(recent, m, day)) THEN ' (write the year with four digits: ' || \(dayText(recent, m, day)) || "
                + "(CASE WHEN \(isCalendarDay(older, m, day)) THEN ' (or ' || \(dayText(older, m, day)) || ')' ELSE '' END) || ')' ELSE '' END)"
        }
        let sixDigits = twoDigitYear(int("substr(\(t), 1, 2)"), int("substr(\(t), 3, 2)"), int("substr(\(t), 5, 2)"))
        return
            "(CASE WHEN \(withTime) THEN ' (the cell has the time ' || \(rest) || ' too, which a date column cannot hold; export the date alone (' || \(ymd) "
            + "|| '), or the time in a column of its own)' "
            + "WHEN \(trimmed) <> \(t) AND \(trimmed) <> '' AND \(isExportDateOrDateTime(trimmed)) THEN ' (remove the spaces around it: ' || \(trimmed) || ')' "
            + "WHEN length(\(t)) = 10 AND substr(\(t), 5, 1) = '-' AND substr(\(t), 8, 1) = '-' THEN \(calendar) "
            + "WHEN \(d.matches(t, "[0-9]{4}[-/.][0-9]{1,4}[-/.][0-9]{1,4}")) THEN (CASE WHEN \(isCalendarDay(p1, p2, p3)) THEN \(writeAs(p1, p2, p3)) ELSE "
            + "\(calendar) END) "
            + "WHEN \(d.matches(t, "[0-9]{1,4}[-/.][0-9]{1,4}[-/.][0-9]{4}")) THEN \(dayOrMonth) "
            + "WHEN \(d.matches(t, "[0-9]{2}[-/.][0-9]{2}[-/.][0-9]{2}")) THEN \(twoDigitYear(p1, p2, p3)) "
            + "WHEN \(d.matches(t, "[0-9]{6}")) THEN \(sixDigits) "
            + "WHEN \(withZone) THEN ' (a time with a time zone (' || \(rest) || ') does not say which local day it is; export the date alone as YYYY-MM-DD)' "
            + "ELSE '' END)"
    }

    static let trueWords = ["ja", "j", "1", "true", "sant"]
    static let falseWords = ["nej", "n", "0", "false", "falskt"]

    /// The interpreter's hint for a boolean cell that did not convert, or ''.
    func boolHint(_ t: String) -> String {
        func list(_ words: [String]) -> String { words.map { "'\($0)'" }.joined(separator: ", ") }
        let trimmed = "trim(\(t))"
        return
            "(CASE WHEN \(trimmed) <> \(t) AND lower(\(trimmed)) IN (\(list(Self.trueWords + Self.falseWords))) THEN ' (remove the spaces around it: ' || "
            + "\(trimmed) || ')' "
            + "WHEN lower(\(t)) IN ('yes', 'y', 'sann', 'on') THEN ' (write ja for yes)' "
            + "WHEN lower(\(t)) IN ('no', 'nein', 'falsk', 'off') THEN ' (write nej for no)' "
            + "WHEN lower(\(t)) = 'x' THEN ' (write ja for a marked box and nej for an empty one)' "
            + "WHEN lower(\(t)) = 't' THEN ' (write true (or ja))' WHEN lower(\(t)) = 'f' THEN ' (write false (or nej))' ELSE '' END)"
    }
}
