import RegelData

/// The diff for tools: one JSON object per line, one per change, then one
/// per rule whose findings change and one per measure, and a summary of the
/// impact. Every change has the same keys (`kind`, `ruleset`, `id`,
/// `aspect`, `old`, `new`, `old_source`, `new_source`, `old_line`,
/// `new_line`), null where a side has none; the others appear when they
/// have something to say.
public struct DiffJSONRenderer: Sendable {
    public init() {}

    public func render(_ report: DiffReport) -> String {
        var out = ""
        for (side, kind) in report.removedRulesets.map({ ($0, "ruleset-removed") }) + report.addedRulesets.map({ ($0, "ruleset-added") }) {
            out += object([
                ("kind", string(kind)), ("ruleset", string(side.name)), ("id", string(side.name)),
                ("version", string(side.version)), ("path", string(side.path))
            ])
        }
        for comparison in report.comparisons {
            let ruleset = comparison.diff.new.name
            for c in comparison.diff.changes { out += object(fields(c, ruleset: ruleset)) }
            if let impact = comparison.impact { out += render(impact, ruleset: ruleset) }
        }
        return out
    }

    func fields(_ c: DiffChange, ruleset: String) -> [(String, String)] {
        var f: [(String, String)] = [("kind", string(c.kind)), ("ruleset", string(ruleset)), ("id", string(c.id))]
        if let oldId = c.oldId { f.append(("old_id", string(oldId))) }
        if let parent = c.parent {
            let key =
                switch c.subject {
                case .capCheck: "cap"
                case .measureValue: "measure"
                default: "record"
                }
            f.append((key, string(parent)))
        }
        f += [
            ("aspect", c.aspect.map { string($0.rawValue) } ?? "null"),
            ("old", c.old.map(string) ?? "null"), ("new", c.new.map(string) ?? "null"),
            ("old_source", c.oldSource.map { string($0.text) } ?? "null"), ("new_source", c.newSource.map { string($0.text) } ?? "null"),
            ("old_line", c.oldSource.map { String($0.line) } ?? "null"), ("new_line", c.newSource.map { String($0.line) } ?? "null")
        ]
        if !c.differences.isEmpty {
            f.append(
                (
                    "differences",
                    array(
                        c.differences.map { d in
                            object(
                                [
                                    ("old", d.old.map(string) ?? "null"), ("new", d.new.map(string) ?? "null"),
                                    ("old_source", d.oldSource.map { string($0.text) } ?? "null"), ("new_source", d.newSource.map { string($0.text) } ?? "null")
                                ],
                                line: false)
                        })
                ))
        }
        if c.aspect == .codes {
            f.append(("added", array(c.addedItems.map(string))))
            f.append(("removed", array(c.removedItems.map(string))))
        }
        if !c.affects.isEmpty {
            f.append(
                (
                    "affects",
                    array(
                        c.affects.map { a in
                            var g: [(String, String)] = [("kind", string(a.kind.rawValue)), ("id", string(a.id))]
                            if let cap = a.parent { g.append(("cap", string(cap))) }
                            g.append(("through", array(a.through.map(string))))
                            return object(g, line: false)
                        })
                ))
        }
        if !c.inheritedBy.isEmpty { f.append(("inherited_by", array(c.inheritedBy.map(string)))) }
        return f
    }

    func render(_ impact: ImpactReport, ruleset: String) -> String {
        var out = ""
        func sample(_ records: [FlaggedRecord]) -> String {
            array(records.prefix(5).map { object([("record", string($0.record)), ("file", string($0.file)), ("line", String($0.line))], line: false) })
        }
        for r in impact.rules {
            out += object([
                ("kind", string("impact")), ("ruleset", string(ruleset)), ("rule", string(r.rule)),
                ("newly_flagged", String(r.newlyFlagged.count)), ("no_longer_flagged", String(r.noLongerFlagged.count)),
                ("sample_new", sample(r.newlyFlagged)), ("sample_gone", sample(r.noLongerFlagged))
            ])
        }
        for m in impact.measures {
            let groups = m.changedGroups.map { g in
                object(
                    [
                        ("group", string(g.label)),
                        (
                            "figures",
                            array(
                                g.figures.map { x in
                                    object([("name", string(x.name)), ("old", x.old.map(string) ?? "null"), ("new", x.new.map(string) ?? "null")], line: false)
                                })
                        )
                    ], line: false)
            }
            out += object([
                ("kind", string("measure-impact")), ("ruleset", string(ruleset)), ("measure", string(m.measure)),
                ("presence", string(m.presence.rawValue)), ("changed_groups", array(groups)),
                ("unchanged_groups", String(m.unchangedGroups))
            ])
        }
        out += object([
            ("kind", string("impact-summary")), ("ruleset", string(ruleset)), ("inputs", array(impact.inputs.map(string))),
            ("records_read", String(impact.recordsRead)), ("rules_changed", String(impact.rules.count)),
            ("unchanged_findings", String(impact.unchangedFindings))
        ])
        return out
    }

    func string(_ s: String) -> String { JSONText.quote(s) }
    func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
    func object(_ fields: [(String, String)], line: Bool = true) -> String {
        "{" + fields.map { "\(JSONText.quote($0.0)):\($0.1)" }.joined(separator: ",") + "}" + (line ? "\n" : "")
    }
}
