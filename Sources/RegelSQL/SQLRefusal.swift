import RegelSyntax
import RegelValues

/// A construct the chosen dialect cannot express faithfully. The command
/// refuses to print a query rather than print one that means something else.
package struct SQLRefusal: Error, Sendable {
    /// What cannot be written; its words are in SQLDiagnostics.swift.
    package enum Construct: Sendable, Equatable {
        /// `other.` where there is no other record.
        case otherOutsideSearch
        /// A measure's value outside `--measures`.
        case measureValue
        case nestedSearch
        /// A computed personnummer shown in a message.
        case computedPersonnummerShown
        /// A list of these items shown in a message.
        case listShown(of: ValueType)
        /// A field declared as a list of these items.
        case listField(of: ValueType)
        /// `valid_personnummer` of a personnummer that is not a field's cell.
        case validPersonnummerOfComputed
    }

    package var construct: Construct
    package var span: Span

    package init(_ construct: Construct, at span: Span) {
        self.construct = construct
        self.span = span
    }

    /// As a diagnostic of the rule file, so it is rendered with
    /// file:line:column and the line's text like every other error.
    package func diagnostic(in file: SourceFile, dialect: SQLDialect) -> Diagnostic {
        Diagnostic(.notExpressibleInSQL(construct, in: dialect), at: span, in: file.path)
    }
}
