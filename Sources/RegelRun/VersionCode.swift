import RegelSyntax
/// The codes the versions of one ruleset read together report, one case per code; each is
/// documented in docs/diagnostics.md under the code (a test holds the two together).
package enum VersionCode: String, DiagnosticCode {
    /// a version without `effective`
    case versionWithoutEffective = "V0101"
    /// versions overlap
    case versionsOverlap = "V0102"
    /// gap between versions
    case gapBetweenVersions = "V0103"
    /// a version without `date field`
    case versionWithoutDateField = "V0104"

    package var severity: Diagnostic.Severity {
        switch self {
        case .gapBetweenVersions: .warning
        default: .error
        }
    }
}
