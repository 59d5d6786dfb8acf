/// A problem found in a rule file, with a stable code documented in
/// docs/diagnostics.md so that tools can filter on it.
public struct Diagnostic: Sendable, Equatable {
    public enum Severity: String, Sendable, Comparable {
        case error, warning
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }
    public var severity: Severity
    public var code: String
    public var message: String
    public var span: Span
    public var hint: String?
    public var path: String

    public init(_ severity: Severity, _ code: String, _ message: String, at span: Span, in path: String, hint: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.span = span
        self.hint = hint
        self.path = path
    }
}

/// Collects diagnostics for one file; phases report here and go on.
public struct DiagnosticBag: Sendable {
    public let file: SourceFile
    public private(set) var items: [Diagnostic] = []
    public init(file: SourceFile) { self.file = file }

    package mutating func append(_ diagnostic: Diagnostic) {
        items.append(diagnostic)
    }
    public var hasErrors: Bool { items.contains { $0.severity == .error } }
}
