import RegelCheck

/// The diff for people at a terminal: a line per change in the rules' own
/// terms, the old and new source under it, then the impact on the data.
/// Colour only when asked (the console is a terminal).
public struct DiffTextRenderer: Sendable {
    public var colour: Bool

    public init(colour: Bool = false) { self.colour = colour }

    public func render(_ report: DiffReport) -> String {
        var blocks: [String] = []
        for side in report.removedRulesets { blocks.append(paint("removed ruleset \(side.name) \(side.version) (\(side.path))", "31;1") + "\n") }
        for side in report.addedRulesets { blocks.append(paint("added ruleset \(side.name) \(side.version) (\(side.path))", "32;1") + "\n") }
        for comparison in report.comparisons { blocks.append(render(comparison)) }
        return blocks.joined(separator: "\n")
    }

    public func render(_ comparison: DiffReport.Comparison) -> String {
        let diff = comparison.diff
        var out = paint("--- \(diff.old.path) (\(diff.old.name), version \(diff.old.version))", "1") + "\n"
        out += paint("+++ \(diff.new.path) (\(diff.new.name), version \(diff.new.version))", "1") + "\n\n"
        for group in DiffPresentation.groups(diff.changes) {
            out += render(group) + "\n"
        }
        out += (diff.hasSemanticChanges ? DiffPresentation.count(diff.changes) : DiffPresentation.noChange) + "\n"
        if diff.testsChanged { out += DiffPresentation.testsOnly + "\n" }
        if let impact = comparison.impact { out += "\n" + render(impact) }
        return out
    }

    func render(_ group: DiffPresentation.Group) -> String {
        if let whole = group.whole {
            return paint(DiffPresentation.wholeHeadline(whole, label: group.label), code(whole.action)) + "\n" + fragments(whole, indent: 2)
        }
        var out = paint("changed \(group.label)", "1") + "\n"
        for c in group.changes {
            out += "  " + paint(DiffPresentation.headline(c), code(c.action)) + "\n"
            out += fragments(c, indent: 4)
            if c.affects.count == 1 {
                out += "    affects \(DiffPresentation.affectsText(c.affects))\n"
            } else if !c.affects.isEmpty {
                out += "    affects \(c.affects.count) declarations:\n"
                for a in c.affects { out += "      \(DiffPresentation.affectsText([a]))\n" }
            }
            if !c.inheritedBy.isEmpty { out += "    inherited by check\(c.inheritedBy.count == 1 ? "" : "s") \(c.inheritedBy.joined(separator: ", "))\n" }
        }
        return out
    }

    /// `- old.regel:67  limit …` and `+ new.regel:67  limit …`, continuation
    /// lines aligned under the first.
    func fragments(_ c: DiffChange, indent: Int) -> String {
        var out = ""
        let width = [c.oldSource, c.newSource].compactMap { $0.map { "\($0.path):\($0.line)".count } }.max() ?? 0
        for (mark, fragment, colourCode) in [("-", c.oldSource, "31"), ("+", c.newSource, "32")] {
            guard let fragment else { continue }
            var location = "\(fragment.path):\(fragment.line)"
            location += String(repeating: " ", count: width - location.count)
            let pad = String(repeating: " ", count: indent)
            let lines = fragment.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, line) in lines.enumerated() {
                let head = i == 0 ? location : String(repeating: " ", count: location.count)
                out += pad + paint("\(mark) \(head)  \(line)", colourCode) + "\n"
            }
        }
        return out
    }

    func render(_ impact: ImpactReport) -> String {
        var out =
            paint("impact on \(impact.inputs.joined(separator: ", ")) (\(impact.recordsRead) record\(impact.recordsRead == 1 ? "" : "s") read)", "1") + "\n"
        if impact.rules.isEmpty {
            out += "  no record is flagged differently (\(impact.unchangedFindings) finding\(impact.unchangedFindings == 1 ? "" : "s") unchanged)\n"
        }
        let manyInputs = impact.inputs.count > 1
        for r in impact.rules {
            out += "  \(paint(r.rule, "1")): \(r.newlyFlagged.count) newly flagged, \(r.noLongerFlagged.count) no longer flagged\n"
            for (mark, records, colourCode) in [("+", r.newlyFlagged, "32"), ("-", r.noLongerFlagged, "31")] {
                for f in records.prefix(5) {
                    out += "    " + paint("\(mark) \(f.record) (\(manyInputs ? "\(f.file):" : "line ")\(f.line))", colourCode) + "\n"
                }
                if records.count > 5 { out += "    \(mark) … and \(records.count - 5) more\n" }
            }
        }
        if !impact.rules.isEmpty {
            out += "  \(impact.unchangedFindings) other finding\(impact.unchangedFindings == 1 ? "" : "s") unchanged\n"
        }
        for m in impact.measures {
            let state = m.presence == .both ? "" : " (\(m.presence.rawValue))"
            if m.changedGroups.isEmpty {
                out += "  measure \(paint(m.measure, "1"))\(state): no figure changes (\(m.unchangedGroups) group\(m.unchangedGroups == 1 ? "" : "s"))\n"
                continue
            }
            out +=
                "  measure \(paint(m.measure, "1"))\(state): \(m.changedGroups.count) group\(m.changedGroups.count == 1 ? "" : "s") changed, "
                + "\(m.unchangedGroups) unchanged\n"
            for g in m.changedGroups {
                let figures = g.figures.map { "\($0.name) \($0.old ?? "–") → \($0.new ?? "–")" }.joined(separator: ", ")
                out += "    \(g.label): \(figures)\n"
            }
        }
        return out
    }

    func code(_ action: DiffChange.Action) -> String {
        switch action {
        case .added: "32"
        case .removed: "31"
        case .renamed, .changed: "33"
        }
    }

    func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
}
