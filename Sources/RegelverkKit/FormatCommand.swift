import Foundation
import RegelCheck
import RegelData
import RegelSyntax

enum FormatCommand {
    static let help = """
        usage: regelverk format [--write | --check | --diff] FILE|DIR...

        Prints rule files in the canonical layout: one item a line, two-space
        indents, long conditions broken before `and` / `or`, parentheses only where
        they are needed. Items keep their order, and comments are kept. Only the layout changes, never the meaning (the file is parsed again
        and compared before anything is written).

        options:
          --write   rewrite the files in place (only those that change)
          --check   change nothing; list the files that are not formatted
          --diff    change nothing; print what formatting would change, as a unified diff

        example:
          regelverk format rulesets/stockholm-rehab.regel
          regelverk format --write rulesets/
          regelverk format --diff rulesets/

        exit status: 0 done (with --check or --diff: every file is formatted), 1 with --check or --diff: some
        file is not formatted, 2 a file has errors (it is left as it is) or a usage error.

        """

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, options: [], flags: ["--help", "--write", "--check", "--diff"])
        if a.has("--help") { console.out(help); return 0 }
        guard !a.positional.isEmpty else { throw UsageError("name the rule files or directories to format") }
        if [a.has("--write"), a.has("--check"), a.has("--diff")].filter({ $0 }).count > 1 { throw UsageError("give one of --write, --check and --diff") }
        let paths = try RulesetLoader.expand(a.positional)
        if !a.has("--write") && !a.has("--check") && !a.has("--diff") && paths.count > 1 {
            throw UsageError("printing works on one file; use --write, --check or --diff for several")
        }
        let renderer = DiagnosticRenderer(colour: console.colourErr)
        var failed = false, unformatted: [String] = []
        for path in paths {
            let loaded = try RulesetLoader.load(path: path)
            let errors = loaded.diagnostics.filter { $0.severity == .error && $0.code.hasPrefix("P") || $0.code.hasPrefix("L") }
            if !errors.isEmpty {
                for d in errors { console.err(renderer.render(d, in: loaded.file)) }
                failed = true
                continue
            }
            let formatted = Formatter.format(loaded.syntax, file: loaded.file)
            // The layout may change, the tree may not.
            let again = Parser.parse(SourceFile(path: path, text: formatted)).0
            guard SyntaxDump.render(again) == SyntaxDump.render(loaded.syntax) else {
                console.err("regelverk format: \(path): formatting would change the meaning; the file is left as it is (please report this)\n")
                failed = true
                continue
            }
            if a.has("--diff") {
                if formatted != loaded.file.text {
                    unformatted.append(path)
                    console.out(UnifiedDiff.render(old: loaded.file.text, new: formatted, oldName: path, newName: path + " (formatted)"))
                }
            } else if a.has("--check") || a.has("--write") {
                if formatted != loaded.file.text {
                    unformatted.append(path)
                    if a.has("--write") {
                        try OutputFile.replace(path, with: formatted)
                        console.err("formatted \(path)\n")
                    } else {
                        console.out("\(path)\n")
                    }
                }
            } else {
                console.out(formatted)
            }
        }
        if failed { return 2 }
        return (a.has("--check") || a.has("--diff")) && !unformatted.isEmpty ? 1 : 0
    }
}
