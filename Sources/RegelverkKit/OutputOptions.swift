import RegelData

/// The options about what outputs show, shared by the commands that print
/// record data: `--show-personnummer` (they are masked otherwise) and, for
/// text findings, `--max-per-rule N`.
struct OutputOptions {
    static let flags: Set<String> = ["--show-personnummer"]
    /// The format name that writes CSV for Swedish Excel (`CSVDialect.excelSwedish`).
    static let excelFormat = "excel-sv"

    /// Personnummer and samordningsnummer are masked unless `--show-personnummer` is given.
    var maskPersonnummer: Bool
    var maxPerRule: Int?

    init(_ a: Arguments, textFormat: Bool = true) throws(UsageError) {
        maskPersonnummer = !a.has("--show-personnummer")
        guard let given = a.value("--max-per-rule") else { return }
        guard let n = Int(given), n >= 0 else {
            throw UsageError("--max-per-rule \(given): give a whole number of findings to show per rule (0 shows only the counts)")
        }
        guard textFormat else { throw UsageError("--max-per-rule applies to --format text only; the other formats list every finding") }
        maxPerRule = n
    }
}
