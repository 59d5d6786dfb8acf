/// What a change does to the figures: both versions run on the same records,
/// findings compared per rule and measures per group.
public struct ImpactReport: Sendable, Equatable {
    /// The inputs, as named on the command line.
    public var inputs: [String]
    public var recordsRead: Int
    /// Only rules whose findings differ, in the new version's order, then the
    /// old version's rules that are gone, then cell and record problems.
    public var rules: [RuleImpact]
    /// Findings present in both versions.
    public var unchangedFindings: Int
    public var measures: [MeasureImpact]

    public var changesFindings: Bool { !rules.isEmpty }
}

/// A record as findings name it: its id (or `line N`) and where it is.
public struct FlaggedRecord: Sendable, Equatable {
    public var record: String
    public var file: String
    public var line: Int
}

public struct RuleImpact: Sendable, Equatable {
    /// The rule id in the new version (the old id for a rule that is gone;
    /// `cell` or `record` for data problems).
    public var rule: String
    /// Flagged by the new version, not by the old.
    public var newlyFlagged: [FlaggedRecord]
    /// Flagged by the old version, not by the new.
    public var noLongerFlagged: [FlaggedRecord]
}

public struct MeasureImpact: Sendable, Equatable {
    public enum Presence: String, Sendable { case both, added, removed }
    public struct Figure: Sendable, Equatable {
        public var name: String
        /// As `report` prints it; nil when the version has no such value or group.
        public var old: String?
        public var new: String?
    }
    public struct Group: Sendable, Equatable {
        /// `klinik = Ortopedi, period = 2024-03`, or `(all records)`.
        public var label: String
        /// Only the figures that differ.
        public var figures: [Figure]
    }

    public var measure: String
    public var presence: Presence
    public var changedGroups: [Group]
    public var unchangedGroups: Int
}
