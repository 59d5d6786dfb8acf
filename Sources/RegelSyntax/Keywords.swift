/// A word of the language, written as its raw value. Each enum lists the
/// words of one place in the grammar; the parser matches words through
/// these cases and builds its tables from `allCases`, so a keyword is added
/// in one place. A word may be a case of more than one enum (`record` starts
/// a declaration and an item of a test).
package protocol Keyword: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {}

extension Keyword {
    /// The spellings of every case, for the parser's tables.
    package static var words: Set<String> { Set(allCases.map(\.rawValue)) }
}

/// The words that start a declaration.
package enum DeclarationKeyword: String, Keyword {
    case record, codes, param, define, note, rule, cap, measure, sample, test
}

/// The words of the header: `ruleset "name"` and its items.
package enum HeaderKeyword: String, Keyword {
    case ruleset, version, source, effective, until, date, field
}

/// Words that start an item of a block; one at the start of a line cannot
/// continue an expression from the line before.
package enum ItemKeyword: String, Keyword {
    case title, severity, cites, when, require, message, end, per, order, limit, group, value, expect, record
}

/// The items of a rule block, in the order the grammar lists them.
package enum RuleItem: String, Keyword {
    case title, severity, cites, when, require, message
}

/// The items of a cap block, its checks (`require`, `limit`) among them.
package enum CapItem: String, Keyword {
    case title, cites, severity, when, per, order, require, limit, message
}

/// The items of a measure block.
package enum MeasureItem: String, Keyword {
    case title, cites, when, group, value
}

/// The items of a test block.
package enum TestItem: String, Keyword {
    case record, param, expect
}

/// Words inside a declaration or an item, after the word that starts it:
/// a field's type (`optional`, `one of`, `list of`), `order by`, `group by`,
/// a limit and its window (`at most`, `per iso week`, `since latest`), a
/// measure's `sum` and a test's expectations.
package enum ClauseKeyword: String, Keyword {
    case optional, one, of, list, by, at, most, iso, since, sum, `for`, breaks, passes, clean
}

/// The names of the built-in types of a field or parameter; the checker
/// resolves them, the parser reads them as names.
package enum TypeName: String, Keyword {
    case text, int, decimal, bool, date, time, personnummer
}

/// The words of a duration's unit, singular and plural.
package enum UnitKeyword: String, Keyword {
    case day, days, week, weeks, month, months, year, years

    package var unit: DurationUnit {
        switch self {
        case .day, .days: .day
        case .week, .weeks: .week
        case .month, .months: .month
        case .year, .years: .year
        }
    }
}

/// Words inside expressions; none of them can start a value.
package enum ExpressionKeyword: String, Keyword {
    case and, or, not, `in`, `is`, missing, present, otherwise, `if`, then, `else`, `true`, `false`
    case exists, count, other, `where`, within, before, after, starts, with, contains, latest, earliest
}

/// A rule's or a check's severity is written as its case.
extension Severity: Keyword {}

/// The symbols the lexer knows; the lexer's tables are made from this list.
package enum Symbol: String, CaseIterable, Sendable {
    case lessOrEqual = "<=", greaterOrEqual = ">=", notEqual = "!="
    case openParen = "(", closeParen = ")", openBracket = "[", closeBracket = "]", openBrace = "{", closeBrace = "}"
    case comma = ",", colon = ":", dot = ".", equal = "=", less = "<", greater = ">"
    case plus = "+", minus = "-", times = "*", divide = "/"
}
