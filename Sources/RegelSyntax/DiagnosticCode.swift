/// A diagnostic code as a type: each phase lists its codes in one enum
/// (`SyntaxCode`, `CheckCode`, `VersionCode`), so a code is written once, a
/// misspelt code does not compile, and a test can compare the whole list with
/// docs/diagnostics.md. `Diagnostic.code` stays the code's text for output.
package protocol DiagnosticCode: RawRepresentable, CaseIterable, Sendable where RawValue == String {}

extension Diagnostic {
    package init(_ severity: Severity, _ code: some DiagnosticCode, _ message: String, at span: Span, in path: String, hint: String? = nil) {
        self.init(severity, code.rawValue, message, at: span, in: path, hint: hint)
    }
}

extension DiagnosticBag {
    package mutating func error(_ code: some DiagnosticCode, _ message: String, at span: Span, hint: String? = nil) {
        error(code.rawValue, message, at: span, hint: hint)
    }
    package mutating func warning(_ code: some DiagnosticCode, _ message: String, at span: Span, hint: String? = nil) {
        warning(code.rawValue, message, at: span, hint: hint)
    }
}
