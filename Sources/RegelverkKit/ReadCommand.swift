import RegelData
import RegelCheck
import RegelEval
import RegelRun
import RegelValues

enum ReadCommand {
    static let help = """
    usage: regelverk read [--rules FILE] [--output FILE] [--input-format csv|jsonl]
                          [--encoding utf8|windows1252] [--delimiter ,|;|tab]
                          [--column NAME=HEADER]... [--columns FILE] DATA...

    Prints the records as Regelverk reads them, one JSON object per line (to FILE
    with --output). Without --rules every cell is shown as text; with it, cells are
    converted to the ruleset's types and each problem is reported on standard error,
    so you can see how your export is understood before validating it. With --column
    or --columns, a mapped export header is shown under the ruleset's column name.

    example:
      regelverk read rulesets/examples/vgr-primar-sekundar.csv | head
      regelverk read --rules rulesets/skane-distans.regel rulesets/examples/skane-distans.csv

    exit status: 0 read without problems, 1 some cells or records had problems, 2 usage or input error.

    """

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, options: ["--rules", "--input-format", "--encoding", "--output", "--delimiter", "--column", "--columns"],
                              flags: ["--help"])
        if a.has("--help") { console.out(help); return 0 }
        let options = try DataOptions(a, rulesRequired: false)
        var problems = 0
        var out = ""
        if options.rules.isEmpty {
            let shownName = Dictionary(options.columns.aliases.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
            for source in try options.sources(console) {
                var reader: RecordReader
                do { reader = try RecordReader(source: source, format: options.inputFormat, encoding: options.encoding) } catch {
                    throw InputError("\(source.name):\(error.line): \(error.message)")
                }
                while let r = reader.next() {
                    if let p = r.problem {
                        problems += 1
                        console.err("\(source.name):\(r.line): \(p.message)\n")
                        continue
                    }
                    let cells = zip(reader.selected.map { shownName[$0] ?? $0 }, r.cells).map { name, cell -> String in
                        let v: String = switch cell {
                        case .missing: "null"
                        case .text(let s): JSONText.quote(s)
                        case .list(let items): "[" + items.map(JSONText.quote).joined(separator: ",") + "]"
                        }
                        return JSONText.quote(name) + ":" + v
                    }
                    out += "{\"_line\":\(r.line)," + cells.joined(separator: ",") + "}\n"
                }
                try options.checkUnchanged(source)
            }
        } else {
            guard let rulesets = try RegelverkCLI.loadRulesets(options.rules, console) else { return 2 }
            let ruleset = try ValidateCommand.single(rulesets)
            try options.columns.check(against: [ruleset])
            for source in try options.sources(console) {
                let reader = try TableReader(source, for: ruleset, format: options.inputFormat, encoding: options.encoding)
                for a in ColumnReport.absent(ruleset, source: source, reader: reader) {
                    console.err(ValidateCommand.columnNotice(a.file, a.severity, a.message))
                }
                let loaded = TableLoader.load(reader)
                try options.checkUnchanged(source)
                for f in loaded.dataFindings {
                    problems += 1
                    console.err("\(f.file):\(f.line): \(f.record): \(f.message)\n")
                }
                let table = loaded.table
                for row in 0..<table.count {
                    let cells = ruleset.fields.map { field -> String in
                        let bad = table.isBad(field.slot, row)
                        return JSONText.quote(field.name) + ":" + (bad ? "null" : json(table.value(field.slot, row)))
                    }
                    out += "{\"_line\":\(table.lines[row])," + cells.joined(separator: ",") + "}\n"
                }
            }
        }
        try options.emit(out, console)
        return problems > 0 ? 1 : 0
    }

    static func json(_ v: Value) -> String {
        switch v {
        case .missing: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let n): String(n)
        case .decimal(let d): Value.format(d)
        case .list(let items): "[" + items.map(json).joined(separator: ",") + "]"
        default: JSONText.quote(v.description)
        }
    }
}
