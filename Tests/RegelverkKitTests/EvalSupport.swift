import RegelData
import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

// Helpers for the evaluator tests (files named Eval*.swift): run a ruleset
// text over CSV text the way `regelverk validate` / `report` do, and look at
// the findings as (record id, rule id) pairs.

/// One finding reduced to what the tests compare.
struct EvalRecordRule: Hashable, CustomStringConvertible, Comparable {
    var record: String
    var rule: String
    init(_ record: String, _ rule: String) {
        self.record = record
        self.rule = rule
    }
    var description: String { "\(record):\(rule)" }
    static func < (a: EvalRecordRule, b: EvalRecordRule) -> Bool { (a.record, a.rule) < (b.record, b.rule) }
}

struct EvalOutcome {
    var result: ValidationResult
    var findings: [Finding] { result.findings }
    /// Every finding as (record id, rule id), in output order.
    var pairs: [EvalRecordRule] { result.findings.map { EvalRecordRule($0.record, $0.rule) } }
    /// The records that have a finding of `rule`, in output order.
    func records(_ rule: String) -> [String] { result.findings.filter { $0.rule == rule }.map(\.record) }
    /// The rule ids found for `record`, in output order.
    func rules(of record: String) -> [String] { result.findings.filter { $0.record == record }.map(\.rule) }
    func finding(_ record: String, _ rule: String) -> Finding? { result.findings.first { $0.record == record && $0.rule == rule } }
}

enum EvalSupport {
    /// Parses and checks; records an issue (with the rendered diagnostics)
    /// when there is any error.
    static func load(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> CheckedRuleset? {
        let loaded = RulesetLoader.load(text: text, path: "eval-test.regel")
        if loaded.hasErrors || loaded.checked == nil {
            let renderer = DiagnosticRenderer()
            let shown = loaded.diagnostics.filter { $0.severity == .error }.map { renderer.render($0, in: loaded.file) }.joined()
            Issue.record("the rule file does not check:\n\(shown)\n--- text ---\n\(text)", sourceLocation: sourceLocation)
            return nil
        }
        return loaded.checked
    }

    /// The codes of the error diagnostics of a rule file (for tests that
    /// expect the checker to refuse something).
    static func errorCodes(_ text: String) -> [String] {
        RulesetLoader.load(text: text, path: "eval-test.regel").diagnostics.filter { $0.severity == .error }.map(\.code)
    }

    /// Runs `validate`: the ruleset text over the CSV text.
    static func validate(
        _ rules: String, _ csv: String, params: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> EvalOutcome {
        guard let checked = load(rules, sourceLocation: sourceLocation) else { throw EvalTestError.doesNotCheck }
        let values = try Parameters.resolve(params, for: checked)
        let source = DataSource(name: "eval-test.csv", bytes: Array(csv.utf8))
        let result = try Validation.run(checked, params: values, sources: [source])
        return EvalOutcome(result: result)
    }

    /// Runs `report`: the measures of the ruleset text over the CSV text.
    static func measures(
        _ rules: String, _ csv: String, params: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (results: [MeasureResult], data: ValidationResult) {
        guard let checked = load(rules, sourceLocation: sourceLocation) else { throw EvalTestError.doesNotCheck }
        let values = try Parameters.resolve(params, for: checked)
        let source = DataSource(name: "eval-test.csv", bytes: Array(csv.utf8))
        return try Validation.measures(checked, params: values, sources: [source])
    }

    /// A ruleset with a header, the record `fields` (one `name: type` per
    /// line) and `body` (rules, caps, measures, …).
    static func ruleset(_ fields: String, _ body: String) -> String {
        """
        ruleset "evaltest"
        version "1"
        source "Eval test document"

        record r
        \(fields)
        end

        \(body)
        """
    }

    /// The ids of the CSV's records: the first column of every line after the header.
    static func ids(_ csv: String) -> [String] {
        csv.split(separator: "\n").dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[0]) }
    }

    /// Evaluates `condition` on every record (the CSV's first column must be
    /// `id`) and says, per record, whether it was true, false or missing.
    /// Two rules: one requires the condition, one its negation.
    static func truth(
        _ condition: String, fields: String, csv: String, extra: String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String: EvalTruth] {
        let body = """
            \(extra)
            rule holds
              severity error
              require \(condition)
            end
            rule negated
              severity error
              require not (\(condition))
            end
            """
        let out = try validate(ruleset("  id: text\n" + fields, body), csv, sourceLocation: sourceLocation)
        var t: [String: EvalTruth] = [:]
        for id in ids(csv) {
            let falseFinding = out.pairs.contains(EvalRecordRule(id, "holds"))
            let trueFinding = out.pairs.contains(EvalRecordRule(id, "negated"))
            t[id] = falseFinding && trueFinding ? .contradiction : falseFinding ? .no : trueFinding ? .yes : .missing
        }
        let other = out.findings.filter { $0.kind != .rule }
        if !other.isEmpty { Issue.record("data findings: \(other.map(\.message))", sourceLocation: sourceLocation) }
        return t
    }

    /// The value of `expression` for each record as the message placeholder
    /// shows it ("(saknas)" when missing). The CSV's first column must be `id`.
    static func values(
        _ expression: String, fields: String, csv: String, extra: String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String: String] {
        let body = """
            \(extra)
            define probe_value = \(expression)
            rule show
              severity info
              require false
              message "{probe_value}"
            end
            """
        let out = try validate(ruleset("  id: text\n" + fields, body), csv, sourceLocation: sourceLocation)
        let other = out.findings.filter { $0.kind != .rule }
        if !other.isEmpty { Issue.record("data findings: \(other.map(\.message))", sourceLocation: sourceLocation) }
        var v: [String: String] = [:]
        for f in out.findings where f.rule == "show" { v[f.record] = f.message }
        return v
    }

    /// The value of a constant expression (no fields involved).
    static func value(_ expression: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
        try values(expression, fields: "", csv: "id\nx\n", sourceLocation: sourceLocation)["x"]
    }

    /// The truth of a condition over constants.
    static func truth(_ condition: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> EvalTruth? {
        try truth(condition, fields: "", csv: "id\nx\n", sourceLocation: sourceLocation)["x"]
    }

    /// A measure's row for the group whose keys show as `group` (in key order).
    static func row(_ result: MeasureResult, _ group: [String]) -> [String: Value]? {
        guard let r = result.rows.first(where: { $0.group.map(\.value.description) == group }) else { return nil }
        return Dictionary(uniqueKeysWithValues: r.values.map { ($0.name, $0.value) })
    }
}

enum EvalTruth: Equatable, CustomStringConvertible {
    case yes, no, missing, contradiction
    var description: String {
        switch self {
        case .yes: "true"
        case .no: "false"
        case .missing: "missing"
        case .contradiction: "both true and false"
        }
    }
}

enum EvalTestError: Error { case doesNotCheck }
