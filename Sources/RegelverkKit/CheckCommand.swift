import RegelCheck
import RegelRun
import RegelSyntax

enum CheckCommand {
    static let help = """
        usage: regelverk check [--format text|json|sarif] FILE|DIR...

        Checks rule files without reading any data: syntax, names, types against the
        record schema, codes, citations. Every problem is reported with
        file:line:column, the line, a caret under the spot and a hint.
        A directory stands for all .regel files in it. --format json prints the diagnostics
        as one JSON document, --format sarif as SARIF 2.1.0 for code scanning.

        example:
          regelverk check rulesets/
          regelverk check rulesets/stockholm-rehab.regel
          regelverk check --format sarif rulesets/ > regelverk.sarif

        exit status: 0 no errors (warnings are printed), 2 errors.

        """

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, options: ["--format"], flags: ["--help"])
        if a.has("--help") { console.out(help); return 0 }
        let format = a.value("--format") ?? "text"
        guard ["text", "json", "sarif"].contains(format) else { throw UsageError("--format \(format): choose text, json or sarif") }
        var items: [DiagnosticOutputs.Item] = []
        guard !a.positional.isEmpty else { throw UsageError("name the rule files or directories to check") }
        var errors = 0, warnings = 0, files = 0
        let renderer = DiagnosticRenderer(colour: console.colourErr)
        var checked: [CheckedRuleset] = []
        for path in try RulesetLoader.expand(a.positional) {
            let loaded = try RulesetLoader.load(path: path)
            files += 1
            for d in loaded.diagnostics {
                items.append(.init(file: loaded.file, diagnostic: d))
                if format == "text" { console.err(renderer.render(d, in: loaded.file)) }
                if d.severity == .error { errors += 1 } else { warnings += 1 }
            }
            if let c = loaded.checked { checked.append(c) }
        }
        for (file, d) in Versions.check(checked) {
            items.append(.init(file: file, diagnostic: d))
            if format == "text" { console.err(renderer.render(d, in: file)) }
            if d.severity == .error { errors += 1 } else { warnings += 1 }
        }
        if format == "json" { console.out(DiagnosticOutputs(items: items, files: files).json()) }
        if format == "sarif" { console.out(DiagnosticOutputs(items: items, files: files).sarif()) }
        console.err("checked \(files) file\(files == 1 ? "" : "s"): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        return errors > 0 ? 2 : 0
    }
}
