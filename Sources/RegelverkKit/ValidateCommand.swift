import Foundation
import RegelData
import RegelBuiltins
import RegelCheck
import RegelEval
import RegelRun
import RegelSyntax

enum ValidateCommand {
    static let help = """
        usage: regelverk validate --rules FILE [--param NAME=VALUE]... [--format text|jsonl|csv|excel-sv|html|markdown|junit]
                                  [--output FILE] [--show-personnummer] [--max-per-rule N] [--input-format csv|jsonl]
                                  [--encoding utf8|windows1252] [--delimiter ,|;|tab] [--column NAME=HEADER]... [--columns FILE]
                                  [--as-of DATE] [--fail-on error|warning|info] DATA...

        Checks every record of the exports DATA (CSV or JSON Lines; - reads standard input)
        against the ruleset and prints one finding per broken rule and record. A cell that
        cannot be read is a finding of its own; the record's other rules still run.
        A summary goes to standard error: per rule the records it judged and its findings, then
        records read, validated, rejected and findings per severity. A column of the ruleset
        that the export lacks is reported once; the rules that read it are not judged.
        --column NAME=HEADER reads the export's column HEADER as the ruleset's NAME (repeatable);
        --columns FILE reads such pairs from FILE, one `NAME = HEADER` a line, # for comments.
        --as-of DATE judges records dated outside the ruleset's dates with the version in
        force on DATE. --fail-on warning (or info) makes such findings exit 1 too.
        html is one self-contained page (summary, findings per rule, charts per rule, unit and
        month, the records); markdown suits a pull-request comment; junit is for CI; excel-sv
        is CSV for Swedish Excel (; separated, UTF-8 with BOM, CRLF, decimal comma).
        Every format shows personnummer and samordningsnummer as 19811218-**** unless
        --show-personnummer is given. --max-per-rule N shows at most N findings of each
        rule in text output, then how many more there are.

        example:
          regelverk validate --rules rulesets/skane-distans.regel rulesets/examples/skane-distans.csv
          regelverk validate --rules rulesets/skr-aterbesok.regel --format jsonl --output fynd.jsonl besok.csv
          regelverk validate --rules rulesets/skane-distans.regel --format html --output rapport.html rulesets/examples/skane-distans.csv

        exit status: 0 no finding of severity error (or the --fail-on severity), 1 some, 2 usage,
        rule-file or input error, or no record judged because all are outside the ruleset's dates.

        """

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(
            args,
            options: [
                "--rules", "--param", "--format", "--output", "--input-format", "--encoding", "--delimiter", "--max-per-rule",
                "--column", "--columns", "--as-of", "--fail-on"
            ],
            flags: Set(["--help"]).union(OutputOptions.flags))
        if a.has("--help") { console.out(help); return 0 }
        let options = try DataOptions(a, formats: ValidateReportOutput.formats)
        let shown = try OutputOptions(a, textFormat: options.formatName == "text")
        let failOn = try failOnSeverity(a.value("--fail-on"))
        guard let rulesets = try RegelverkCLI.loadRulesets(options.rules, console) else { return 2 }
        let versions = try sameRuleset(rulesets)
        try options.columns.check(against: versions)
        let asOf = try DatesInForce.asOf(a.value("--as-of"), versions, console)
        let params = try Parameters.resolve(a.all("--param"), for: versions)
        if ValidateReportOutput.formats.contains(options.formatName) {
            return try ValidateReportOutput.run(
                options, versions: versions, params: params, mask: shown.maskPersonnummer,
                asOf: asOf, failOn: failOn, console)
        }
        let sink = try OutputSink(path: options.output, inputs: options.data + options.rules, console: console)
        var sources = try options.sources(console)
        let progress = ProgressLine.start(for: sources, console)
        if let progress { sources = progress.counting(sources) }
        let writer = FindingWriter(format: options.format, colour: options.output == nil && console.colourOut, csv: options.csv)
        let stream = FindingStream(writer, sink, mask: FindingMask(versions, enabled: shown.maskPersonnummer), maxPerRule: shown.maxPerRule)
        let result: ValidationResult
        do {
            result = try Validation.stream(
                versions: versions, params: params, sources: sources, format: options.inputFormat,
                encoding: options.encoding, asOf: asOf
            ) { batch in
                // Absent columns are told at once on standard error; the structured outputs list them too.
                let columns = batch.filter { $0.kind == .column }
                for f in columns { say(columnNotice(f.file, f.severity, f.message), progress, console) }
                stream.write(columns.isEmpty || writer.format != .text ? batch : batch.filter { $0.kind != .column })
            }
            for source in sources { try options.checkUnchanged(source) }
        } catch {
            progress?.stop()
            sink.abandon()
            throw error
        }
        progress?.stop()
        try stream.finish()
        Timing.mark("write")
        return finish(result, versions, asOf: asOf, failOn: failOn, console)
    }

    /// The summary, the dates-in-force message, and the exit status.
    static func finish(_ result: ValidationResult, _ versions: [CheckedRuleset], asOf: Day?, failOn: Severity, _ console: Console) -> Int32 {
        console.err(RunSummary.render(result, asOf: asOf.map(\.description)))
        if let outside = DatesInForce.describe(result, versions) { console.err(outside) }
        if result.read > 0 && result.validated == 0 && result.outside > 0 { return 2 }
        return result.hasFinding(atLeast: failOn) ? 1 : 0
    }

    /// `--fail-on`: the least severe finding that makes the exit status 1 (default error).
    static func failOnSeverity(_ value: String?) throws -> Severity {
        guard let value else { return .error }
        guard let severity = Severity(rawValue: value) else {
            throw UsageError("--fail-on \(value): choose error, warning or info (a finding of that severity or a more severe one makes the exit status 1)")
        }
        return severity
    }

    /// One line for an absent column, at the header line of its file.
    static func columnNotice(_ file: String, _ severity: Severity, _ message: String) -> String {
        TerminalText.escape("\(file):1: \(severity.rawValue): \(message)") + "\n"
    }

    static func say(_ text: String, _ progress: ProgressLine?, _ console: Console) {
        if let progress { progress.interject(text) } else { console.err(text) }
    }

    /// One ruleset, possibly in several versions (files with the same name).
    static func sameRuleset(_ rulesets: [CheckedRuleset]) throws -> [CheckedRuleset] {
        let names = Set(rulesets.map(\.name))
        guard names.count == 1 else {
            throw UsageError(
                "--rules names \(names.count) different rulesets (\(names.sorted().joined(separator: ", "))); validate one at a time, or give several versions "
                    + "of the same one"
            )
        }
        return rulesets.sorted { ($0.effective ?? Day(ordinal: Int32.min)) < ($1.effective ?? Day(ordinal: Int32.min)) }
    }

    static func single(_ rulesets: [CheckedRuleset]) throws -> CheckedRuleset {
        guard rulesets.count == 1 else { throw UsageError("give one rule file with --rules") }
        return rulesets[0]
    }

    static func summary(_ r: ValidationResult) -> String { RunSummary.totals(r) }
}

/// The options every data command shares.
struct DataOptions {
    var rules: [String]
    var data: [String]
    var format: OutputFormat
    /// The format as given: one of OutputFormat's, or one of the command's `extra` formats.
    var formatName: String
    var output: String?
    var inputFormat: RecordFormat?
    /// UTF-8 always: `sources` transcodes every input (see `InputDecoding`).
    var encoding: TextEncoding = .utf8
    var forcedEncoding: TextEncoding?
    var delimiter: UInt8?
    /// `--column` and `--columns`: export headers read as the ruleset's column names.
    var columns: ColumnMapping
    /// How CSV output is written: `--format excel-sv` is CSV for Swedish Excel.
    var csv = CSVDialect.standard

    init(_ a: Arguments, rulesRequired: Bool = true, formats extra: [String] = []) throws {
        rules = a.all("--rules")
        if rulesRequired && rules.isEmpty { throw UsageError("--rules FILE is required: the ruleset to run") }
        data = a.positional
        if data.isEmpty { throw UsageError("name the data files to read (CSV or JSON Lines; - for standard input)") }
        let f = a.value("--format") ?? "text"
        formatName = f
        if extra.contains(f) {
            format = .text
        } else if f == OutputOptions.excelFormat {
            format = .csv
            csv = .excelSwedish
        } else {
            guard let format = OutputFormat(rawValue: f) else {
                throw UsageError(
                    "--format \(f): choose " + (OutputFormat.allCases.map(\.rawValue) + [OutputOptions.excelFormat] + extra).joined(separator: ", "))
            }
            self.format = format
        }
        output = a.value("--output")
        switch a.value("--input-format") {
        case nil: inputFormat = nil
        case "csv": inputFormat = .csv
        case "jsonl", "json": inputFormat = .jsonLines
        case let other?: throw UsageError("--input-format \(other): choose csv or jsonl")
        }
        switch a.value("--encoding") {
        case nil, "auto": forcedEncoding = nil
        case "utf8", "utf-8": forcedEncoding = .utf8
        case "windows1252", "latin1", "cp1252", "ansi": forcedEncoding = .windows1252
        case let other?: throw UsageError("--encoding \(other): choose utf8 or windows1252 (or leave it out: UTF-8, UTF-16 and Windows-1252 are detected)")
        }
        switch a.value("--delimiter") {
        case nil: delimiter = nil
        case ",", "comma": delimiter = UInt8(ascii: ",")
        case ";", "semicolon": delimiter = UInt8(ascii: ";")
        case "\t", "\\t", "tab": delimiter = UInt8(ascii: "\t")
        case let other?: throw UsageError("--delimiter \(other): choose , ; or tab (or leave it out: it is detected from the header row)")
        }
        columns = try ColumnMapping(options: a.all("--column"), file: a.value("--columns"))
    }

    /// Every input as UTF-8, with a notice on standard error when its
    /// encoding was detected as something else.
    func sources(_ console: Console? = nil) throws -> [DataSource] {
        try data.map { path in
            var source: DataSource
            do { source = try DataSource.load(path: path) } catch { throw InputError(String(describing: error)) }
            source.delimiter = delimiter
            source.columnAliases = columns.aliases
            let decoded: InputDecoding.Decoded
            do { decoded = try InputDecoding.utf8(source, forced: forcedEncoding) } catch { throw InputError(String(describing: error)) }
            if let notice = decoded.notice { console?.err("note: \(notice)\n") }
            return decoded.source
        }
    }

    /// The run's results are not given when an input changed while it was read.
    func checkUnchanged(_ source: DataSource) throws(InputError) {
        do { try source.checkUnchanged() } catch { throw InputError(error.description) }
    }

    func emit(_ text: String, _ console: Console) throws {
        guard let output else { console.out(text); return }
        try OutputFile.replace(output, with: text, inputs: data + rules)
    }
}
