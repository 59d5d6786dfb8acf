import RegelCheck
import RegelSyntax

/// What changed in meaning between two versions of one ruleset: a list of
/// changes at the level of the language (a rule's `require`, a cap's limit, a
/// field's codes), each with the old and new source it comes from. Layout,
/// comments, declaration order and tests are not part of it.
public struct RulesetDiff: Sendable, Equatable {
    public var old: RulesetSide
    public var new: RulesetSide
    public var changes: [DiffChange]
    /// The tests or samples differ; they are not part of the rules' meaning,
    /// so this never makes the versions differ.
    public var testsChanged: Bool

    public var hasSemanticChanges: Bool { !changes.isEmpty }

    /// Old rule and cap-check ids that were renamed, to their new ids.
    public var renamedRuleIds: [String: String] {
        var out: [String: String] = [:]
        for c in changes where c.action == .renamed && (c.subject == .rule || c.subject == .capCheck) {
            if let old = c.oldId { out[old] = c.id }
        }
        return out
    }
}

/// One of the two files compared.
public struct RulesetSide: Sendable, Equatable {
    public var path: String
    public var name: String
    public var version: String

    public init(path: String, name: String, version: String) {
        self.path = path
        self.name = name
        self.version = version
    }

    public init(_ ruleset: CheckedRuleset) {
        self.init(path: ruleset.file.path, name: ruleset.name, version: ruleset.version)
    }
}

/// A piece of a rule file as written, with where it starts.
public struct SourceFragment: Sendable, Equatable {
    public var path: String
    public var line: Int
    public var text: String

    public init(path: String, line: Int, text: String) {
        self.path = path
        self.line = line
        self.text = text
    }

    /// The text under `span`, after `lead` (a keyword the span does not
    /// cover, such as `require `). Continuation lines lose the indentation
    /// of the line the fragment starts on, so they keep their place
    /// relative to it.
    init(_ file: SourceFile, _ span: Span, lead: String = "") {
        let line = file.location(of: span.start).line
        let indent = file.lineText(line).prefix { $0 == " " || $0 == "\t" }.count
        let lines = file.slice(span).split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { i, l -> Substring in
            var l = l
            if l.hasSuffix("\r") { l.removeLast() }
            guard i > 0 else { return l }
            var dropped = 0
            while dropped < indent, let c = l.first, c == " " || c == "\t" { l.removeFirst(); dropped += 1 }
            return l
        }
        self.init(path: file.path, line: line, text: lead + lines.joined(separator: "\n"))
    }
}

/// The smallest subexpression that differs, on each side; one side is nil
/// when a conjunct (`and`) or alternative (`or`) was added or removed.
public struct ExpressionDifference: Sendable, Equatable {
    /// Canonical, fully parenthesised (as `SyntaxDump` renders it).
    public var old: String?
    public var new: String?
    public var oldSource: SourceFragment?
    public var newSource: SourceFragment?
}

/// A declaration whose results change because something it uses changed.
public struct AffectedDeclaration: Sendable, Equatable {
    public enum Kind: String, Sendable { case rule, capCheck = "cap-check", measure }
    public var kind: Kind
    /// The rule id, the cap check id or the measure's name.
    public var id: String
    /// The cap of a cap check.
    public var parent: String?
    /// The definitions between the change and the use, outermost first;
    /// empty when the declaration uses the changed name itself.
    public var through: [String]
}

public struct DiffChange: Sendable, Equatable {
    public enum Subject: String, Sendable {
        case header, record, field, codes, param, define, note, rule, cap
        case capCheck = "cap-check"
        case measure
        case measureValue = "measure-value"
    }

    public enum Action: String, Sendable { case added, removed, renamed, changed }

    /// What about a changed declaration changed; the raw value is the JSON `aspect`.
    public enum Aspect: String, Sendable {
        case name, version, source, effective, until
        case dateField = "date-field"
        case title, severity, cites, when, require, message
        /// A cap check turned from `require` into `limit` or back.
        case kind
        case threshold, window, per
        case orderBy = "order-by"
        case groupBy = "group-by"
        case value, filter = "where"
        case type, optional, codes
        case defaultValue = "default"
        case text
    }

    public var subject: Subject
    public var action: Action
    /// The name or id; the new one for a rename.
    public var id: String
    /// The old name of a renamed declaration.
    public var oldId: String?
    /// The cap of a cap check, the measure of a value, the record of a field.
    public var parent: String?
    public var aspect: Aspect?
    /// Canonical old and new values (a number, a code, an expression as
    /// `SyntaxDump` renders it); nil for the side that has none.
    public var old: String?
    public var new: String?
    public var oldSource: SourceFragment?
    public var newSource: SourceFragment?
    /// For an expression: the smallest subexpressions that differ.
    public var differences: [ExpressionDifference] = []
    /// For a set of codes: what came and went.
    public var addedItems: [String] = []
    public var removedItems: [String] = []
    /// For a definition, code set or parameter: who uses it (in the new version).
    public var affects: [AffectedDeclaration] = []
    /// For a cap's severity, title or citation: the checks that inherit it.
    public var inheritedBy: [String] = []

    /// The JSON `kind`: `rule-changed`, `field-added`, `cap-check-renamed`, …
    public var kind: String { "\(subject.rawValue)-\(action.rawValue)" }

    init(_ subject: Subject, _ action: Action, id: String, parent: String? = nil) {
        self.subject = subject
        self.action = action
        self.id = id
        self.parent = parent
    }
}
