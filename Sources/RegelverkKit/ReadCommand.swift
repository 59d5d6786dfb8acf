import RegelBuiltins
import RegelData
import RegelCheck
import RegelRun
import RegelEval
import RegelValues

enum ReadCommand {
    static let help = """
        usage: regelverk read [--rules FILE] [--output FILE] [--show-personnummer] [--input-format csv|jsonl]
                              [--encoding utf8|windows1252] [--delimiter ,|;|tab]
                              [--column NAME=HEADER]... [--columns FILE] DATA...

        Prints the records as Regelverk reads them, one JSON object per line (to FILE
        with --output), as they are read. Without --rules every cell is shown as text;
        with it, cells are converted to the ruleset's types and each problem is reported
        on standard error, so you can see how your export is understood before validating
        it. Personnummer and samordningsnummer are shown as 19811218-**** unless
        --show-personnummer is given. With --column or --columns, a mapped export header
        is shown under the ruleset's column name.

        example:
          regelverk read rulesets/examples/vgr-primar-sekundar.csv | head
          regelverk read --rules rulesets/skane-distans.regel rulesets/examples/skane-distans.csv

        exit status: 0 read without problems, 1 some cells or records had problems, 2 usage or input error.

        """

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(
            args, options: ["--rules", "--input-format", "--encoding", "--output", "--delimiter", "--column", "--columns"],
            flags: Set(["--help"]).union(OutputOptions.flags))
        if a.has("--help") { console.out(help); return 0 }
        let options = try DataOptions(a, rulesRequired: false)
        let mask = try OutputOptions(a).maskPersonnummer
        var ruleset: CheckedRuleset?
        if !options.rules.isEmpty {
            guard let rulesets = try RegelverkCLI.loadRulesets(options.rules, console) else { return 2 }
            ruleset = try ValidateCommand.single(rulesets)
            try options.columns.check(against: rulesets)
        }
        let sink = try OutputSink(path: options.output, inputs: options.data + options.rules, console: console)
        let problems: Int
        do {
            if let ruleset {
                problems = try typed(ruleset, options, mask: mask, sink, console)
            } else {
                problems = try cells(options, mask: mask, sink, console)
            }
        } catch {
            sink.abandon()
            throw error
        }
        try sink.close()
        return problems > 0 ? 1 : 0
    }

    /// Every cell as text, a record at a time.
    static func cells(_ options: DataOptions, mask: Bool, _ sink: OutputSink, _ console: Console) throws -> Int {
        var problems = 0
        func text(_ s: String) -> String { JSONText.quote(mask ? PersonnummerMask.maskAll(in: s) : s) }
        for source in try options.sources(console) {
            var reader: RecordReader
            do { reader = try RecordReader(source: source, format: options.inputFormat, encoding: options.encoding) } catch {
                throw InputError("\(source.name):\(error.line): \(error.message)")
            }
            let shownName = Dictionary(options.columns.aliases.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
            let names = reader.selected.map { JSONText.quote(shownName[$0] ?? $0) + ":" }
            while let r = reader.next() {
                if let p = r.problem {
                    problems += 1
                    console.err(TerminalText.escape("\(source.name):\(r.line): \(mask ? PersonnummerMask.maskAll(in: p.message) : p.message)") + "\n")
                    continue
                }
                var line = "{\"_line\":\(r.line)"
                for (name, cell) in zip(names, r.cells) {
                    line += "," + name
                    switch cell {
                    case .missing: line += "null"
                    case .text(let s): line += text(s)
                    case .list(let items): line += "[" + items.map(text).joined(separator: ",") + "]"
                    }
                }
                sink.write(line + "}\n")
            }
            try options.checkUnchanged(source)
        }
        return problems
    }

    /// The schema's columns converted to their types, a chunk of records at a time.
    static func typed(_ ruleset: CheckedRuleset, _ options: DataOptions, mask: Bool, _ sink: OutputSink, _ console: Console) throws -> Int {
        var problems = 0
        let findingMask = FindingMask([ruleset], enabled: mask)
        let names = ruleset.fields.map { JSONText.quote($0.name) + ":" }
        for source in try options.sources(console) {
            var reader = try TableReader(source, for: ruleset, format: options.inputFormat, encoding: options.encoding)
            for a in ColumnReport.absent(ruleset, source: source, reader: reader) {
                console.err(ValidateCommand.columnNotice(a.file, a.severity, a.message))
            }
            while let chunk = reader.next(maxRows: 1 << 16) {
                for f in findingMask.apply(chunk.dataFindings) {
                    problems += 1
                    console.err(TerminalText.escape("\(f.file):\(f.line): \(f.record): \(f.message)") + "\n")
                }
                let table = chunk.table
                for row in 0..<table.count {
                    var line = "{\"_line\":\(table.lines[row])"
                    for (field, name) in zip(ruleset.fields, names) {
                        line += "," + name + (table.isBad(field.slot, row) ? "null" : json(table.value(field.slot, row), mask: mask))
                    }
                    sink.write(line + "}\n")
                }
            }
            try options.checkUnchanged(source)
        }
        return problems
    }

    static func json(_ v: Value, mask: Bool) -> String {
        switch v {
        case .missing: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let n): String(n)
        case .decimal(let d): Value.format(d)
        case .list(let items): "[" + items.map { json($0, mask: mask) }.joined(separator: ",") + "]"
        default: JSONText.quote(v.shown(maskingPersonnummer: mask))
        }
    }
}
