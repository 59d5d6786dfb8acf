import RegelCheck
import RegelData
import RegelRun
import RegelSyntax
import RegelValues

/// The `regelverk` command line: picks the subcommand and maps what happened
/// to an exit status. Each subcommand lives in its own file.
public enum RegelverkCLI {
    /// The program's version, shown by `--version` and in the help.
    public static let version = "0.9.0"

    public static let usage = """
        regelverk — registration rules for Swedish healthcare, as plain-text rule files

        usage: regelverk <command> [options]
               regelverk help <command>     that command's help
               regelverk --version          the version (\(version))

        commands for editing rulesets:
          check FILE|DIR...       check rule files; every mistake with line and column
          test FILE|DIR...        run the tests written inside rule files
          format FILE|DIR...      print rule files in the canonical layout (--write, --check)
          diff OLD NEW            what changed in meaning between two versions (--data: on which records)
          lsp                     a language server for editors (diagnostics, hover, formatting)
        commands for data:
          validate --rules FILE DATA...   check records against a ruleset
          report --rules FILE DATA...     compute a ruleset's measures
          read [--rules FILE] DATA...     show how Regelverk reads an export
          explain --rules FILE --record ID DATA...   why one record got its findings
          generate RULESET --records N    write realistic test records for a ruleset's contract
          sql --dialect D --rules FILE    print the ruleset as one SQL query (duckdb, postgresql, spark)

        `regelverk <command> --help` tells more, with an example and its exit status.
        Exit status: 2 for a usage, rule-file or input error; otherwise 0, except status 1 for
          validate  a finding of severity error (or of the severity --fail-on names)
          test      a failing test
          read      a cell or record that could not be read
          diff      a change in meaning between the two versions
        The other commands never exit with 1.

        """

    public static func main(_ args: [String], console: Console) -> Int32 {
        let status = run(args, console: console)
        if let failure = console.outputFailure {
            console.err("regelverk \(args.first ?? ""): \(failure)\n")
            return 2
        }
        return status
    }

    static func run(_ args: [String], console: Console) -> Int32 {
        guard let command = args.first else {
            console.err(usage)
            return 2
        }
        let rest = Array(args.dropFirst())
        do {
            switch command {
            case "check": return try CheckCommand.run(rest, console)
            case "validate": return try ValidateCommand.run(rest, console)
            case "report": return try ReportCommand.run(rest, console)
            case "read": return try ReadCommand.run(rest, console)
            case "test": return try TestCommand.run(rest, console)
            case "diff": return try DiffCommand.run(rest, console)
            case "generate": return try GenerateCommand.run(rest, console)
            case "format": return try FormatCommand.run(rest, console)
            case "explain": return try ExplainCommand.run(rest, console)
            case "lsp": return try LSPCommand.run(rest, console)
            case "sql": return try SQLCommand.run(rest, console)
            case "help" where !rest.isEmpty:
                // `regelverk help validate` is `regelverk validate --help`.
                return main([rest[0], "--help"], console: console)
            case "-h", "--help", "help":
                console.out(usage)
                return 0
            case "--version", "version":
                console.out("regelverk \(version)\n")
                return 0
            default:
                let known = ["check", "validate", "report", "read", "test", "diff", "generate", "format", "explain", "lsp", "sql"]
                let hint = closest(command, among: known).map { " Did you mean `\($0)`?" } ?? ""
                console.err("regelverk: unknown command `\(command)`.\(hint)\n\n" + usage)
                return 2
            }
        } catch let error as UsageError {
            // Messages quote arguments, header names and cells: what a terminal would take for a control is shown instead.
            console.err(
                "regelverk \(TerminalText.escape(command)): \(TerminalText.escape(error.description, keepingLineBreaks: true))\nSee `regelverk "
                    + "\(TerminalText.escape(command)) --help`.\n"
            )
            return 2
        } catch let error as InputError {
            console.err("regelverk \(command): \(TerminalText.escape(error.description, keepingLineBreaks: true))\n")
            return 2
        } catch {
            console.err("regelverk \(command): \(TerminalText.escape(String(describing: error), keepingLineBreaks: true))\n")
            return 2
        }
    }

    /// Loads rule files and prints their diagnostics; nil when any has an
    /// error, including versions of one ruleset that overlap.
    static func loadRulesets(_ paths: [String], _ console: Console) throws -> [CheckedRuleset]? {
        var checked: [CheckedRuleset] = []
        var failed = false
        let renderer = DiagnosticRenderer(colour: console.colourErr)
        for path in try RulesetLoader.expand(paths) {
            let loaded = try RulesetLoader.load(path: path)
            for d in loaded.diagnostics { console.err(renderer.render(d, in: loaded.file)) }
            if let c = loaded.checked, !loaded.hasErrors { checked.append(c) } else { failed = true }
        }
        for (file, d) in Versions.check(checked) {
            console.err(renderer.render(d, in: file))
            if d.severity == .error { failed = true }
        }
        return failed ? nil : checked
    }
}
