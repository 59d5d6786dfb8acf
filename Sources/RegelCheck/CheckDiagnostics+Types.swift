import RegelSyntax
import RegelValues

// The words of the checker's diagnostics about types, missing values and
// searches across records (T0001–A0403), one factory per diagnostic, in the
// order of their codes.

extension DiagnosticDraft {
    /// T0001
    static func conditionExpected(_ place: ConditionPlace, found type: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.conditionExpected, "\(place.phrase) must be a condition (true or false), but this is \(type)")
    }

    /// T0002
    static func notARealDate(_ written: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.notARealDate, "\(written) is not a real date")
    }

    /// T0003
    static func notATimeOfDay(_ written: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.notATimeOfDay, "\(written) is not a time of day (00:00–23:59)")
    }

    /// T0004
    static func durationOnItsOwn(_ written: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.durationOnItsOwn, "a duration such as `\(written)` can only be added to or subtracted from a date",
                        hint: "e.g. `datum - 12 months`, or `other.datum within 12 months before datum`")
    }

    /// T0101
    static func otherOutsideSearch(_ field: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.otherOutsideSearch, "`other.\(field)` can only be used inside `where` of `exists other`, `count other` or `latest other.…`")
    }

    /// T0102
    static func otherRecordNoSuchField(_ field: String, near: String?) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.otherRecordNoSuchField, "the other record has no field `\(field)`", hint: hintNearest(near))
    }

    /// T0103
    static func notAValueOfThisMeasure(_ name: String, near: String?) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.notAValueOfThisMeasure, "`\(name)` is not a value of this measure (declare it above this line)", hint: hintNearest(near))
    }

    /// T0104
    static func functionUsedWithoutParentheses(_ name: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.functionUsedWithoutParentheses, "`\(name)` is a function; call it with its arguments, e.g. `\(name)(…)`")
    }

    /// T0105; without a near name the hint lists the record's fields.
    static func unknownName(_ name: String, near: String?, fields: [String]) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.unknownName, "unknown name `\(name)`",
                        hint: hintNearest(near) ?? (fields.isEmpty ? nil : "the record's fields are: " + fields.joined(separator: ", ")))
    }

    /// T0106
    static func unknownFunction(_ name: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.unknownFunction, "unknown function `\(name)`",
                        hint: hintNearest(closest(name, among: Builtin.allCases.map(\.rawValue))) ?? "see docs/language.md for the built-in functions")
    }

    /// T0107
    static func wrongNumberOfArguments(_ builtin: Builtin, given: Int) -> DiagnosticDraft {
        let takes = builtin.signature.parameters.count
        return DiagnosticDraft(CheckCode.wrongNumberOfArguments, "`\(builtin.rawValue)` takes \(takes) argument\(takes == 1 ? "" : "s"), not \(given)",
                               hint: "usage: \(builtin.usage)")
    }

    /// T0108; `expected` nil is a parameter that takes text or a list.
    static func wrongArgumentType(_ builtin: Builtin, expected: ValueType?, found: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.wrongArgumentType, "`\(builtin.rawValue)` needs \(expected?.description ?? "text or a list") here, not \(found)",
                        hint: "usage: \(builtin.usage)")
    }

    /// T0201
    static func negatingNonNumber(_ type: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.negatingNonNumber, "only a number can be negated; this is \(type)")
    }

    /// T0202, for `not`.
    static func notNeedsCondition(_ type: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.logicNeedsConditions, "`not` needs a condition; this is \(type)")
    }

    /// T0202, for `if`.
    static func ifNeedsCondition(_ type: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.logicNeedsConditions, "`if` needs a condition; this is \(type)")
    }

    /// T0202, for `and` and `or`.
    static func conditionsJoined(by op: BinaryOperator, found type: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.logicNeedsConditions, "`\(op.rawValue)` joins conditions; this is \(type)")
    }

    /// T0203
    static func withinNeedsDates(_ type: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.withinNeedsDates, "a window is measured between dates; this is \(type)")
    }

    /// T0204
    static func ifBranchesDifferentTypes(_ then: ValueType, _ otherwise: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.ifBranchesDifferentTypes, "the two branches of `if` have different types: \(then) and \(otherwise)")
    }

    /// T0205
    static func listMixedTypes(_ item: ValueType, among listed: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.listMixedTypes, "a list holds values of one type; this is \(item) among \(listed)")
    }

    /// T0206, for a comparison; the hint names the usual mistakes.
    static func cannotCompare(_ a: ValueType, with b: ValueType) -> DiagnosticDraft {
        let hint: String? =
            if a == .date && b == .text || a == .text && b == .date { "write a date without quotes: 2024-03-01" }
            else if a == .bool || b == .bool { "a bool field is a condition by itself: write `journalford` or `not journalford`" }
            else { nil }
        return DiagnosticDraft(CheckCode.cannotCompareTheseTypes, "cannot compare \(a) with \(b)", hint: hint)
    }

    /// T0206, for an equality key of a search.
    static func cannotCompareSearchKey(_ field: ValueType, with value: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.cannotCompareTheseTypes, "cannot compare \(field) with \(value)")
    }

    /// T0206, for `in` and `contains` on a list.
    static func cannotLookFor(_ item: ValueType, inListOf element: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.cannotCompareTheseTypes, "cannot look for \(item) in a list of \(element)")
    }

    /// T0207, for `<`, `<=`, `>` and `>=`.
    static func valuesWithoutOrder(_ type: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.valuesWithoutOrder, "\(type) values have no order; use `=` or `!=`")
    }

    /// T0207, for `latest` and `earliest`.
    static func searchFieldWithoutOrder(_ kind: AggregateKind, field: String, type: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.valuesWithoutOrder, "`\(kind.rawValue)` needs a field with an order (a date, time, number or text); `\(field)` is \(type)")
    }

    /// T0208
    static func durationAddedToNonDate(_ type: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.durationAddedToNonDate, "a duration is added to a date; this is \(type)")
    }

    /// T0209, for `later - earlier` as written.
    static func datesSubtracted(_ later: String, _ earlier: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.datesSubtracted, "dates are not subtracted directly", hint: "use days_between(\(earlier), \(later)) or months_between(…)")
    }

    /// T0210
    static func inWithoutList(_ type: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.inWithoutList, "`in` needs a list on its right, such as [\"VK\", \"KT\"] or a code set; this is \(type)")
    }

    /// T0211, for `contains`.
    static func containsOnNonText(_ a: ValueType, _ b: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.textTestOnNonText, "`contains` looks for text in text or an item in a list; this is \(a) and \(b)")
    }

    /// T0211, for `starts with`.
    static func startsWithOnNonText(_ a: ValueType, _ b: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.textTestOnNonText, "`starts with` compares text; this is \(a) and \(b)")
    }

    /// T0212
    static func otherwiseOfAnotherType(_ value: ValueType, otherwise: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.otherwiseOfAnotherType, "the value for a missing \(value) must also be \(value); this is \(otherwise)")
    }

    /// T0213
    static func arithmeticOnNonNumber(_ type: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.arithmeticOnNonNumber, "arithmetic needs numbers; this is \(type)",
                        hint: type == .date ? "add a duration to a date: `datum + 3 days`" : nil)
    }

    /// T0214, for a code compared with a field's.
    static func notOneOfFieldCodes(_ code: String, codes: [String]) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.notOneOfFieldCodes, "\"\(code)\" is not one of the codes of this field (\(quoted(codes)))",
                        hint: hintNearest(closest(code, among: codes)) ?? "codes are case-sensitive")
    }

    /// T0214, for a literal value of a field or parameter with codes.
    static func literalNotOneOfCodes(_ code: String, codes: [String]) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.notOneOfFieldCodes, "\"\(code)\" is not one of the codes (\(quoted(codes)))", hint: hintNearest(closest(code, among: codes)))
    }

    private static func quoted(_ codes: [String]) -> String {
        codes.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    /// T0215
    static func durationTooLong(_ n: Int, _ unit: DurationUnit) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.durationTooLong,
                        "the duration \(n) \(unit.plural(n)) is longer than dates can reach "
                            + "(at most \(unit.maximum) \(unit.plural(unit.maximum)): dates run from 0001-01-01 to 9999-12-31)",
                        hint: "use a shorter duration; a regulation's periods are days, months or a few years")
    }

    /// T0301; the hint's example gives a value of the expression's type.
    static func valueMayBeMissing(_ written: String, type: ValueType) -> DiagnosticDraft {
        let example: String
        switch type {
        case .bool: example = "\(written) otherwise false"
        case .time: example = "\(written) otherwise 00:00"
        case .int, .decimal: example = "\(written) otherwise 0"
        default: example = "\(written) otherwise …"
        }
        return DiagnosticDraft(CheckCode.valueMayBeMissing, "`\(written)` may be missing here, and the rule must say what a missing value means",
                               hint: "test it first (`\(written) is present and …`) or give a value for a missing one (`\(example)`)")
    }

    /// T0302
    static func presenceTestAlwaysSame(_ written: String, isPresent: Bool) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.presenceTestAlwaysSame, "`\(written)` is never missing here, so this test is \(isPresent ? "always true" : "always false")",
                        hint: "only optional fields can be missing")
    }

    /// T0303
    static func otherwiseHasNoEffect(_ written: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.otherwiseHasNoEffect, "`\(written)` is never missing here, so `otherwise` has no effect")
    }

    /// A0401
    static func nestedSearch(_ kind: AggregateKind) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.nestedSearch, "`\(kind.rawValue) other` cannot be nested inside another `where`",
                        hint: "nesting is not supported: split the rule into two rules, or restate the condition without the inner search")
    }

    /// A0402
    static func searchWithoutEqualityKey() -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.searchWithoutEqualityKey, "a condition across records needs at least one equality between the other record and this one",
                        hint: "e.g. `other.patient = patient and …`; it is used to find the matching records quickly")
    }

    /// A0403
    static func whereClauseWithoutOther(_ kind: AggregateKind) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.whereClauseWithoutOther, "this part of the `where` does not mention `other`, so it is tested inside the search",
                        hint: "if it is meant for this record, put the `\(kind.rawValue) other where …` in parentheses: "
                            + "`(\(kind.rawValue) other where …) and …`")
    }
}

/// Where a condition is needed, as T0001 names it.
enum ConditionPlace {
    case when, require, capRequire, sinceLatest, searchOrFilter

    var phrase: String {
        switch self {
        case .when: "`when`"
        case .require: "`require`"
        case .capRequire: "a cap's `require`"
        case .sinceLatest: "`since latest`"
        case .searchOrFilter: "`where`"
        }
    }
}
