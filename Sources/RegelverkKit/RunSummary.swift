import RegelEval
import RegelRun
import RegelSyntax

/// The end of a `validate` run on standard error: per rule, the records it
/// judged and its findings (so a rule that judged nothing is seen), then
/// one line of totals in records and findings.
enum RunSummary {
    static func render(_ r: ValidationResult, asOf: String? = nil) -> String {
        table(r) + totals(r, asOf: asOf)
    }

    static func table(_ r: ValidationResult) -> String {
        var rows: [[String]] = [["rule", "severity", "records judged", "findings", ""]]
        for c in r.checks {
            let note = c.notJudged.map { n in
                "not judged on \(n.file): no column " + n.columns.map { "`\($0)`" }.joined(separator: ", ")
            }.joined(separator: "; ")
            rows.append([c.id, c.severity.rawValue, String(c.judged), String(c.findings), note])
        }
        let data: [(Finding.Kind, String, String)] = [
            (.column, r.absentColumns.contains { $0.severity == .warning } ? "warning" : "info", "declared columns the export lacks"),
            (.cell, "error", "cells that could not be read"),
            (.record, "error", "records that could not be read")
        ]
        for (kind, severity, what) in data {
            guard let n = r.dataFindingCounts[kind], n > 0 else { continue }
            rows.append([kind.rawValue, severity, "–", String(n), what])
        }
        guard rows.count > 1 else { return "" }
        var widths = [Int](repeating: 0, count: 4)
        for row in rows { for i in 0..<4 { widths[i] = max(widths[i], row[i].count) } }
        func pad(_ s: String, _ w: Int, right: Bool) -> String {
            let fill = String(repeating: " ", count: max(0, w - s.count))
            return right ? fill + s : s + fill
        }
        var out = ""
        for row in rows {
            var line =
                "  " + pad(row[0], widths[0], right: false) + "  " + pad(row[1], widths[1], right: false)
                + "  " + pad(row[2], widths[2], right: true) + "  " + pad(row[3], widths[3], right: true)
            if !row[4].isEmpty { line += "  " + row[4] }
            out += line + "\n"
        }
        return out
    }

    /// Records are records and findings are findings: a record with three
    /// findings counts once among the records.
    static func totals(_ r: ValidationResult, asOf: String? = nil) -> String {
        var validated = "\(r.validated) validated"
        if r.judgedAsOf > 0 {
            validated += " (\(r.judgedAsOf) of them dated outside the ruleset's dates, judged as of \(asOf ?? "--as-of"))"
        }
        return "records: \(r.read) read, \(validated), \(r.rejected) rejected"
            + (r.outside > 0 ? ", \(r.outside) outside the ruleset's dates (not judged)" : "") + "; findings: "
            + "\(r.count(.error)) error, \(r.count(.warning)) warning, \(r.count(.info)) info\n"
    }
}
