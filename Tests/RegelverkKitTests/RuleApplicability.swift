@testable import RegelCheck
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues

/// Which passing cases in a ruleset's tests really test a rule: records for which the rule's `when`
/// holds, so the rule would break on them if its `require` were removed. Found by running the tests
/// against a copy of the ruleset where that one rule's `require` is `false` (a cap check becomes a
/// `require false` check of the same cap): a record breaks the copy exactly when `when` holds.
enum RuleApplicability {
    struct Case: Hashable { var test: String; var record: String }

    /// For each rule id, the passing cases (`passes` for that rule, or `clean`) whose record the
    /// rule applies to.
    static func strongPassingCases(_ ruleset: CheckedRuleset) -> [String: Set<Case>] {
        var result: [String: Set<Case>] = [:]
        for id in ruleset.ruleIds {
            guard let probe = withoutRequire(ruleset, id) else { continue }
            var candidates: [Case] = []
            var tests = probe
            tests.tests = []
            for test in ruleset.tests {
                for e in test.expectations {
                    let record: Int, span: Span
                    switch e {
                    case .passes(let r, let rule, let s) where rule == id: (record, span) = (r, s)
                    case .clean(let r, let s): (record, span) = (r, s)
                    default: continue
                    }
                    var single = test
                    single.expectations = [.breaks(record: record, rule: id, span: span)]
                    tests.tests.append(single)
                    candidates.append(Case(test: test.name, record: test.records[record].name))
                }
            }
            for (outcome, candidate) in zip(TestRunner.run(tests), candidates) where outcome.passed {
                result[id, default: []].insert(candidate)
            }
        }
        return result
    }

    /// The ruleset with rule (or cap check) `id` changed to break whenever it applies.
    static func withoutRequire(_ ruleset: CheckedRuleset, _ id: String) -> CheckedRuleset? {
        var copy = ruleset
        if let i = copy.rules.firstIndex(where: { $0.id == id }) {
            copy.rules[i].require = never(copy.rules[i].require.span)
            return copy
        }
        for c in copy.caps.indices {
            if let k = copy.caps[c].checks.firstIndex(where: { $0.id == id }) {
                let span = copy.caps[c].when?.span ?? copy.caps[c].per.first?.span
                guard let span else { return nil }
                copy.caps[c].checks[k].kind = .require(never(span))
                return copy
            }
        }
        return nil
    }

    static func never(_ span: Span) -> TypedExpr { TypedExpr(.constant(.bool(false)), .bool, span) }
}
