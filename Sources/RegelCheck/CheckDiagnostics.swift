import RegelBuiltins
import RegelSyntax
import RegelValues

// The words of the checker's diagnostics about the header, the record, names,
// rules, caps, measures and messages (C0002–C0701), one factory per
// diagnostic, in the order of their codes. The tests' diagnostics (C08xx) are
// in CheckDiagnostics+Tests.swift, the types' and searches' (T, A) in
// CheckDiagnostics+Types.swift.

extension DiagnosticDraft {
    /// The hint of a name that is nearly one the file knows.
    static func hintNearest(_ near: String?) -> String? {
        near.map { "did you mean `\($0)`?" }
    }

    /// C0002
    static func noSource() -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.noSource, "the ruleset does not name its source document",
                        hint: "add `source \"…\"` so every finding can cite the document")
    }

    /// C0003
    static func notARealDateInHeader(_ written: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.notARealDateInHeader, "\(written) is not a real date")
    }

    /// C0004
    static func untilBeforeEffective(until: Day, effective: Day) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.untilBeforeEffective, "`until` \(until) is before `effective` \(effective)")
    }

    /// C0005
    static func twoSamples() -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.twoSamples, "a file has one `sample`", hint: "merge the two samples")
    }

    /// C0006
    static func dateFieldNamesNoField(_ name: String, near: String?) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.dateFieldNamesNoField, "`date field \(name)`: the record has no field `\(name)`", hint: hintNearest(near))
    }

    /// C0007
    static func dateFieldNotRequiredDate(_ field: String, type: ValueType, optional: Bool) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.dateFieldNotRequiredDate,
                        "the ruleset's date field must be a required date; `\(field)` is \(optional ? "optional " : "")\(type)")
    }

    /// C0008; `effective` says which of `effective` and `until` the header has.
    static func effectiveWithoutDateField(effective: Bool) -> DiagnosticDraft {
        let word = effective ? "effective" : "until"
        return DiagnosticDraft(CheckCode.effectiveWithoutDateField,
                               "a ruleset with `\(word)` needs `date field`: without it no record can be dated, and every record would be rejected",
                               hint: "add `date field <the record's date>` to the header, naming a required date field")
    }

    /// C0101
    static func noRecordBlock() -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.noRecordBlock, "the ruleset does not declare its records",
                        hint: "add a `record <name>` block listing the export's columns, e.g. `datum: date`")
    }

    /// C0102
    static func secondRecordBlock(_ name: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.secondRecordBlock, "a ruleset has one record schema; `\(name)` is a second one")
    }

    /// C0103
    static func moreThan64Fields() -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.moreThan64Fields, "a record may have at most 64 fields")
    }

    /// C0104
    static func fieldDeclaredTwice(_ name: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.fieldDeclaredTwice, "the field `\(name)` is declared twice")
    }

    /// C0105
    static func unknownType(_ name: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.unknownType, "unknown type `\(name)`",
                        hint: hintNearest(closest(name, among: ["text", "int", "decimal", "bool", "date", "time", "personnummer"]))
                            ?? "types are text, int, decimal, bool, date, time, personnummer, one of \"…\", list of …")
    }

    /// C0106
    static func codeListedTwice(_ code: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.codeListedTwice, "the code \"\(code)\" is listed twice")
    }

    /// C0107
    static func listOfLists() -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.listOfLists, "a list of lists is not supported",
                        hint: "a field or parameter is a single value or a list of single values, e.g. `list of text`")
    }

    /// C0201; `line` is where the name was declared first.
    static func nameAlreadyDeclared(_ name: String, line: Int, as kind: NamedDeclaration) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.nameAlreadyDeclared, "`\(name)` is already declared (line \(line)); \(kind.plural) need a name of their own")
    }

    /// C0202; `cycle` is the definitions from `name` to the one that uses it again.
    static func definitionRefersToItself(_ name: String, cycle: [String]) -> DiagnosticDraft {
        let through = cycle.count == 1 ? "" : " through " + cycle.dropFirst().map { "`\($0)`" }.joined(separator: ", ")
            + " (" + (cycle + [name]).joined(separator: " → ") + ")"
        return DiagnosticDraft(CheckCode.definitionRefersToItself, "the definition `\(name)` refers to itself\(through)",
                               hint: "rules cannot recurse; write the value out instead")
    }

    /// C0204
    static func definitionsNestedTooDeeply(through name: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.definitionsNestedTooDeeply, "definitions are nested more than 64 deep here (through `\(name)`)",
                        hint: "write some of them out, or split the rule")
    }

    /// C0205, at a definition.
    static func definitionTooLarge(_ name: String, cost: Int) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.expressionTooLarge,
                        "the definition `\(name)` is too large: written out in full, with each definition it uses in place of its name, "
                            + "it has \(parts(cost)) parts (at most \(Checker.maximumExpressionCost))",
                        hint: costHint)
    }

    /// C0205, at a rule's, cap's or measure's expression.
    static func expressionTooLarge(cost: Int) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.expressionTooLarge,
                        "this expression is too large: written out in full, with each definition in place of its name, "
                            + "it has \(parts(cost)) parts (at most \(Checker.maximumExpressionCost))",
                        hint: costHint)
    }

    private static let costHint = "each use of a definition writes it out again, so one that uses another twice doubles it; "
        + "use such definitions in fewer places, or split the condition into several rules"

    private static func parts(_ cost: Int) -> String {
        cost >= Checker.costCeiling ? "more than \(Checker.costCeiling)" : String(cost)
    }

    /// C0206
    static func rulesTooLargeTogether() -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.rulesTooLargeTogether,
                        "the file's expressions are too large together: written out in full, with each definition in place of its name, "
                            + "they pass \(Checker.maximumFileCost) parts here",
                        hint: "split the file into several rule files, or use large definitions in fewer places")
    }

    /// C0301
    static func parameterNeverUsed(_ name: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.parameterNeverUsed, "the parameter `\(name)` is never used", hint: "remove it, or use it in a rule")
    }

    /// C0302
    static func definitionNeverUsed(_ name: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.definitionNeverUsed, "the definition `\(name)` is never used", hint: "remove it, or use it in a rule")
    }

    /// C0303
    static func codeSetNeverUsed(_ name: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.codeSetNeverUsed, "the code set `\(name)` is never used")
    }

    /// C0401; `line` is where the id was used first.
    static func idAlreadyUsed(_ id: String, line: Int) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.idAlreadyUsed, "the id `\(id)` is already used (line \(line))", hint: "every rule and cap check needs its own id")
    }

    /// C0402, for a rule.
    static func ruleWithoutSeverity(_ id: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.noSeverity, "the rule `\(id)` has no severity", hint: "add `severity error`, `severity warning` or `severity info`")
    }

    /// C0402, for a cap's check.
    static func capCheckWithoutSeverity(_ id: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.noSeverity, "the cap check `\(id)` has no severity", hint: "give the cap or the check `severity error`, `warning` or `info`")
    }

    /// C0403, for a rule.
    static func ruleWithoutCites(_ id: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.noCites, "the rule `\(id)` does not cite the section of the document it comes from",
                        hint: "add `cites \"…\"` with the section's heading")
    }

    /// C0403, for a cap's check.
    static func capCheckWithoutCites(_ id: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.noCites, "the cap check `\(id)` does not cite the section of the document it comes from",
                        hint: "add `cites \"…\"` to the cap or to the check")
    }

    /// C0404
    static func noTitle(rule id: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.noTitle, "the rule `\(id)` has no title", hint: "add `title \"…\"`: it heads the findings")
    }

    /// C0405
    static func noRequire(rule id: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.noRequire, "the rule `\(id)` does not say what must hold",
                        hint: "add `require <condition>`; a record that meets `when` but not `require` is a finding")
    }

    /// C0406
    static func noMessage(rule id: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.noMessage, "the rule `\(id)` has no message",
                        hint: "add `message \"…\"` saying what is wrong with the record and what to register instead")
    }

    /// C0501
    static func capWithoutPer(_ cap: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.capWithoutPer, "the cap `\(cap)` does not say what it counts per", hint: "add e.g. `per patient, enhet`")
    }

    /// C0502
    static func capWithoutOrder(_ cap: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.capWithoutOrder, "the cap `\(cap)` needs an order", hint: "add e.g. `order by datum, id`; the first key is the cap's date")
    }

    /// C0503
    static func capOrderKeyNotADate(_ type: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.capOrderKeyNotADate, "a cap's first order key must be a date (it is the date its windows count from); this is \(type)")
    }

    /// C0504
    static func orderKeyWithoutOrder(_ type: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.orderKeyWithoutOrder, "records cannot be ordered by a \(type)")
    }

    /// C0505
    static func capWithoutChecks(_ cap: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.capWithoutChecks, "the cap `\(cap)` has no `limit` or `require`", hint: "add e.g. `limit vecka: at most 1 per iso week`")
    }

    /// C0601
    static func measureDeclaredTwice(_ name: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.measureDeclaredTwice, "the measure `\(name)` is declared twice")
    }

    /// C0602
    static func valueNameUsedTwice(_ name: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.valueNameUsedTwice, "`\(name)` is already a value or group key of this measure")
    }

    /// C0603
    static func sumOfNonNumber(_ type: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.sumOfNonNumber, "`sum` adds numbers; this is \(type)")
    }

    /// C0604
    static func derivedValueNotNumber(_ type: ValueType) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.derivedValueNotNumber, "a measure's value must be a number; this is \(type)")
    }

    /// C0605
    static func measureWithoutValues(_ name: String) -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.measureWithoutValues, "the measure `\(name)` has no values", hint: "add e.g. `value antal = count`")
    }

    /// C0606
    static func searchInDerivedValue() -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.searchInDerivedValue, "a derived value is computed from the group's earlier values, so it cannot look at other records",
                        hint: "count the records with a value of its own (`value n = count where …`) and use that value here")
    }

    /// C0701
    static func unclosedMessage() -> DiagnosticDraft {
        DiagnosticDraft(CheckCode.unclosedMessage, "a `{` in the message is not closed", hint: "write `{{` for a brace, or `{name}` to show a value")
    }
}

/// What a name that is already taken was declared as, as C0201 names it.
enum NamedDeclaration {
    case codeSet, definition, parameter

    var plural: String {
        switch self {
        case .codeSet: "code sets"
        case .definition: "definitions"
        case .parameter: "parameters"
        }
    }
}
