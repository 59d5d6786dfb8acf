import RegelSyntax

// The words of the diagnostics of `regelverk sql` (S0001), one factory per
// diagnostic, in the order of their codes.

extension DiagnosticDraft {
    /// S0001: what cannot be written in the dialect, why, and how to do without it.
    static func notExpressibleInSQL(_ construct: SQLRefusal.Construct, in dialect: SQLDialect) -> DiagnosticDraft {
        let (what, reason, hint): (String, String, String?) =
            switch construct {
            case .otherOutsideSearch: ("`other.` outside a search", "it has no other record here", nil)
            case .measureValue: ("a measure's value", "it is known only per group, with `--measures`", nil)
            case .nestedSearch: ("a search across records inside another search", "a search cannot be nested", nil)
            case .computedPersonnummerShown:
                ("showing a computed personnummer in a message", "only a personnummer field can be shown as it was written", nil)
            case .listShown(let inner): ("showing a list of \(inner) in a message", "only lists of text or codes are shown", nil)
            case .listField(let inner):
                ("a field of type list of \(inner)", "only lists of text or codes are read in SQL",
                 "declare the field as `list of text`, or run this ruleset with `regelverk validate`")
            case .validPersonnummerOfComputed:
                ("`valid_personnummer` of a computed personnummer", "its century is known only from a field's cell as written",
                 "call it on a personnummer field")
            }
        return DiagnosticDraft(SQLCode.notExpressibleInSQL, "\(what) cannot be written in \(dialect.rawValue) SQL: \(reason)",
                               hint: hint ?? "run this ruleset with `regelverk validate`, or choose another dialect")
    }
}
