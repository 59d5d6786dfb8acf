import RegelCheck

/// The diff as a change note for colleagues or a decision memo: a summary
/// table, then each change with its old and new source as a `diff` block,
/// then the impact on the data as tables.
public struct DiffMarkdownRenderer: Sendable {
    public init() {}

    public func render(_ report: DiffReport) -> String {
        var out = ""
        for side in report.removedRulesets { out += "# Removed ruleset `\(side.name)` \(side.version)\n\n`\(side.path)`\n\n" }
        for side in report.addedRulesets { out += "# Added ruleset `\(side.name)` \(side.version)\n\n`\(side.path)`\n\n" }
        return out + report.comparisons.map(render).joined(separator: "\n")
    }

    public func render(_ comparison: DiffReport.Comparison) -> String {
        let diff = comparison.diff
        let title = diff.old.name == diff.new.name ? "`\(diff.new.name)`" : "`\(diff.old.name)` → `\(diff.new.name)`"
        let versions = diff.old.version == diff.new.version ? "version \(diff.new.version)" : "version \(diff.old.version) → \(diff.new.version)"
        var out = "# Changes to \(title), \(versions)\n\n"
        out += "| | file | version |\n|---|---|---|\n"
        out += "| old | `\(cell(diff.old.path))` | \(cell(diff.old.version)) |\n"
        out += "| new | `\(cell(diff.new.path))` | \(cell(diff.new.version)) |\n\n"
        out += "**" + (diff.hasSemanticChanges ? DiffPresentation.count(diff.changes) : DiffPresentation.noChange) + ".**"
        out += diff.testsChanged ? " \(capitalised(DiffPresentation.testsOnly)).\n\n" : "\n\n"
        let groups = DiffPresentation.groups(diff.changes)
        if !groups.isEmpty {
            out += "## Summary\n\n| declaration | change |\n|---|---|\n"
            for g in groups {
                if let whole = g.whole {
                    out += "| \(cell(code(g.label))) | \(cell(DiffPresentation.wholeHeadline(whole, label: g.label))) |\n"
                } else {
                    for c in g.changes { out += "| \(cell(code(g.label))) | \(cell(DiffPresentation.headline(c))) |\n" }
                }
            }
            out += "\n## Details\n\n"
            for g in groups { out += render(g) }
        }
        if let impact = comparison.impact { out += render(impact) }
        return out
    }

    func render(_ group: DiffPresentation.Group) -> String {
        if let whole = group.whole {
            return "### \(capitalised(DiffPresentation.wholeHeadline(whole, label: group.label)))\n\n" + block(whole)
        }
        var out = "### \(capitalised(code(group.label)))\n\n"
        for c in group.changes {
            out += "**\(DiffPresentation.headline(c))**\n\n" + block(c)
            if !c.affects.isEmpty { out += "Affects: \(DiffPresentation.affectsText(c.affects)).\n\n" }
            if !c.inheritedBy.isEmpty { out += "Inherited by check\(c.inheritedBy.count == 1 ? "" : "s") \(c.inheritedBy.joined(separator: ", ")).\n\n" }
        }
        return out
    }

    /// The old and new source as a `diff` block, and where they are.
    func block(_ c: DiffChange) -> String {
        var lines: [String] = []
        for (mark, fragment) in [("-", c.oldSource), ("+", c.newSource)] {
            guard let fragment else { continue }
            lines += fragment.text.split(separator: "\n", omittingEmptySubsequences: false).map { "\(mark) \($0)" }
        }
        let fence = lines.contains { $0.contains("```") } ? "~~~" : "```"
        var out = "\(fence)diff\n" + lines.joined(separator: "\n") + "\n\(fence)\n\n"
        let places = [c.oldSource.map { "old: `\($0.path)` line \($0.line)" }, c.newSource.map { "new: `\($0.path)` line \($0.line)" }].compactMap { $0 }
        out += "<sub>" + places.joined(separator: "; ") + "</sub>\n\n"
        return out
    }

    func render(_ impact: ImpactReport) -> String {
        let inputs = impact.inputs.map { "`\($0)`" }.joined(separator: ", ")
        var out = "## Impact on \(inputs)\n\n\(impact.recordsRead) record\(impact.recordsRead == 1 ? "" : "s") read, both versions run on the same records.\n\n"
        if impact.rules.isEmpty {
            out += "No record is flagged differently (\(impact.unchangedFindings) finding\(impact.unchangedFindings == 1 ? "" : "s") unchanged).\n\n"
        } else {
            let manyInputs = impact.inputs.count > 1
            func sample(_ records: [FlaggedRecord]) -> String {
                let shown = records.prefix(5).map { "\($0.record) (\(manyInputs ? "\($0.file):" : "line ")\($0.line))" }
                return (shown + (records.count > 5 ? ["… and \(records.count - 5) more"] : [])).joined(separator: ", ")
            }
            out += "| rule | newly flagged | no longer flagged | newly flagged records | no longer flagged records |\n|---|---:|---:|---|---|\n"
            for r in impact.rules {
                out +=
                    "| `\(cell(r.rule))` | \(r.newlyFlagged.count) | \(r.noLongerFlagged.count) | \(cell(sample(r.newlyFlagged))) | "
                    + "\(cell(sample(r.noLongerFlagged))) |\n"
            }
            out += "\n\(impact.unchangedFindings) other finding\(impact.unchangedFindings == 1 ? "" : "s") unchanged.\n\n"
        }
        for m in impact.measures {
            let state = m.presence == .both ? "" : " (\(m.presence.rawValue))"
            out += "### Measure `\(m.measure)`\(state)\n\n"
            if !m.changedGroups.isEmpty {
                out += "| group | value | old | new |\n|---|---|---:|---:|\n"
                for g in m.changedGroups {
                    for f in g.figures { out += "| \(cell(g.label)) | `\(cell(f.name))` | \(cell(f.old ?? "–")) | \(cell(f.new ?? "–")) |\n" }
                }
                out += "\n"
            }
            out +=
                m.changedGroups.isEmpty
                ? "No figure changes (\(m.unchangedGroups) group\(m.unchangedGroups == 1 ? "" : "s")).\n\n"
                : "\(m.changedGroups.count) group\(m.changedGroups.count == 1 ? "" : "s") changed, \(m.unchangedGroups) unchanged.\n\n"
        }
        return out
    }

    /// Text safe inside a table cell.
    func cell(_ s: String) -> String {
        s.replacingOccurrences("|", "\\|").replacingOccurrences("\n", " ")
    }

    func capitalised(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    /// `rule x` → ``rule `x` ``; a note's quoted text stays as it is.
    func code(_ label: String) -> String {
        guard let space = label.firstIndex(of: " "), !label.hasPrefix("note ") else { return label }
        return "\(label[..<space]) `\(label[label.index(after: space)...])`"
    }
}
