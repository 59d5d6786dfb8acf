/// A diagnostic code as a type: each phase lists its codes in one enum
/// (`SyntaxCode`, `CheckCode`, `VersionCode`, `SQLCode`), so a code is written
/// once, a misspelt code does not compile, and a test can compare the whole
/// list, with each code's severity, with docs/diagnostics.md.
/// `Diagnostic.code` stays the code's text for output.
package protocol DiagnosticCode: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    /// A code is an error or a warning, always the same one.
    var severity: Diagnostic.Severity { get }
}

/// What a diagnostic says, made by its factory: each phase has one factory
/// per diagnostic beside its codes (`SyntaxDiagnostics.swift`,
/// `CheckDiagnostics.swift`, …), so the words of a diagnostic are written in
/// one place and the code fixes the severity. The phase adds where it is.
package struct DiagnosticDraft: Sendable, Equatable {
    package var severity: Diagnostic.Severity
    package var code: String
    package var message: String
    package var hint: String?

    package init(_ code: some DiagnosticCode, _ message: String, hint: String? = nil) {
        severity = code.severity
        self.code = code.rawValue
        self.message = message
        self.hint = hint
    }
}

extension Diagnostic {
    package init(_ draft: DiagnosticDraft, at span: Span, in path: String) {
        self.init(draft.severity, draft.code, draft.message, at: span, in: path, hint: draft.hint)
    }
}

extension DiagnosticBag {
    package mutating func report(_ draft: DiagnosticDraft, at span: Span) {
        append(Diagnostic(draft, at: span, in: file.path))
    }
}
