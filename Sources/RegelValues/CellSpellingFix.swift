import RegelBuiltins

/// The exact fix for a date or boolean cell that did not convert, when its
/// spelling shows what was meant: the words go into the cell finding.
enum CellSpellingFix {
    static func date(_ s: String) -> String? {
        let trimmed = s.trimmingSpaces
        if trimmed != s, !trimmed.isEmpty, ExportDate.read(trimmed) != nil {
            return "remove the spaces around it: \(trimmed)"
        }
        if looksLikeDate(s) { return "the date does not exist in the calendar" }
        let parts = s.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "." || $0 == "-" }
        if parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigit) }) {
            let n = parts.map { Int($0) ?? 0 }
            if parts[0].count == 4 {
                guard let day = Day(year: n[0], month: n[1], day: n[2]) else { return "the date does not exist in the calendar" }
                return "write it as \(day)"
            }
            if parts[2].count == 4 { return dayOrMonthFirst(year: n[2], n[0], n[1]) }
            if parts.allSatisfy({ $0.count == 2 }) { return twoDigitYear(n[0], n[1], n[2]) }
        }
        if s.count == 6, s.allSatisfy(\.isASCIIDigit), let n = Int(s) {
            return twoDigitYear(n / 10000, n / 100 % 100, n % 100)
        }
        if let t = s.firstIndex(where: { $0 == "T" || $0 == " " }), ExportDate.read(s[..<t]) != nil {
            let time = s[s.index(after: t)...]
            if time.hasSuffix("Z") || time.contains("+") || time.dropFirst(5).contains("-") {
                return "a time with a time zone (\(time)) does not say which local day it is; export the date alone as YYYY-MM-DD"
            }
        }
        return nil
    }

    /// `05/03/2024` is 5 March or May 3 depending on the system: say both
    /// unless the numbers decide it.
    private static func dayOrMonthFirst(year: Int, _ a: Int, _ b: Int) -> String? {
        let dayFirst = Day(year: year, month: b, day: a), monthFirst = Day(year: year, month: a, day: b)
        switch (dayFirst, monthFirst) {
        case (let d?, let m?) where d == m: return "write it as \(d)"
        case (let d?, let m?): return "the day and the month cannot be told apart: write it as \(d) if the day comes first, \(m) if the month does"
        case (let d?, nil): return "write it as \(d)"
        case (nil, let m?): return "write it as \(m)"
        case (nil, nil): return "the date does not exist in the calendar"
        }
    }

    private static func twoDigitYear(_ yy: Int, _ month: Int, _ day: Int) -> String? {
        guard let recent = Day(year: 2000 + yy, month: month, day: day) else { return nil }
        let older = Day(year: 1900 + yy, month: month, day: day).map { " (or \($0))" } ?? ""
        return "write the year with four digits: \(recent)\(older)"
    }

    private static func looksLikeDate(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return u.count == 10 && u[4] == 45 && u[7] == 45
    }

    static func bool(_ s: String) -> String? {
        let trimmed = s.trimmingSpaces
        if trimmed != s, ContractBool.parse(trimmed) != nil {
            return "remove the spaces around it: \(trimmed)"
        }
        switch s.lowercased() {
        case "yes", "y", "sann", "on": return "write ja for yes"
        case "no", "nein", "falsk", "off": return "write nej for no"
        case "x": return "write ja for a marked box and nej for an empty one"
        case "t": return "write true (or ja)"
        case "f": return "write false (or nej)"
        default: return nil
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
