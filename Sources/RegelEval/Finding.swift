import RegelBuiltins
import RegelCheck
import RegelValues
import RegelSyntax

/// What a finding says about its rule: the same for every record the rule
/// flags, so it is shared rather than copied into each finding.
public final class FindingRule: Sendable {
    public let kind: Finding.Kind
    public let ruleset: String
    public let version: String
    public let rule: String
    public let severity: Severity
    public let title: String
    public let source: String

    public init(kind: Finding.Kind, ruleset: String, version: String, rule: String, severity: Severity, title: String, source: String) {
        self.kind = kind
        self.ruleset = ruleset
        self.version = version
        self.rule = rule
        self.severity = severity
        self.title = title
        self.source = source
    }
}

/// One thing found wrong (or worth noting) in one record.
public struct Finding: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A rule or cap check did not hold.
        case rule
        /// A cell did not convert to its field's type.
        case cell
        /// The record could not be read at all (rejected).
        case record
        /// A declared column is absent from the export: reported once per
        /// file, with the checks that could not be judged without it.
        case column
    }
    public let about: FindingRule
    public var message: String
    public var file: String
    public var line: Int
    /// The record's `id`, or its line number when it has none.
    public var record: String
    public var column: String?
    public var value: String?

    public var kind: Kind { about.kind }
    public var ruleset: String { about.ruleset }
    public var version: String { about.version }
    public var rule: String { about.rule }
    public var severity: Severity { about.severity }
    public var title: String { about.title }
    public var source: String { about.source }

    public init(_ about: FindingRule, message: String, file: String, line: Int, record: String, column: String? = nil, value: String? = nil) {
        self.about = about
        self.message = message
        self.file = file
        self.line = line
        self.record = record
        self.column = column
        self.value = value
    }

    public init(
        kind: Kind, ruleset: String, version: String, rule: String, severity: Severity, title: String, message: String,
        source: String, file: String, line: Int, record: String, column: String?, value: String?
    ) {
        self.init(
            FindingRule(kind: kind, ruleset: ruleset, version: version, rule: rule, severity: severity, title: title, source: source),
            message: message, file: file, line: line, record: record, column: column, value: value)
    }

    public static func == (a: Finding, b: Finding) -> Bool {
        a.kind == b.kind && a.ruleset == b.ruleset && a.version == b.version && a.rule == b.rule && a.severity == b.severity
            && a.title == b.title && a.source == b.source && a.message == b.message && a.file == b.file && a.line == b.line
            && a.record == b.record && a.column == b.column && a.value == b.value
    }
}
