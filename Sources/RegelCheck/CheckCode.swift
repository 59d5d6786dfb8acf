import RegelSyntax
/// The codes the checker: names, types, searches and the embedded tests report, one case per code; each is
/// documented in docs/diagnostics.md under the code (a test holds the two together).
package enum CheckCode: String, DiagnosticCode {
    /// no `source`
    case noSource = "C0002"
    /// not a real date in the header
    case notARealDateInHeader = "C0003"
    /// `until` before `effective`
    case untilBeforeEffective = "C0004"
    /// two `sample` declarations
    case twoSamples = "C0005"
    /// `date field` names no field
    case dateFieldNamesNoField = "C0006"
    /// `date field` is not a required date
    case dateFieldNotRequiredDate = "C0007"
    /// effective dates without `date field`
    case effectiveWithoutDateField = "C0008"
    /// no `record` block
    case noRecordBlock = "C0101"
    /// a second `record` block
    case secondRecordBlock = "C0102"
    /// more than 64 fields
    case moreThan64Fields = "C0103"
    /// field declared twice
    case fieldDeclaredTwice = "C0104"
    /// unknown type
    case unknownType = "C0105"
    /// code listed twice (warning)
    case codeListedTwice = "C0106"
    /// list of lists
    case listOfLists = "C0107"
    /// name already declared
    case nameAlreadyDeclared = "C0201"
    /// definition refers to itself
    case definitionRefersToItself = "C0202"
    /// definitions nested too deeply
    case definitionsNestedTooDeeply = "C0204"
    /// expression too large once written out
    case expressionTooLarge = "C0205"
    /// rules too large together
    case rulesTooLargeTogether = "C0206"
    /// parameter never used (warning)
    case parameterNeverUsed = "C0301"
    /// definition never used (warning)
    case definitionNeverUsed = "C0302"
    /// code set never used (warning)
    case codeSetNeverUsed = "C0303"
    /// id already used
    case idAlreadyUsed = "C0401"
    /// no severity
    case noSeverity = "C0402"
    /// no `cites` (warning)
    case noCites = "C0403"
    /// no title (warning)
    case noTitle = "C0404"
    /// no `require`
    case noRequire = "C0405"
    /// no message (warning)
    case noMessage = "C0406"
    /// cap without `per`
    case capWithoutPer = "C0501"
    /// cap without `order by`
    case capWithoutOrder = "C0502"
    /// cap's first order key is not a date
    case capOrderKeyNotADate = "C0503"
    /// order key without an order
    case orderKeyWithoutOrder = "C0504"
    /// cap without checks
    case capWithoutChecks = "C0505"
    /// measure declared twice
    case measureDeclaredTwice = "C0601"
    /// value name used twice
    case valueNameUsedTwice = "C0602"
    /// `sum` of something that is not a number
    case sumOfNonNumber = "C0603"
    /// derived value is not a number
    case derivedValueNotNumber = "C0604"
    /// measure without values
    case measureWithoutValues = "C0605"
    /// search across records in a derived value
    case searchInDerivedValue = "C0606"
    /// unclosed `{` in a message
    case unclosedMessage = "C0701"
    /// default value is not a literal
    case defaultValueNotLiteral = "C0801"
    /// literal does not convert
    case literalDoesNotConvert = "C0802"
    /// literal has the wrong type
    case literalHasWrongType = "C0803"
    /// test record sets an unknown field
    case testRecordSetsUnknownField = "C0804"
    /// required field set to `missing` in a test (warning)
    case requiredFieldMissingInTest = "C0805"
    /// two tests with the same name
    case testNameUsedTwice = "C0806"
    /// two test records with the same name
    case testRecordNameUsedTwice = "C0807"
    /// unknown parameter in a test
    case unknownParameterInTest = "C0808"
    /// unknown test record
    case unknownTestRecord = "C0809"
    /// unknown rule id in a test
    case unknownRuleIdInTest = "C0810"
    /// unknown measure in a test
    case unknownMeasureInTest = "C0811"
    /// measure not grouped by that key
    case measureNotGroupedByKey = "C0812"
    /// measure has no such value
    case measureHasNoSuchValue = "C0813"
    /// test expects nothing (warning)
    case testExpectsNothing = "C0814"
    /// parameter set to `missing`
    case parameterSetToMissing = "C0815"
    /// `when` / `require` is not a condition
    case conditionExpected = "T0001"
    /// not a real date
    case notARealDate = "T0002"
    /// not a time of day
    case notATimeOfDay = "T0003"
    /// duration on its own
    case durationOnItsOwn = "T0004"
    /// `other.` outside a search
    case otherOutsideSearch = "T0101"
    /// other record has no such field
    case otherRecordNoSuchField = "T0102"
    /// not a value of this measure
    case notAValueOfThisMeasure = "T0103"
    /// function used without parentheses
    case functionUsedWithoutParentheses = "T0104"
    /// unknown name
    case unknownName = "T0105"
    /// unknown function
    case unknownFunction = "T0106"
    /// wrong number of arguments
    case wrongNumberOfArguments = "T0107"
    /// wrong argument type
    case wrongArgumentType = "T0108"
    /// negating something that is not a number
    case negatingNonNumber = "T0201"
    /// `not`, `and`, `or`, `if` need conditions
    case logicNeedsConditions = "T0202"
    /// `within` needs dates
    case withinNeedsDates = "T0203"
    /// `if` branches of different types
    case ifBranchesDifferentTypes = "T0204"
    /// list of mixed types
    case listMixedTypes = "T0205"
    /// cannot compare these types
    case cannotCompareTheseTypes = "T0206"
    /// values without an order
    case valuesWithoutOrder = "T0207"
    /// duration added to something that is not a date
    case durationAddedToNonDate = "T0208"
    /// dates subtracted
    case datesSubtracted = "T0209"
    /// `in` without a list
    case inWithoutList = "T0210"
    /// `contains` / `starts with` on something that is not text
    case textTestOnNonText = "T0211"
    /// `otherwise` value of another type
    case otherwiseOfAnotherType = "T0212"
    /// arithmetic on something that is not a number
    case arithmeticOnNonNumber = "T0213"
    /// not one of the field's codes
    case notOneOfFieldCodes = "T0214"
    /// duration longer than dates can reach
    case durationTooLong = "T0215"
    /// value may be missing
    case valueMayBeMissing = "T0301"
    /// presence test that is always true or false (warning)
    case presenceTestAlwaysSame = "T0302"
    /// `otherwise` with no effect (warning)
    case otherwiseHasNoEffect = "T0303"
    /// nested search
    case nestedSearch = "A0401"
    /// search without an equality key
    case searchWithoutEqualityKey = "A0402"
    /// part of a `where` that does not mention `other` (warning)
    case whereClauseWithoutOther = "A0403"

    package var severity: Diagnostic.Severity {
        switch self {
        case .noSource, .codeListedTwice, .parameterNeverUsed, .definitionNeverUsed, .codeSetNeverUsed, .noCites, .noTitle, .noMessage,
            .requiredFieldMissingInTest, .testExpectsNothing, .presenceTestAlwaysSame, .otherwiseHasNoEffect, .whereClauseWithoutOther:
            .warning
        default: .error
        }
    }
}
