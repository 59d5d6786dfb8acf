import RegelData
import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
enum ExplainCommand {
    static let help = """
        usage: regelverk explain --rules FILE --record ID [--rule NAME] [--param NAME=VALUE]...
                                 [--format text|json] [--show-personnummer] [--input-format csv|jsonl]
                                 [--encoding utf8|windows1252] [--delimiter ,|;|tab]
                                 [--column NAME=HEADER]... [--columns FILE] DATA...

        Explains why one record got the findings it got: for every rule and cap that
        applies to it (or only the one named with --rule: a rule, a cap or a cap's check),
        the `when` and `require` as written with the value of each part for this record;
        for conditions across records the other records considered and those that matched;
        for caps the group, its order, the count per limit and the earlier contacts that
        used it up; the cited section and the message. Personnummer are shown as
        19811218-**** unless --show-personnummer is given.

        example:
          regelverk explain --rules rulesets/skane-distans.regel --record SKD-0005 rulesets/examples/skane-distans.csv

        exit status: 0 explained, 2 usage, rule-file or input error, or no record (or
        more than one) with that id.

        """

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(
            args,
            options: [
                "--rules", "--record", "--rule", "--param", "--format", "--input-format", "--encoding",
                "--delimiter", "--column", "--columns"
            ],
            flags: ["--help", "--show-personnummer"])
        if a.has("--help") { console.out(help); return 0 }
        guard let id = a.value("--record") else { throw UsageError("--record ID is required: the id of the record to explain") }
        let format = a.value("--format") ?? "text"
        guard format == "text" || format == "json" else { throw UsageError("--format \(format): choose text or json") }
        let options = try DataOptions(a, formats: ["json"])
        guard let rulesets = try RegelverkCLI.loadRulesets(options.rules, console) else { return 2 }
        let ruleset = try ValidateCommand.single(rulesets)
        try options.columns.check(against: [ruleset])
        let params = try Parameters.resolve(a.all("--param"), for: ruleset)
        let explanation = try Explainer.explain(
            ruleset, params: params, sources: try options.sources(), id: id, only: a.value("--rule"),
            format: options.inputFormat, encoding: options.encoding)
        let mask = !a.has("--show-personnummer")
        console.out(format == "json" ? ExplainJSONRenderer(mask: mask).render(explanation) : ExplainTextRenderer(mask: mask).render(explanation))
        return 0
    }
}
