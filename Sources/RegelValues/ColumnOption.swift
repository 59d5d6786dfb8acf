/// How `--column` is written for a contract name and an export header, ready
/// to paste into a shell (quoted when the header has spaces or other signs).
package enum ColumnOption {
    package static func spelled(_ name: String, _ header: String) -> String {
        let plain = !header.isEmpty && header.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
        if plain { return "--column \(name)=\(header)" }
        return "--column '\(name)=" + header.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
