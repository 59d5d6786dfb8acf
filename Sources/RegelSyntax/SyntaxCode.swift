/// The codes the lexer and the parser report, one case per code; each is
/// documented in docs/diagnostics.md under the code (a test holds the two together).
package enum SyntaxCode: String, DiagnosticCode {
    /// unexpected character
    case unexpectedCharacter = "L0001"
    /// string not closed
    case stringNotClosed = "L0002"
    /// unknown escape in a string
    case unknownEscapeInString = "L0003"
    /// line too long
    case lineTooLong = "L0004"
    /// the file does not start with `ruleset`
    case fileDoesNotStartWithRuleset = "P0001"
    /// unknown header item
    case unknownHeaderItem = "P0002"
    /// not a declaration
    case notADeclaration = "P0003"
    /// `ruleset` twice
    case rulesetTwice = "P0004"
    /// block not closed with `end`
    case blockNotClosedWithEnd = "P0005"
    /// not an item of this block
    case notAnItemOfThisBlock = "P0006"
    /// item given twice
    case itemGivenTwice = "P0007"
    /// not a severity
    case notSeverity = "P0008"
    /// message directly under a cap
    case messageDirectlyUnderCap = "P0009"
    /// unknown cap window
    case unknownCapWindow = "P0010"
    /// unknown unit
    case unknownUnit = "P0011"
    /// expected `breaks`, `passes` or `clean`
    case expectedBreaksPassesOrClean = "P0012"
    /// expected a word or symbol
    case expectedWordOrSymbol = "P0101"
    /// expected a name
    case expectedName = "P0102"
    /// expected a string in double quotes
    case expectedQuotedString = "P0103"
    /// expected a date
    case expectedDate = "P0104"
    /// expected a whole number
    case expectedWholeNumber = "P0105"
    /// expression nested too deeply
    case expressionNestedTooDeeply = "P0201"
    /// `is` must be followed by `missing` or `present`
    case isWithoutMissingOrPresent = "P0202"
    /// `within` without `before` or `after`
    case withinWithoutBeforeOrAfter = "P0203"
    /// `==` instead of `=`
    case doubleEqualsForEquality = "P0204"
    /// number too large
    case numberTooLarge = "P0205"
    /// expected a value
    case expectedValue = "P0206"
    /// keyword cannot start a value
    case keywordCannotStartValue = "P0207"
    /// expression ends too early
    case expressionEndsTooEarly = "P0208"
    /// too many operators in one expression
    case tooManyOperators = "P0209"

    package var severity: Diagnostic.Severity {
        .error
    }
}
