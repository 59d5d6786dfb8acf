import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

// Helpers for the checker tests: the diagnostics of a rule file, with the
// line and column each points at and the text under it.

struct MarkedDiagnostic: CustomStringConvertible {
    var code: String
    var severity: Diagnostic.Severity
    var message: String
    var hint: String?
    var line: Int
    var column: Int
    /// The text of the file under the diagnostic's marker.
    var marked: String
    var description: String { "\(line):\(column) \(severity.rawValue)[\(code)] \(message) «\(marked)»" }
}

enum DiagnosticSupport {
    static func diagnostics(_ text: String) -> [MarkedDiagnostic] {
        let loaded = RulesetLoader.load(text: text, path: "fix-test.regel")
        return loaded.diagnostics.map { d in
            let (line, column) = loaded.file.location(of: d.span.start)
            return MarkedDiagnostic(
                code: d.code, severity: d.severity, message: d.message, hint: d.hint,
                line: line, column: column, marked: loaded.file.slice(d.span))
        }
    }

    static func codes(_ text: String) -> [String] { diagnostics(text).map(\.code) }

    /// The common start of the examples in docs/diagnostics.md (lines 1–11),
    /// followed by `body`.
    static func prov(_ body: String) -> String {
        """
        ruleset "prov"
        source "Prov"

        record kontakt
          id: text
          patient: personnummer
          datum: date
          tid: optional time
          kontakttyp: one of "VK", "KT", "TE"
          journalford: bool
        end
        \(body)
        """
    }

    /// A rule around `lines` with everything else a rule needs, so that only
    /// the mistake under test is reported.
    static func rule(_ lines: String, id: String = "r1") -> String {
        """
        rule \(id)
          title "Titel"
          severity error
          cites "Avsnitt"
        \(lines)
        end
        """
    }
}
