import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
import RegelData
import RegelBuiltins

/// Why one record got (or did not get) the findings it got.
public struct Explanation: Sendable {
    public enum Outcome: String, Sendable {
        /// `when` holds and `require` does not.
        case breaks
        case passes
        /// `when` does not hold: the rule says nothing about the record.
        case notApplicable = "not-applicable"
        /// A cell the rule reads could not be read; the cell has its own finding.
        case skipped
    }
    public struct RuleItem: Sendable {
        public var id: String
        public var title: String
        public var severity: Severity
        public var citation: String
        public var when: TraceNode?
        public var require: TraceNode
        public var outcome: Outcome
        public var message: String?
        public var unreadable: [String]
    }
    public struct CapItem: Sendable {
        public var trace: CapTrace
        /// The findings of the real run for this record from the cap's checks.
        public var findings: [(check: String, severity: Severity, citation: String, message: String)]
        public var checkTitles: [(id: String, title: String, citation: String)]
    }
    public var ruleset: String
    public var version: String
    public var record: RecordRef
    public var fields: [(name: String, value: Value, unreadable: Bool)]
    /// Set when the record is dated outside the ruleset's validity.
    public var notJudged: String?
    public var rules: [RuleItem]
    public var caps: [CapItem]
    /// Rules whose `when` does not hold, by id (not shown in detail unless named).
    public var notApplicable: [String]
    /// Findings about the record's cells (from reading the data).
    public var dataFindings: [Finding]
}

public enum Explainer {
    /// Finds the record with `id` in the inputs and explains every rule and
    /// cap that applies to it (or only `only`: a rule id, cap name or cap check id).
    public static func explain(
        _ ruleset: CheckedRuleset, params: [Value], sources: [DataSource], id: String, only: String?,
        format: RecordFormat? = nil, encoding: TextEncoding = .utf8
    ) throws(InputError) -> Explanation {
        guard let idSlot = ruleset.idSlot else {
            throw InputError("the ruleset \(ruleset.name) has no field `id`, so records cannot be named; explain finds a record by its id")
        }
        if let only, !knownNames(ruleset).contains(only) {
            let hint = closest(only, among: knownNames(ruleset)).map { " Did you mean `\($0)`?" } ?? ""
            throw InputError("the ruleset \(ruleset.name) has no rule, cap or cap check named `\(only)`.\(hint)")
        }
        var hits: [(source: DataSource, loaded: LoadedTable, row: Int)] = []
        for source in sources {
            let loaded = try TableLoader.load(source, for: ruleset, format: format, encoding: encoding)
            for row in 0..<loaded.table.count where loaded.table.value(idSlot, row) == .text(id) {
                hits.append((source, loaded, row))
            }
        }
        guard let hit = hits.first else {
            throw InputError(
                "no record has id `\(id)` in \(sources.map(\.name).joined(separator: ", ")). "
                    + "Check the spelling (ids are compared exactly, case and spaces included), or that the record could be read (`regelverk read`).")
        }
        guard hits.count == 1 else {
            let places = hits.map { "\($0.source.name):\($0.loaded.table.lines[$0.row])" }.joined(separator: ", ")
            throw InputError(
                "the id `\(id)` occurs \(hits.count) times (\(places)); explain needs one record. Give ids that are unique, or explain one file at a time.")
        }
        let table = hit.loaded.table, row = hit.row
        let tracer = TraceEvaluator(ruleset: ruleset, table: table, params: params)
        let ref = tracer.reference(row)
        let run = try Validation.run(ruleset, params: params, sources: [hit.source], format: format, encoding: encoding)
        // A column the export lacks is a finding of the file (line 1), and a reason a rule is not judged.
        let real = run.findings.filter { $0.line == ref.line && $0.kind != .column } + run.findings.filter { $0.kind == .column }
        let absent = run.absentColumns
        var out = Explanation(
            ruleset: ruleset.name, version: ruleset.version, record: ref,
            fields: ruleset.fields.map { ($0.name, table.value($0.slot, row), table.badMask(row) & (1 << UInt64($0.slot)) != 0) },
            notJudged: nil, rules: [], caps: [], notApplicable: [], dataFindings: real.filter { $0.kind != .rule })
        if let slot = ruleset.dateFieldSlot, case .date(let d) = table.value(slot, row) {
            if let from = ruleset.effective, d < from {
                out.notJudged = "posten är daterad \(d), före regelverkets startdatum \(from); validate bedömer den inte"
            }
            if let to = ruleset.until, d > to { out.notJudged = "posten är daterad \(d), efter regelverkets slutdatum \(to); validate bedömer den inte" }
        }
        let bad = table.badMask(row)
        for rule in ruleset.rules where only == nil || only == rule.id {
            let unreadable =
                ruleset.fields.filter { rule.fieldMask & bad & (1 << UInt64($0.slot)) != 0 }.map(\.name)
                + absent.filter { $0.checks.contains(rule.id) }.map(\.name)
            let when = rule.when.map { tracer.trace($0, row: row) }
            let require = tracer.trace(rule.require, row: row)
            let outcome: Explanation.Outcome
            if !unreadable.isEmpty {
                outcome = .skipped
            } else if let when, when.value != .bool(true) {
                outcome = .notApplicable
            } else {
                outcome = require.value == .bool(false) ? .breaks : .passes
            }
            if outcome == .notApplicable && only == nil { out.notApplicable.append(rule.id); continue }
            let finding = real.first { $0.rule == rule.id }
            out.rules.append(
                .init(
                    id: rule.id, title: rule.title, severity: rule.severity, citation: rule.citation.text, when: when, require: require,
                    outcome: outcome, message: finding?.message, unreadable: unreadable))
        }
        let capTracer = CapTracer(tracer: tracer)
        for (c, cap) in ruleset.caps.enumerated() {
            let ids = cap.checks.map(\.id)
            guard only == nil || only == cap.name || ids.contains(only!) else { continue }
            let trace = capTracer.trace(cap: c, row: row)
            if only == nil, cap.when != nil, trace.when?.value != .bool(true) { out.notApplicable.append(cap.name); continue }
            let findings = real.filter { ids.contains($0.rule) }.map { ($0.rule, $0.severity, $0.source, $0.message) }
            out.caps.append(.init(trace: trace, findings: findings, checkTitles: cap.checks.map { ($0.id, $0.title, $0.citation.text) }))
        }
        return out
    }

    static func knownNames(_ r: CheckedRuleset) -> [String] {
        r.rules.map(\.id) + r.caps.map(\.name) + r.caps.flatMap { $0.checks.map(\.id) }
    }
}
