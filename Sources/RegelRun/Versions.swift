import RegelCheck
import RegelSyntax

/// Several files of one ruleset (the same name) are its versions, each in
/// force from `effective` to `until`. They must not overlap; a gap between
/// them is allowed but warned about, since records in it are not judged.
public enum Versions {
    /// Problems with the versions' validity, as diagnostics on the later file.
    public static func check(_ rulesets: [CheckedRuleset]) -> [(SourceFile, Diagnostic)] {
        var out: [(SourceFile, Diagnostic)] = []
        let byName = Dictionary(grouping: rulesets, by: \.name)
        for name in byName.keys.sorted() {
            let versions = byName[name]!
            guard versions.count > 1 else { continue }
            for v in versions where v.effective == nil {
                let span = v.syntax.header?.name.span ?? .none
                out.append((v.file, Diagnostic(.versionWithoutEffective(v, versions: versions.count), at: span, in: v.file.path)))
            }
            let dated = versions.filter { $0.effective != nil }.sorted { $0.effective! < $1.effective! }
            for (earlier, later) in zip(dated, dated.dropFirst()) {
                let span = later.syntax.header?.effective?.span ?? .none
                guard let until = earlier.until else {
                    let overlap = DiagnosticDraft.versionsOverlapOpenEnded(earlier, later, laterStarts: later.effective!)
                    out.append((later.file, Diagnostic(overlap, at: span, in: later.file.path)))
                    continue
                }
                if until >= later.effective! {
                    let overlap = DiagnosticDraft.versionsOverlap(earlier, until: until, later, laterStarts: later.effective!)
                    out.append((later.file, Diagnostic(overlap, at: span, in: later.file.path)))
                } else if until.adding(days: 1) < later.effective! {
                    let gap = DiagnosticDraft.gapBetweenVersions(earlier, until: until, later, laterStarts: later.effective!)
                    out.append((later.file, Diagnostic(gap, at: span, in: later.file.path)))
                }
            }
            for v in versions where v.dateFieldSlot == nil {
                out.append((v.file, Diagnostic(.versionWithoutDateField(v), at: v.syntax.header?.name.span ?? .none, in: v.file.path)))
            }
        }
        return out
    }
}
