import RegelSyntax

/// The codes `regelverk sql` reports, one case per code; each is
/// documented in docs/diagnostics.md under the code (a test holds the two together).
package enum SQLCode: String, DiagnosticCode {
    /// a construct SQL cannot express
    case notExpressibleInSQL = "S0001"

    package var severity: Diagnostic.Severity {
        .error
    }
}
