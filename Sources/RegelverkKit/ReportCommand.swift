import RegelCheck
import RegelEval
import RegelRun

enum ReportCommand {
    static let help = """
        usage: regelverk report --rules FILE [--param NAME=VALUE]... [--format text|jsonl|csv|excel-sv|html]
                                [--output FILE] [--show-personnummer] [--input-format csv|jsonl]
                                [--encoding utf8|windows1252] [--delimiter ,|;|tab]
                                [--column NAME=HEADER]... [--columns FILE] [--as-of DATE] DATA...

        Computes the ruleset's measures (counts, sums and ratios per group) over the
        records of DATA, all files together. Text is an aligned table; jsonl gives one
        line per measure and group: {"measure": …, "group": {…}, "values": {…}}; a
        ratio with an empty denominator is null. html is one self-contained page with each
        measure's table and a chart of its share (or first value) per group. excel-sv is
        CSV for Swedish Excel (; separated, UTF-8 with BOM, CRLF, decimal comma). A group
        value that is a personnummer is shown as 19811218-**** unless --show-personnummer.
        Records are counted where the ruleset is in force; --as-of DATE counts the others too.
        A measure that reads a column the export lacks is not computed, and standard error says so.

        example:
          regelverk report --rules rulesets/skr-aterbesok.regel --param referensdatum=2025-06-30 \\
                           rulesets/examples/skr-aterbesok.csv
          regelverk report --rules rulesets/skr-aterbesok.regel --format html --output matt.html rulesets/examples/skr-aterbesok.csv

        exit status: 0 done, 2 usage, rule-file or input error.

        """

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(
            args,
            options: [
                "--rules", "--param", "--format", "--output", "--input-format", "--encoding", "--delimiter",
                "--column", "--columns", "--as-of"
            ],
            flags: Set(["--help"]).union(OutputOptions.flags))
        if a.has("--help") { console.out(help); return 0 }
        let options = try DataOptions(a, formats: ["html"])
        let mask = try OutputOptions(a).maskPersonnummer
        guard let rulesets = try RegelverkCLI.loadRulesets(options.rules, console) else { return 2 }
        let ruleset = try ValidateCommand.single(rulesets)
        if ruleset.measures.isEmpty {
            throw InputError("the ruleset \(ruleset.name) defines no measures; `report` computes measures (use `validate` for rules)")
        }
        try options.columns.check(against: [ruleset])
        let asOf = try DatesInForce.asOf(a.value("--as-of"), [ruleset], console)
        let params = try Parameters.resolve(a.all("--param"), for: ruleset)
        let sources = try options.sources(console)
        let progress = ProgressLine.start(for: sources, console)
        let results: [MeasureResult], data: ValidationResult
        do {
            (results, data) = try Validation.measures(
                ruleset, params: params, sources: progress?.counting(sources) ?? sources,
                format: options.inputFormat, encoding: options.encoding, asOf: asOf)
        } catch {
            progress?.stop()
            throw error
        }
        progress?.stop()
        for source in sources { try options.checkUnchanged(source) }
        for a in data.absentColumns { console.err(ValidateCommand.columnNotice(a.file, a.severity, a.message)) }
        if options.formatName == "html" {
            try options.emit(MeasureHTMLReport(ruleset: ruleset, results: results, data: data, inputs: options.data, mask: mask).render(), console)
        } else {
            try options.emit(MeasureWriter(format: options.format, csv: options.csv, maskPersonnummer: mask).render(results), console)
        }
        if !data.findings.isEmpty {
            console.err("\(data.findings.count) cell or record problem\(data.findings.count == 1 ? "" : "s") in the data (run `validate` to see them)\n")
        }
        let asOfNote =
            data.judgedAsOf > 0 ? " (\(data.judgedAsOf) of them dated outside the ruleset's dates, counted as of \(asOf.map(\.description) ?? ""))" : ""
        console.err(
            "records: \(data.read) read, \(data.validated) counted\(asOfNote), \(data.rejected) rejected"
                + (data.outside > 0 ? ", \(data.outside) outside the ruleset's dates (not counted)" : "") + "\n")
        return 0
    }
}
