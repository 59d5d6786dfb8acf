import RegelBuiltins
import RegelCheck
import RegelEval
import RegelValues

/// Masks the personnummer in findings before any output sees them: in the
/// message and in the cell `value`. The record id, file and line stay, so a
/// finding can still be found in the source system. A cell of a personnummer
/// column is masked whatever it holds (it did not convert, but is most
/// likely a number with a typo); elsewhere what looks like a personnummer or
/// samordningsnummer is masked (`PersonnummerMask.maskAll`).
public struct FindingMask: Sendable {
    private let personnummerColumns: Set<String>
    public let enabled: Bool

    public init(_ versions: [CheckedRuleset], enabled: Bool = true) {
        var columns = Set<String>()
        for version in versions {
            for field in version.fields where field.type == .personnummer || field.type == .list(.personnummer) { columns.insert(field.name) }
        }
        personnummerColumns = columns
        self.enabled = enabled
    }

    public func apply(_ f: Finding) -> Finding {
        guard enabled else { return f }
        var masked = f
        var message = f.message
        if let value = f.value, !value.isEmpty {
            let shown: String
            if f.kind == .cell, let column = f.column, personnummerColumns.contains(column) {
                shown = value.split(separator: "|", omittingEmptySubsequences: false).map { PersonnummerMask.mask(String($0)) }.joined(separator: "|")
            } else {
                shown = PersonnummerMask.maskAll(in: value)
            }
            if shown != value {
                masked.value = shown
                message = message.replacing("\"\(value)\"", with: "\"\(shown)\"")
            }
        }
        masked.message = PersonnummerMask.maskAll(in: message)
        return masked
    }

    public func apply(_ findings: [Finding]) -> [Finding] { enabled ? findings.map(apply) : findings }
}
