/// One thing found wrong (or worth noting) in one record.
public struct Finding: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A rule or cap check did not hold.
        case rule
        /// A cell did not convert to its field's type.
        case cell
        /// The record could not be read at all (rejected).
        case record
    }
    public var kind: Kind
    public var ruleset: String
    public var version: String
    public var rule: String
    public var severity: Severity
    public var title: String
    public var message: String
    public var source: String
    public var file: String
    public var line: Int
    /// The record's `id`, or its line number when it has none.
    public var record: String
    public var column: String?
    public var value: String?
}
