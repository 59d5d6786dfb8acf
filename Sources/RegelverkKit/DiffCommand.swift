import Foundation
import RegelData
import RegelCheck
import RegelDiff

enum DiffCommand {
    static let help = """
        usage: regelverk diff [--format text|markdown|jsonl] [--output FILE]
                              [--data FILE]... [--param NAME=VALUE]... [--show-personnummer]
                              [--input-format csv|jsonl] [--encoding utf8|windows1252]
                              [--column NAME=HEADER]... [--columns FILE] OLD NEW

        Compares two versions of a ruleset by what they mean, not line by line: the
        header, the record's fields, code sets, parameters, definitions, notes, rules,
        caps with their checks, and measures, matched by name (rules by id). Each
        change is said in the rules' own terms — a threshold 10 → 8, the smallest part
        of a condition that differs, a severity, a code added to a field — with the old
        and new source. A rule whose id changed and nothing else is a rename. For a
        changed definition, code set or parameter it names the rules that use it.
        Reformatting, reordering and comments are no change; tests are not part of the
        meaning. OLD and NEW are two rule files, or two directories whose rule files
        are matched by ruleset name.

        With --data, both versions run on the same records (CSV or JSON Lines): per
        rule the records newly flagged and no longer flagged, with counts and the first
        five; per measure the figures that differ. --param applies to both versions, and
        so do --column and --columns (export headers read as the ruleset's column names).
        A measure's group that is a personnummer is shown as 19811218-**** unless
        --show-personnummer is given.

        --format markdown writes a change note (headings, tables); jsonl writes one JSON
        object per change, {"kind": "rule-changed", "id": …, "aspect": "require",
        "old": …, "new": …, "old_source": …, "new_source": …}, and one per rule whose
        findings change, {"kind": "impact", "rule": …, "newly_flagged": N, …}.

        example:
          regelverk diff rulesets/stockholm-rehab.regel stockholm-rehab-ny.regel
          regelverk diff --data rulesets/examples/stockholm-rehab.csv --format markdown \\
                         rulesets/stockholm-rehab.regel stockholm-rehab-ny.regel

        exit status: 0 no semantic change, 1 changes, 2 usage, rule-file or input error.

        """

    enum Format: String { case text, markdown, jsonl }

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(
            args, options: ["--format", "--output", "--data", "--param", "--input-format", "--encoding", "--column", "--columns"],
            flags: Set(["--help"]).union(OutputOptions.flags))
        if a.has("--help") { console.out(help); return 0 }
        guard a.positional.count == 2 else {
            throw UsageError("give the two versions to compare, OLD and NEW (two rule files or two directories)")
        }
        let f = a.value("--format") ?? "text"
        guard let format = Format(rawValue: f == "md" ? "markdown" : f) else { throw UsageError("--format \(f): choose text, markdown or jsonl") }
        let data = a.all("--data")
        if data.isEmpty && !a.all("--param").isEmpty { throw UsageError("--param sets a parameter for --data; give the data with --data FILE") }
        if data.isEmpty && (!a.all("--column").isEmpty || a.value("--columns") != nil) {
            throw UsageError("--column and --columns map the columns of --data; give the data with --data FILE")
        }
        let inputFormat = try Self.inputFormat(a.value("--input-format"))
        let encoding = try Self.encoding(a.value("--encoding"))

        let (oldPath, newPath) = (a.positional[0], a.positional[1])
        let oldIsDirectory = try isDirectory(oldPath), newIsDirectory = try isDirectory(newPath)
        guard oldIsDirectory == newIsDirectory else {
            throw UsageError(
                "compare a rule file with a rule file, or a directory with a directory ('\(oldPath)' is \(oldIsDirectory ? "a directory" : "a file"), "
                    + "'\(newPath)' is not)"
            )
        }
        let olds = try RegelverkCLI.loadRulesets([oldPath], console)
        let news = try RegelverkCLI.loadRulesets([newPath], console)
        guard let olds, let news else { return 2 }
        let pairing = oldIsDirectory ? try RulesetPairing.byName(old: olds, new: news) : .files(olds[0], news[0])

        var report = DiffReport(
            comparisons: pairing.pairs.map { DiffReport.Comparison(diff: Differ.diff(old: $0.old, new: $0.new)) },
            addedRulesets: pairing.added.map(RulesetSide.init), removedRulesets: pairing.removed.map(RulesetSide.init))
        if !data.isEmpty {
            let changed = report.comparisons.indices.filter { report.comparisons.count == 1 || report.comparisons[$0].diff.hasSemanticChanges }
            if changed.count > 1 {
                let names = changed.map { report.comparisons[$0].diff.new.name }.joined(separator: ", ")
                throw UsageError("--data runs one ruleset, but \(changed.count) rulesets changed (\(names)); compare their two rule files instead")
            }
            let mapping = try ColumnMapping(options: a.all("--column"), file: a.value("--columns"))
            try mapping.check(against: changed.flatMap { [pairing.pairs[$0].old, pairing.pairs[$0].new] })
            let sources = try data.map { path throws(InputError) in
                do {
                    var source = try DataSource.load(path: path)
                    source.columnAliases = mapping.aliases
                    return source
                } catch { throw InputError(String(describing: error)) }
            }
            for i in changed {
                let pair = pairing.pairs[i]
                report.comparisons[i].impact = try ImpactAnalysis.run(
                    report.comparisons[i].diff, old: pair.old, new: pair.new,
                    params: a.all("--param"), sources: sources,
                    format: inputFormat, encoding: encoding)
            }
            for source in sources {
                do { try source.checkUnchanged() } catch { throw InputError(error.description) }
            }
        }

        let output = a.value("--output")
        report = ImpactData.shown(report, mask: try OutputOptions(a).maskPersonnummer, terminal: format == .text)
        let text =
            switch format {
            case .text: DiffTextRenderer(colour: output == nil && console.colourOut).render(report)
            case .markdown: DiffMarkdownRenderer().render(report)
            case .jsonl: DiffJSONRenderer().render(report)
            }
        if let output {
            try OutputFile.replace(output, with: text, inputs: data + [oldPath, newPath])
        } else {
            console.out(text)
        }
        return report.hasSemanticChanges ? 1 : 0
    }

    static func isDirectory(_ path: String) throws(InputError) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError("no such file or directory: '\(path)'")
        }
        return isDirectory.boolValue
    }

    static func inputFormat(_ value: String?) throws(UsageError) -> RecordFormat? {
        switch value {
        case nil: nil
        case "csv": .csv
        case "jsonl", "json": .jsonLines
        case let other?: throw UsageError("--input-format \(other): choose csv or jsonl")
        }
    }

    static func encoding(_ value: String?) throws(UsageError) -> TextEncoding {
        switch value ?? "utf8" {
        case "utf8", "utf-8": .utf8
        case "windows1252", "latin1", "cp1252": .windows1252
        case let other: throw UsageError("--encoding \(other): choose utf8 or windows1252")
        }
    }
}
