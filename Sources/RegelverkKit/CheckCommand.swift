import RegelCheck
import RegelRun
import RegelSyntax

enum CheckCommand {
    static let help = """
    usage: regelverk check FILE|DIR...

    Checks rule files without reading any data: syntax, names, types against the
    record schema, codes, citations. Every problem is reported with
    file:line:column, the line, a caret under the spot and a hint.
    A directory stands for all .regel files in it.

    example:
      regelverk check rulesets/
      regelverk check rulesets/stockholm-rehab.regel

    exit status: 0 no errors (warnings are printed), 2 errors.

    """

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, options: [], flags: ["--help"])
        if a.has("--help") { console.out(help); return 0 }
        guard !a.positional.isEmpty else { throw UsageError("name the rule files or directories to check") }
        var errors = 0, warnings = 0, files = 0
        let renderer = DiagnosticRenderer(colour: console.colourErr)
        var checked: [CheckedRuleset] = []
        for path in try RulesetLoader.expand(a.positional) {
            let loaded = try RulesetLoader.load(path: path)
            files += 1
            for d in loaded.diagnostics {
                console.err(renderer.render(d, in: loaded.file))
                if d.severity == .error { errors += 1 } else { warnings += 1 }
            }
            if let c = loaded.checked { checked.append(c) }
        }
        for (file, d) in Versions.check(checked) {
            console.err(renderer.render(d, in: file))
            if d.severity == .error { errors += 1 } else { warnings += 1 }
        }
        console.err("checked \(files) file\(files == 1 ? "" : "s"): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        return errors > 0 ? 2 : 0
    }
}
