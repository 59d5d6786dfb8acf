/// One factory per diagnostic of the lexer and the parser, in the order of
/// their codes (docs/diagnostics.md). `found` is how the parser describes the
/// token it found instead (`describe`); `what` names what it expected.
extension DiagnosticDraft {
    /// L0001
    static func unexpectedCharacter(_ text: String) -> DiagnosticDraft {
        DiagnosticDraft(
            SyntaxCode.unexpectedCharacter, "unexpected character `\(text)`",
            hint: text == "'" ? "strings are written in double quotes: \"…\"" : "remove it, or put it inside a string")
    }

    /// L0002
    static func stringNotClosed() -> DiagnosticDraft {
        DiagnosticDraft(
            SyntaxCode.stringNotClosed, "this string is not closed before the end of the line",
            hint: "add a closing \" — a string must fit on one line")
    }

    /// L0003
    static func unknownEscapeInString(_ escape: UnicodeScalar) -> DiagnosticDraft {
        DiagnosticDraft(
            SyntaxCode.unknownEscapeInString, "unknown escape `\\\(escape)` in string",
            hint: "write \\\\ for a backslash, \\\" for a quote, \\n for a line break, \\t for a tab")
    }

    /// L0004
    static func lineTooLong(characters: Int, maximum: Int) -> DiagnosticDraft {
        DiagnosticDraft(
            SyntaxCode.lineTooLong,
            "this line has \(characters) characters, more than the \(maximum) a line may have; the line is not read",
            hint: "break it over several lines: a condition or a list of codes may go on on the next line; a text in quotes may not, so shorten it")
    }

    /// P0001
    static func fileDoesNotStartWithRuleset() -> DiagnosticDraft {
        DiagnosticDraft(
            SyntaxCode.fileDoesNotStartWithRuleset, "a rule file starts with `ruleset \"name\"`",
            hint: "add a first line such as: ruleset \"skane-distans\"")
    }

    /// P0002
    static func unknownHeaderItem(_ word: String) -> DiagnosticDraft {
        DiagnosticDraft(
            SyntaxCode.unknownHeaderItem, "`\(word)` is not a ruleset header item",
            hint: "the header takes version, source, effective, until and `date field`")
    }

    /// P0003
    static func expectedDeclaration(found: String) -> DiagnosticDraft {
        DiagnosticDraft(
            SyntaxCode.notADeclaration,
            "expected a declaration (rule, record, codes, param, define, note, cap, measure, sample, test), found \(found)")
    }

    /// P0003
    static func notADeclaration(_ word: String, suggestion: String?) -> DiagnosticDraft {
        DiagnosticDraft(
            SyntaxCode.notADeclaration, "`\(word)` does not start a declaration",
            hint: suggestion.map { "did you mean `\($0)`?" }
                ?? "declarations are rule, record, codes, param, define, note, cap, measure, sample and test")
    }

    /// P0004
    static func rulesetTwice() -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.rulesetTwice, "a file holds one ruleset; `ruleset` may appear only on the first line")
    }

    /// P0005
    static func blockNotClosedWithEnd(_ kind: DeclarationKeyword, name: String) -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.blockNotClosedWithEnd, "`\(kind.rawValue) \(name)` is not closed with `end`", hint: "add a line `end` after its last item")
    }

    /// P0006
    static func notAnItemOfThisBlock(found: String, of kind: DeclarationKeyword, suggestion: String?, items: Set<String>) -> DiagnosticDraft {
        DiagnosticDraft(
            SyntaxCode.notAnItemOfThisBlock, "\(found) is not an item of a \(kind.rawValue)",
            hint: suggestion.map { "did you mean `\($0)`?" } ?? "a \(kind.rawValue) takes: \(items.sorted().joined(separator: ", ")), then `end`")
    }

    /// P0007
    static func itemGivenTwice(_ word: String) -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.itemGivenTwice, "`\(word)` is given twice", hint: "keep one of them")
    }

    /// P0008
    static func notSeverity(found: String) -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.notSeverity, "expected a severity: error, warning or info; found \(found)")
    }

    /// P0009
    static func messageDirectlyUnderCap() -> DiagnosticDraft {
        DiagnosticDraft(
            SyntaxCode.messageDirectlyUnderCap, "a cap's message belongs to one of its checks",
            hint: "put `message` under a `require` or `limit` line")
    }

    /// P0010
    static func unknownCalendarPeriod(found: String) -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.unknownCapWindow, "expected `iso week`, `week`, `month` or `year` after `per`, found \(found)")
    }

    /// P0010
    static func expectedCapWindow(found: String) -> DiagnosticDraft {
        DiagnosticDraft(
            SyntaxCode.unknownCapWindow,
            "expected a window after the limit: `within 12 months`, `per iso week` or `since latest …`; found \(found)")
    }

    /// P0011
    static func unknownUnit(found: String) -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.unknownUnit, "expected a unit: days, weeks, months or years; found \(found)")
    }

    /// P0012
    static func expectedBreaksPassesOrClean(found: String) -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.expectedBreaksPassesOrClean, "expected `breaks`, `passes` or `clean` after the record's name, found \(found)")
    }

    /// P0101
    static func expectedWordOrSymbol(_ expected: String, _ context: String, found: String) -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.expectedWordOrSymbol, "expected `\(expected)` \(context), found \(found)")
    }

    /// P0102
    static func expectedName(_ what: String, found: String) -> DiagnosticDraft {
        DiagnosticDraft(
            SyntaxCode.expectedName, "expected \(what), found \(found)",
            hint: "a name is a word of letters, digits and _, e.g. `ersatter_journalford`")
    }

    /// P0103
    static func expectedQuotedString(_ what: String, found: String) -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.expectedQuotedString, "expected \(what) in double quotes, found \(found)")
    }

    /// P0104
    static func expectedDate(_ what: String, found: String) -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.expectedDate, "expected \(what) as a date YYYY-MM-DD, found \(found)")
    }

    /// P0105
    static func negativeWholeNumber(_ what: String, digits: String) -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.expectedWholeNumber, "\(what) must be a whole number, 0 or more; found -\(digits)")
    }

    /// P0105
    static func negativeLimit(_ what: String, digits: String) -> DiagnosticDraft {
        DiagnosticDraft(
            SyntaxCode.expectedWholeNumber, "\(what) must be a whole number, 0 or more; found -\(digits)",
            hint: "a limit counts records, so it cannot be negative; `at most 0` rejects every record the cap takes")
    }

    /// P0105
    static func expectedWholeNumber(_ what: String, found: String) -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.expectedWholeNumber, "expected \(what) (a whole number, 0 or more), found \(found)")
    }

    /// P0201
    static func expressionNestedTooDeeply(maximum: Int) -> DiagnosticDraft {
        DiagnosticDraft(
            SyntaxCode.expressionNestedTooDeeply, "this expression is nested too deeply (more than \(maximum) levels)",
            hint: "split it into named definitions with `define`")
    }

    /// P0201: a long run of `not` or `-`.
    static func prefixesNestedTooDeeply() -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.expressionNestedTooDeeply, "this expression is nested too deeply", hint: "split it into named definitions with `define`")
    }

    /// P0202
    static func isNot() -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.isWithoutMissingOrPresent, "write `is missing` or `is present`", hint: "`is not missing` is `is present`")
    }

    /// P0202
    static func isWithoutMissingOrPresent(found: String, spelledMissing: Bool) -> DiagnosticDraft {
        DiagnosticDraft(
            SyntaxCode.isWithoutMissingOrPresent, "expected `missing` or `present` after `is`, found \(found)",
            hint: spelledMissing ? "a missing value is tested with `is missing`" : nil)
    }

    /// P0203
    static func withinWithoutBeforeOrAfter(_ length: Int, _ unit: DurationUnit, found: String) -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.withinWithoutBeforeOrAfter, "expected `before` or `after` in `within \(length) \(unit.plural(length)) …`, found \(found)")
    }

    /// P0204
    static func doubleEqualsForEquality() -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.doubleEqualsForEquality, "write a single `=` for equality", hint: "`a = b`, not `a == b`")
    }

    /// P0205
    static func integerTooLarge(_ digits: String) -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.numberTooLarge, "the number \(digits) is too large")
    }

    /// P0205
    static func decimalTooLarge(_ digits: String) -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.numberTooLarge, "the number \(digits) is too large (decimals must be smaller than 1000000000000000)")
    }

    /// P0206
    static func expectedValue(found: String) -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.expectedValue, "expected a value, a field or a condition, found \(found)")
    }

    /// P0207
    static func keywordCannotStartValue(_ word: String) -> DiagnosticDraft {
        DiagnosticDraft(SyntaxCode.keywordCannotStartValue, "`\(word)` cannot start a value here")
    }

    /// P0208
    static func expressionEndsTooEarly(after previous: String) -> DiagnosticDraft {
        DiagnosticDraft(
            SyntaxCode.expressionEndsTooEarly, "the expression ends too early: a value is missing after \(previous)",
            hint: "complete the condition, or remove the trailing \(previous)")
    }

    /// P0209
    static func tooManyOperators(maximum: Int) -> DiagnosticDraft {
        DiagnosticDraft(
            SyntaxCode.tooManyOperators, "this expression has more than \(maximum) operators",
            hint: "split it into named definitions with `define`, or into several rules")
    }
}
