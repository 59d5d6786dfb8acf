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
                out.append((v.file, Diagnostic(.error, "V0101", "\(v.file.path) is one of \(versions.count) versions of the ruleset \(name) but does not say from when it applies",
                                               at: span, in: v.file.path, hint: "add `effective YYYY-MM-DD` to each version's header")))
            }
            let dated = versions.filter { $0.effective != nil }.sorted { $0.effective! < $1.effective! }
            for (earlier, later) in zip(dated, dated.dropFirst()) {
                let span = later.syntax.header?.effective?.span ?? .none
                guard let until = earlier.until else {
                    out.append((later.file, Diagnostic(.error, "V0102", "the versions \(earlier.version) (\(earlier.file.path)) and \(later.version) of \(name) overlap: \(earlier.version) has no `until`",
                                                       at: span, in: later.file.path, hint: "end the earlier version with `until \(later.effective!.adding(days: -1))`")))
                    continue
                }
                if until >= later.effective! {
                    out.append((later.file, Diagnostic(.error, "V0102", "the versions \(earlier.version) and \(later.version) of \(name) overlap: \(earlier.version) runs until \(until), \(later.version) starts \(later.effective!)",
                                                       at: span, in: later.file.path, hint: "let one end the day before the other starts")))
                } else if until.adding(days: 1) < later.effective! {
                    out.append((later.file, Diagnostic(.warning, "V0103", "records dated \(until.adding(days: 1)) to \(later.effective!.adding(days: -1)) fall between the versions \(earlier.version) and \(later.version) of \(name) and will not be judged",
                                                       at: span, in: later.file.path, hint: "close the gap, or say in a note why none applies")))
                }
            }
            for v in versions where v.dateFieldSlot == nil {
                out.append((v.file, Diagnostic(.error, "V0104", "\(v.file.path) is one of several versions of \(name) but has no `date field`, so records cannot be given a version",
                                               at: v.syntax.header?.name.span ?? .none, in: v.file.path, hint: "add `date field <the record's date>` to the header")))
            }
        }
        return out
    }
}
