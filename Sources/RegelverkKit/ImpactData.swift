import RegelBuiltins
import RegelData
import RegelDiff

/// The record data in `diff --data`'s impact (record ids, group labels of
/// measures) as the outputs show it: personnummer in group labels masked
/// (record ids stay, so a record can be found), and for the terminal, control
/// characters made visible (`TerminalText`).
enum ImpactData {
    static func shown(_ report: DiffReport, mask: Bool, terminal: Bool) -> DiffReport {
        var report = report
        func text(_ s: String) -> String { terminal ? TerminalText.escape(s) : s }
        func record(_ r: FlaggedRecord) -> FlaggedRecord {
            var r = r
            r.record = text(r.record)
            r.file = text(r.file)
            return r
        }
        for c in report.comparisons.indices {
            guard var impact = report.comparisons[c].impact else { continue }
            for r in impact.rules.indices {
                impact.rules[r].newlyFlagged = impact.rules[r].newlyFlagged.map(record)
                impact.rules[r].noLongerFlagged = impact.rules[r].noLongerFlagged.map(record)
            }
            for m in impact.measures.indices {
                for g in impact.measures[m].changedGroups.indices {
                    let label = impact.measures[m].changedGroups[g].label
                    impact.measures[m].changedGroups[g].label = text(mask ? PersonnummerMask.maskAll(in: label) : label)
                }
            }
            report.comparisons[c].impact = impact
        }
        return report
    }
}
