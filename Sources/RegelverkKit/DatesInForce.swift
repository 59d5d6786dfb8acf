import RegelBuiltins
import RegelCheck
import RegelRun

/// The words for records that fall outside a ruleset's dates: a run must
/// never look green because it judged nothing.
enum DatesInForce {
    /// nil when every record was dated within the ruleset's dates.
    static func describe(_ result: ValidationResult, _ versions: [CheckedRuleset]) -> String? {
        guard result.outside > 0 else { return nil }
        let spans = versions.map { v in
            "version \(v.version) from \(v.effective.map { "\($0)" } ?? "the beginning") to \(v.until.map { "\($0)" } ?? "now")"
        }.joined(separator: "; ")
        let field = versions.first?.dateFieldSlot.map { versions[0].fields[$0].name } ?? "date"
        let what = result.validated == 0
            ? "no record was judged: all \(result.outside) records are dated (column `\(field)`) outside the ruleset's dates"
            : "\(result.outside) of \(result.read) records are dated (column `\(field)`) outside the ruleset's dates and were not judged"
        return "regelverk validate: \(what) (\(versions.first?.name ?? "") is in force: \(spans)). "
            + "Check that the export and the ruleset belong together, or give the ruleset version that was in force on those dates.\n"
    }
}
