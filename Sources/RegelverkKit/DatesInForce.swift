import RegelBuiltins
import RegelCheck
import RegelRun

/// The words for records that fall outside a ruleset's dates: a run must
/// never look green because it judged nothing.
enum DatesInForce {
    /// nil when every record was dated within the ruleset's dates.
    static func describe(_ result: ValidationResult, _ versions: [CheckedRuleset]) -> String? {
        guard result.outside > 0 else { return nil }
        let inForce = spans(versions)
        let field = versions.first?.dateFieldSlot.map { versions[0].fields[$0].name } ?? "date"
        let what =
            result.validated == 0
            ? "no record was judged: all \(result.outside) records are dated (column `\(field)`) outside the ruleset's dates"
            : "\(result.outside) of \(result.read) records are dated (column `\(field)`) outside the ruleset's dates and were not judged"
        return "regelverk validate: \(what) (\(versions.first?.name ?? "") is in force: \(inForce)). "
            + "Check that the export and the ruleset belong together, give the ruleset version that was in force on those dates, "
            + "or judge them anyway by the version in force on a date with --as-of DATE.\n"
    }

    /// `--as-of DATE`: the records dated outside every version are judged
    /// by the version in force on DATE (records within a version's dates
    /// keep theirs). DATE must fall within some version.
    static func asOf(_ value: String?, _ versions: [CheckedRuleset], _ console: Console) throws -> Day? {
        guard let value else { return nil }
        guard let day = Day.parse(value) else { throw UsageError("--as-of \(value): expected a date YYYY-MM-DD") }
        guard versions.contains(where: { $0.effective != nil || $0.until != nil }) else {
            console.err("note: --as-of has no effect: \(versions.first?.name ?? "the ruleset") has no effective dates, so every record is judged\n")
            return nil
        }
        guard versions.contains(where: { v in (v.effective.map { day >= $0 } ?? true) && (v.until.map { day <= $0 } ?? true) }) else {
            throw UsageError(
                "--as-of \(value): no version of \(versions.first?.name ?? "the ruleset") is in force on that date (\(spans(versions))); give a date within one"
            )
        }
        return day
    }

    static func spans(_ versions: [CheckedRuleset]) -> String {
        versions.map { v in
            "version \(v.version) from \(v.effective.map { "\($0)" } ?? "the beginning") to \(v.until.map { "\($0)" } ?? "now")"
        }.joined(separator: "; ")
    }
}
