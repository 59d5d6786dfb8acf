import RegelCheck

/// Which old ruleset is compared with which new one. Two files are compared
/// whatever their names; the rule files of two directories are matched by
/// ruleset name (`ruleset "stockholm-rehab"`), not by file name.
package struct RulesetPairing {
    package var pairs: [(old: CheckedRuleset, new: CheckedRuleset)] = []
    package var removed: [CheckedRuleset] = []
    package var added: [CheckedRuleset] = []

    package static func files(_ old: CheckedRuleset, _ new: CheckedRuleset) -> RulesetPairing {
        RulesetPairing(pairs: [(old, new)])
    }

    package static func byName(old: [CheckedRuleset], new: [CheckedRuleset]) throws(InputError) -> RulesetPairing {
        try unique(old)
        try unique(new)
        var out = RulesetPairing()
        for n in new {
            if let o = old.first(where: { $0.name == n.name }) { out.pairs.append((o, n)) } else { out.added.append(n) }
        }
        out.removed = old.filter { o in !new.contains { $0.name == o.name } }
        return out
    }

    private static func unique(_ rulesets: [CheckedRuleset]) throws(InputError) {
        var seen: [String: String] = [:]
        for r in rulesets {
            if let other = seen[r.name] {
                throw InputError("'\(other)' and '\(r.file.path)' are both the ruleset \(r.name); a directory can hold one file per ruleset")
            }
            seen[r.name] = r.file.path
        }
    }
}
