import RegelBuiltins
import RegelCheck
import RegelSyntax

// The words of the diagnostics about the versions of one ruleset read
// together (V0101–V0104), one factory per diagnostic, in the order of their
// codes. `versions` are files of the same ruleset name.

extension DiagnosticDraft {
    /// V0101
    static func versionWithoutEffective(_ version: CheckedRuleset, versions: Int) -> DiagnosticDraft {
        DiagnosticDraft(VersionCode.versionWithoutEffective,
                        "\(version.file.path) is one of \(versions) versions of the ruleset \(version.name) but does not say from when it applies",
                        hint: "add `effective YYYY-MM-DD` to each version's header")
    }

    /// V0102, when the earlier version has no `until`.
    static func versionsOverlapOpenEnded(_ earlier: CheckedRuleset, _ later: CheckedRuleset, laterStarts: Day) -> DiagnosticDraft {
        DiagnosticDraft(VersionCode.versionsOverlap,
                        "the versions \(earlier.version) (\(earlier.file.path)) and \(later.version) of \(earlier.name) overlap: "
                            + "\(earlier.version) has no `until`",
                        hint: "end the earlier version with `until \(laterStarts.adding(days: -1))`")
    }

    /// V0102, when the earlier version runs past the later one's start.
    static func versionsOverlap(_ earlier: CheckedRuleset, until: Day, _ later: CheckedRuleset, laterStarts: Day) -> DiagnosticDraft {
        DiagnosticDraft(VersionCode.versionsOverlap,
                        "the versions \(earlier.version) and \(later.version) of \(earlier.name) overlap: "
                            + "\(earlier.version) runs until \(until), \(later.version) starts \(laterStarts)",
                        hint: "let one end the day before the other starts")
    }

    /// V0103; the gap is the days after `until` and before `laterStarts`.
    static func gapBetweenVersions(_ earlier: CheckedRuleset, until: Day, _ later: CheckedRuleset, laterStarts: Day) -> DiagnosticDraft {
        DiagnosticDraft(VersionCode.gapBetweenVersions,
                        "records dated \(until.adding(days: 1)) to \(laterStarts.adding(days: -1)) "
                            + "fall between the versions \(earlier.version) and \(later.version) of \(earlier.name) and will not be judged",
                        hint: "close the gap, or say in a note why none applies")
    }

    /// V0104
    static func versionWithoutDateField(_ version: CheckedRuleset) -> DiagnosticDraft {
        DiagnosticDraft(VersionCode.versionWithoutDateField,
                        "\(version.file.path) is one of several versions of \(version.name) but has no `date field`, so records cannot be given a version",
                        hint: "add `date field <the record's date>` to the header")
    }
}
