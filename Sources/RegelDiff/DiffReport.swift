import RegelCheck

/// Everything `regelverk diff` says: one comparison per ruleset found on both
/// sides (matched by ruleset name when directories are compared), the
/// rulesets found on one side only, and, with `--data`, the impact on records.
public struct DiffReport: Sendable {
    public struct Comparison: Sendable {
        public var diff: RulesetDiff
        public var impact: ImpactReport?
        public init(diff: RulesetDiff, impact: ImpactReport? = nil) {
            self.diff = diff
            self.impact = impact
        }
    }

    public var comparisons: [Comparison]
    public var addedRulesets: [RulesetSide]
    public var removedRulesets: [RulesetSide]

    public init(comparisons: [Comparison], addedRulesets: [RulesetSide] = [], removedRulesets: [RulesetSide] = []) {
        self.comparisons = comparisons
        self.addedRulesets = addedRulesets
        self.removedRulesets = removedRulesets
    }

    public var hasSemanticChanges: Bool {
        !addedRulesets.isEmpty || !removedRulesets.isEmpty || comparisons.contains { $0.diff.hasSemanticChanges }
    }
}
