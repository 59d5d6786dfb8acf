import RegelCheck
import RegelData
import RegelEval
import RegelSyntax
import RegelValues

/// An optional declared column that one export lacks. Its checks are not
/// judged on that export's records: an absent column says nothing either
/// way, so a rule that reads it would only report the export's shape, on
/// every record it covers.
public struct AbsentColumn: Sendable {
    public var file: String
    public var name: String
    public var type: ValueType
    /// The export header `--column` named for it, when one did.
    public var mappedTo: String?
    /// Headers that are probably this column under another spelling.
    public var suggestions: [String]
    /// Rules and cap checks that read it, in declaration order.
    public var checks: [String]
    /// Measures that read it.
    public var measures: [String]

    /// `warning` when something could not be judged, `info` when nothing reads it.
    public var severity: Severity { checks.isEmpty && measures.isEmpty ? .info : .warning }

    /// What is not judged and what to do, in one sentence for the administrator.
    public var message: String {
        var s = "the export has no column `\(mappedTo ?? name)`"
        s += mappedTo == nil ? " (optional \(type))" : " (which --column gives for `\(name)`, optional \(type))"
        var lost: [String] = []
        if !checks.isEmpty {
            lost.append("\(checks.count == 1 ? "the rule" : "the rules") \(checks.joined(separator: ", ")) could not be judged on any of its records")
        }
        if !measures.isEmpty {
            lost.append("\(measures.count == 1 ? "the measure" : "the measures") \(measures.joined(separator: ", ")) could not be computed")
        }
        s += lost.isEmpty ? "; no rule reads it, so nothing was left unjudged" : ", so " + lost.joined(separator: " and ")
        if let near = suggestions.first {
            s += "; did you mean `\(near)`? map it with \(ColumnOption.spelled(name, near))"
        } else if !lost.isEmpty {
            s += "; add the column to the export, or map the export's name for it with --column \(name)=HEADER"
        }
        return s
    }
}

/// The columns one ruleset version declares that one export lacks, and the
/// version without the checks that read them.
public struct ColumnReport {
    var absent: [AbsentColumn] = []
    /// The version as it can be run on this export.
    var runnable: CheckedRuleset

    init(_ version: CheckedRuleset, source: DataSource, header: [String], absentNames: [String]) {
        runnable = version
        guard !absentNames.isEmpty else { return }
        let absentSlots = Set(absentNames.compactMap { version.field(named: $0)?.slot })
        var use = ColumnUse(version)
        let ruleSlots = version.rules.map { use.rule($0) }
        let capSlots = version.caps.map { use.cap($0) }
        let measureSlots = version.measures.map { use.measure($0) }
        let taken = Set(version.fields.map { source.columnAliases[$0.name] ?? $0.name })
        let unused = header.filter { !taken.contains($0) }
        for name in absentNames {
            guard let field = version.field(named: name) else { continue }
            var checks: [String] = []
            for ref in version.checkOrder {
                switch ref {
                case .rule(let r): if ruleSlots[r].contains(field.slot) { checks.append(version.rules[r].id) }
                case .capCheck(let c, let k): if capSlots[c].contains(field.slot) { checks.append(version.caps[c].checks[k].id) }
                }
            }
            let measures = version.measures.indices.filter { measureSlots[$0].contains(field.slot) }.map { version.measures[$0].name }
            let mapped = source.columnAliases[name]
            absent.append(
                AbsentColumn(
                    file: source.name, name: name, type: field.type, mappedTo: mapped,
                    suggestions: HeaderSuggestion.nearMisses(for: mapped ?? name, among: unused),
                    checks: checks, measures: measures))
        }
        let keepRule = ruleSlots.map { $0.isDisjoint(with: absentSlots) }
        let keepCap = capSlots.map { $0.isDisjoint(with: absentSlots) }
        guard keepRule.contains(false) || keepCap.contains(false) else { return }
        var ruleIndex: [Int?] = [], capIndex: [Int?] = []
        var next = 0
        for keep in keepRule { ruleIndex.append(keep ? next : nil); if keep { next += 1 } }
        next = 0
        for keep in keepCap { capIndex.append(keep ? next : nil); if keep { next += 1 } }
        runnable.rules = version.rules.indices.filter { keepRule[$0] }.map { version.rules[$0] }
        runnable.caps = version.caps.indices.filter { keepCap[$0] }.map { version.caps[$0] }
        runnable.checkOrder = version.checkOrder.compactMap { ref in
            switch ref {
            case .rule(let r): ruleIndex[r].map { .rule($0) }
            case .capCheck(let c, let k): capIndex[c].map { .capCheck(cap: $0, check: k) }
            }
        }
    }

    /// The optional columns of `version` that the export `reader` reads lacks.
    public static func absent(_ version: CheckedRuleset, source: DataSource, reader: TableReader) -> [AbsentColumn] {
        ColumnReport(version, source: source, header: reader.header, absentNames: reader.absentColumns).absent
    }

    /// The measures that cannot be computed on this export.
    var measuresNotComputed: Set<String> { Set(absent.flatMap(\.measures)) }

    /// One finding per absent column, at the header line, for the outputs
    /// where findings go; `version` is the one the finding names.
    static func finding(_ a: AbsentColumn, _ version: CheckedRuleset) -> Finding {
        Finding(
            kind: .column, ruleset: version.name, version: version.version, rule: "column", severity: a.severity,
            title: "A column of the ruleset is absent from the export", message: a.message, source: "",
            file: a.file, line: 1, record: "", column: a.name, value: nil)
    }

    /// The absent columns of several versions on one export, each column
    /// once, with every version's checks that read it.
    static func merged(_ reports: [[AbsentColumn]]) -> [AbsentColumn] {
        var out: [AbsentColumn] = []
        for list in reports.reversed() {
            for a in list {
                if let i = out.firstIndex(where: { $0.name == a.name }) {
                    out[i].checks += a.checks.filter { !out[i].checks.contains($0) }
                    out[i].measures += a.measures.filter { !out[i].measures.contains($0) }
                } else {
                    out.append(a)
                }
            }
        }
        return out
    }
}
