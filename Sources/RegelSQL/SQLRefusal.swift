import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues

/// A construct the chosen dialect cannot express faithfully. The command
/// refuses to print a query rather than print one that means something else.
package struct SQLRefusal: Error, Sendable {
    package var construct: String
    package var span: Span
    package var reason: String
    package var hint: String?

    /// As a diagnostic of the rule file, so it is rendered with
    /// file:line:column and the line's text like every other error.
    package func diagnostic(in file: SourceFile, dialect: SQLDialect) -> Diagnostic {
        Diagnostic(.error, "S0001", "\(construct) cannot be written in \(dialect.rawValue) SQL: \(reason)", at: span, in: file.path,
                   hint: hint ?? "run this ruleset with `regelverk validate`, or choose another dialect")
    }
}
