import RegelData
import RegelCheck
import RegelEval
import RegelRun

/// Runs both versions of a ruleset on the same records and compares what
/// they find (per rule: the records newly flagged and no longer flagged) and
/// what they compute (per measure and group: the figures that differ). A
/// rule or measure that was only renamed is compared under its new name.
public enum ImpactAnalysis {
    public static func run(
        _ diff: RulesetDiff, old: CheckedRuleset, new: CheckedRuleset, params: [String], sources: [DataSource],
        format: RecordFormat? = nil, encoding: TextEncoding = .utf8
    ) throws(InputError) -> ImpactReport {
        // The new version first: a mistyped name is best matched against the parameters it has.
        let newParams = try labelled("new", new) { () throws(InputError) in try Parameters.resolve(overrides(params, for: new, other: old), for: new) }
        let oldParams = try labelled("old", old) { () throws(InputError) in try Parameters.resolve(overrides(params, for: old, other: new), for: old) }
        let before = try labelled("old", old) { () throws(InputError) in
            try Validation.run(old, params: oldParams, sources: sources, format: format, encoding: encoding)
        }
        let after = try labelled("new", new) { () throws(InputError) in
            try Validation.run(new, params: newParams, sources: sources, format: format, encoding: encoding)
        }
        let (rules, unchanged) = compare(
            before.findings, after.findings, renames: diff.renamedRuleIds,
            order: new.ruleIds + old.ruleIds.map { diff.renamedRuleIds[$0] ?? $0 })
        var measures: [MeasureImpact] = []
        if !old.measures.isEmpty || !new.measures.isEmpty {
            let oldFigures = try labelled("old", old) { () throws(InputError) in
                try Validation.measures(old, params: oldParams, sources: sources, format: format, encoding: encoding).results
            }
            let newFigures = try labelled("new", new) { () throws(InputError) in
                try Validation.measures(new, params: newParams, sources: sources, format: format, encoding: encoding).results
            }
            measures = compare(oldFigures, newFigures, renames: measureRenames(diff))
        }
        return ImpactReport(inputs: sources.map(\.name), recordsRead: after.read, rules: rules, unchangedFindings: unchanged, measures: measures)
    }

    /// The `--param` overrides that apply to `ruleset`: those naming one of
    /// its parameters, and those naming a parameter of neither version (so
    /// that the mistake is reported).
    static func overrides(_ all: [String], for ruleset: CheckedRuleset, other: CheckedRuleset) -> [String] {
        all.filter { o in
            let name = String(o.prefix { $0 != "=" })
            return ruleset.params.contains { $0.name == name } || !other.params.contains { $0.name == name }
        }
    }

    private static func labelled<T>(_ side: String, _ ruleset: CheckedRuleset, _ body: () throws(InputError) -> T) throws(InputError) -> T {
        do { return try body() } catch { throw InputError("with the \(side) rules (\(ruleset.file.path)): \(error.description)") }
    }

    // MARK: Findings

    /// Findings are the same when they are of the same rule (through
    /// renames), file, line and column.
    static func compare(_ old: [Finding], _ new: [Finding], renames: [String: String], order: [String]) -> (rules: [RuleImpact], unchanged: Int) {
        func key(_ f: Finding, _ rule: String) -> String { [rule, f.file, String(f.line), f.column ?? ""].joined(separator: "\u{0}") }
        let oldKeys = Set(old.map { key($0, renames[$0.rule] ?? $0.rule) })
        let newKeys = Set(new.map { key($0, $0.rule) })
        var newly: [String: [FlaggedRecord]] = [:], gone: [String: [FlaggedRecord]] = [:]
        var seen: [String] = []
        var unchanged = 0
        for f in new {
            if oldKeys.contains(key(f, f.rule)) { unchanged += 1; continue }
            newly[f.rule, default: []].append(FlaggedRecord(record: f.record, file: f.file, line: f.line))
            seen.append(f.rule)
        }
        for f in old {
            let rule = renames[f.rule] ?? f.rule
            if newKeys.contains(key(f, rule)) { continue }
            gone[rule, default: []].append(FlaggedRecord(record: f.record, file: f.file, line: f.line))
            seen.append(rule)
        }
        var ordered: [String] = []
        for rule in order + seen where !ordered.contains(rule) && (newly[rule] != nil || gone[rule] != nil) { ordered.append(rule) }
        let rules = ordered.map { RuleImpact(rule: $0, newlyFlagged: newly[$0] ?? [], noLongerFlagged: gone[$0] ?? []) }
        return (rules, unchanged)
    }

    // MARK: Measures

    static func measureRenames(_ diff: RulesetDiff) -> [String: String] {
        var out: [String: String] = [:]
        for c in diff.changes where c.subject == .measure && c.action == .renamed {
            if let old = c.oldId { out[old] = c.id }
        }
        return out
    }

    static func compare(_ old: [MeasureResult], _ new: [MeasureResult], renames: [String: String]) -> [MeasureImpact] {
        var out: [MeasureImpact] = []
        for n in new {
            let o = old.first { (renames[$0.measure] ?? $0.measure) == n.measure }
            out.append(compare(o, n, measure: n.measure))
        }
        for o in old where !new.contains(where: { $0.measure == (renames[o.measure] ?? o.measure) }) {
            out.append(compare(o, nil, measure: o.measure))
        }
        return out
    }

    private static func compare(_ old: MeasureResult?, _ new: MeasureResult?, measure: String) -> MeasureImpact {
        let oldRows = figures(old), newRows = figures(new)
        var labels = newRows.map(\.label)
        for r in oldRows where !labels.contains(r.label) { labels.append(r.label) }
        var changed: [MeasureImpact.Group] = []
        var unchanged = 0
        for label in labels {
            let o = oldRows.first { $0.label == label }?.values ?? [], n = newRows.first { $0.label == label }?.values ?? []
            var names = n.map(\.name)
            for v in o where !names.contains(v.name) { names.append(v.name) }
            let differing = names.compactMap { name -> MeasureImpact.Figure? in
                let a = o.first { $0.name == name }?.text, b = n.first { $0.name == name }?.text
                return a == b ? nil : MeasureImpact.Figure(name: name, old: a, new: b)
            }
            if differing.isEmpty { unchanged += 1 } else { changed.append(.init(label: label, figures: differing)) }
        }
        let presence: MeasureImpact.Presence = old == nil ? .added : new == nil ? .removed : .both
        return MeasureImpact(measure: measure, presence: presence, changedGroups: changed, unchangedGroups: unchanged)
    }

    /// Each group's label and figures, as `report` prints them.
    private static func figures(_ result: MeasureResult?) -> [(label: String, values: [(name: String, text: String)])] {
        let writer = MeasureWriter(format: .text)
        return (result?.rows ?? []).map { row in
            let label =
                row.group.isEmpty
                ? "(all records)"
                : row.group.map { "\($0.name) = \($0.value.isMissing ? "–" : $0.value.description)" }.joined(separator: ", ")
            return (label, row.values.map { ($0.name, writer.number($0.value)) })
        }
    }
}
