/// The words of the language, by where the parser reads them. The parser's
/// word tables are made from these lists, so a keyword is added in one place.
package enum DeclarationKeyword: String, CaseIterable, Sendable {
    case record, codes, param, define, note, rule, cap, measure, sample, test
}

/// Words that start an item of a block; one at the start of a line cannot
/// continue an expression from the line before.
package enum ItemKeyword: String, CaseIterable, Sendable {
    case title, severity, cites, when, require, message, end, per, order, limit, group, value, expect, record
}

/// Words inside expressions; none of them can start a value.
package enum ExpressionKeyword: String, CaseIterable, Sendable {
    case and, or, not, `in`, `is`, missing, present, otherwise, `if`, then, `else`, `true`, `false`
    case exists, count, other, `where`, within, before, after, starts, with, contains, latest, earliest
}

/// The symbols the lexer knows; the lexer's tables are made from this list.
package enum Symbol: String, CaseIterable, Sendable {
    case lessOrEqual = "<=", greaterOrEqual = ">=", notEqual = "!="
    case openParen = "(", closeParen = ")", openBracket = "[", closeBracket = "]", openBrace = "{", closeBrace = "}"
    case comma = ",", colon = ":", dot = ".", equal = "=", less = "<", greater = ">"
    case plus = "+", minus = "-", times = "*", divide = "/"
}
