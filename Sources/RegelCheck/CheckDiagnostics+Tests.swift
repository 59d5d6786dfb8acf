import RegelSyntax
import RegelValues

// The words of the checker's diagnostics about literal values and the
// embedded tests (C0801–C0815), one factory per diagnostic, in the order of
// their codes.

extension DiagnosticDraft {
    /// C0801
    static func defaultValueNotLiteral(_ place: LiteralPlace) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.defaultValueNotLiteral, "\(place.phrase) must be written as a literal value")
    }

    /// C0802, with what cell conversion expected and its hint.
    static func literalDoesNotConvert(_ place: LiteralPlace, expected: String, hint: String?) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.literalDoesNotConvert, "\(place.phrase): \(expected)", hint: hint)
    }

    /// C0802, for an item of a list.
    static func listItemDoesNotConvert(_ place: LiteralPlace, item: String, type: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.literalDoesNotConvert, "\(place.phrase): \"\(item)\" is not \(type)")
    }

    /// C0803
    static func literalHasWrongType(_ place: LiteralPlace, expected: ValueType, found: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.literalHasWrongType, "\(place.phrase) must be \(expected), not \(found)")
    }

    /// C0804
    static func testRecordSetsUnknownField(_ name: String, near: String?) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.testRecordSetsUnknownField, "the record has no field `\(name)`", hint: hintNearest(near))
    }

    /// C0805
    static func requiredFieldMissingInTest(_ name: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.requiredFieldMissingInTest, "`\(name)` is required; a test record without it tests a rejected cell")
    }

    /// C0806
    static func testNameUsedTwice(_ name: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.testNameUsedTwice, "two tests are named \"\(name)\"")
    }

    /// C0807
    static func testRecordNameUsedTwice(_ name: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.testRecordNameUsedTwice, "the test has two records named `\(name)`")
    }

    /// C0808
    static func unknownParameterInTest(_ name: String, near: String?) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.unknownParameterInTest, "unknown parameter `\(name)`", hint: hintNearest(near))
    }

    /// C0809
    static func unknownTestRecord(_ name: String, near: String?) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.unknownTestRecord, "the test has no record `\(name)`", hint: hintNearest(near))
    }

    /// C0810
    static func unknownRuleIdInTest(_ id: String, near: String?) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.unknownRuleIdInTest, "no rule or cap check has the id `\(id)`", hint: hintNearest(near))
    }

    /// C0811
    static func unknownMeasureInTest(_ name: String, near: String?) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.unknownMeasureInTest, "no measure is named `\(name)`", hint: hintNearest(near))
    }

    /// C0812
    static func measureNotGroupedByKey(_ measure: String, key: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.measureNotGroupedByKey, "the measure `\(measure)` is not grouped by `\(key)`")
    }

    /// C0813
    static func measureHasNoSuchValue(_ measure: String, value: String, near: String?) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.measureHasNoSuchValue, "the measure `\(measure)` has no value `\(value)`", hint: hintNearest(near))
    }

    /// C0814
    static func testExpectsNothing(_ name: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.testExpectsNothing, "the test \"\(name)\" expects nothing", hint: "add `expect <record> breaks <rule>` or `passes`")
    }

    /// C0815, for a parameter's default.
    static func parameterDefaultIsMissing() -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.parameterSetToMissing, "a parameter's default must be a value, not `missing`",
                        hint: "rules use a parameter as a value that is always there; give the value to use when --param does not set it")
    }

    /// C0815, for a parameter set in a test.
    static func testParameterIsMissing() -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.parameterSetToMissing, "a parameter must be a value, not `missing`",
                        hint: "rules use a parameter as a value that is always there; leave the line out to use the default")
    }
}

/// Where a literal value is written, as C0801–C0803 name it.
enum LiteralPlace {
    case parameterDefault
    /// A field of the sample (`record` nil) or of a test's record.
    case testField(String, record: String?)
    case testParameter(String)
    case groupValue
    case expectedValue

    var phrase: String {
        switch self {
        case .parameterDefault: "a parameter's default"
        case .testField(let field, nil): "the value of `\(field)` in the sample"
        case .testField(let field, let record?): "the value of `\(field)` in record \(record)"
        case .testParameter(let name): "the parameter `\(name)`"
        case .groupValue: "the group value"
        case .expectedValue: "the expected value"
        }
    }
}
