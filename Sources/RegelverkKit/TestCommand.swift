import RegelBuiltins
import RegelCheck
import RegelData
import Foundation
import RegelRun

enum TestCommand {
    static let help = """
        usage: regelverk test [--verbose] [--run PATTERN] [--format text|junit] [--show-personnummer]
                              [--coverage [--format json]] FILE|DIR...

        Runs the tests written inside rule files (`test "…" … end` blocks): each
        test's records are checked with the ruleset and compared with what the test
        expects. Every failure names the test, the record, the rule, and the expected
        and actual result. Ends with a line `N passed, M failed`. --verbose also
        lists the tests that passed.

        options:
          --run PATTERN   only the tests whose name matches PATTERN (a regular expression)
          --format junit  JUnit XML on standard output, for CI
          --show-personnummer
                          show personnummer in failures in full (otherwise 19811218-****)
          --coverage      what the tests exercise instead: per rule and cap check whether
                          some test record breaks it and some passes it, and per `and`/`or`
                          operand and `otherwise` which outcomes were seen; a percentage per
                          file. With --format json as JSON.

        example:
          regelverk test rulesets/
          regelverk test --verbose --run vecka rulesets/stockholm-rehab.regel
          regelverk test --coverage rulesets/

        exit status: 0 all passed, 1 some failed, 2 a rule file has errors. With
        --coverage: 0 (coverage does not judge).

        """

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, options: ["--run", "--format"], flags: Set(["--help", "--verbose", "--coverage"]).union(OutputOptions.flags))
        if a.has("--help") { console.out(help); return 0 }
        guard !a.positional.isEmpty else { throw UsageError("name the rule files or directories whose tests to run") }
        let format = a.value("--format") ?? "text"
        let allowed = a.has("--coverage") ? ["text", "json"] : ["text", "junit"]
        guard allowed.contains(format) else { throw UsageError("--format \(format): choose \(allowed.joined(separator: " or "))") }
        var pattern: NSRegularExpression?
        if let run = a.value("--run") {
            do { pattern = try NSRegularExpression(pattern: run) } catch {
                throw UsageError("--run \(run): not a valid regular expression; a plain word matches test names that contain it")
            }
        }
        guard let rulesets = try RegelverkCLI.loadRulesets(a.positional, console) else {
            if format == "text" { console.out("0 passed, 0 failed (a rule file has errors; see above)\n") }
            return 2
        }
        if a.has("--coverage") {
            let files = rulesets.map(TestCoverage.measure)
            console.out(format == "json" ? TestOutputs.coverageJSON(files) : TestOutputs.coverageText(files))
            return 0
        }
        let mask = try OutputOptions(a).maskPersonnummer
        var passed = 0, failed = 0
        var all: [(ruleset: CheckedRuleset, outcomes: [TestOutcome])] = []
        for ruleset in rulesets {
            let outcomes = TestRunner.run(ruleset).filter { o in
                pattern.map { $0.firstMatch(in: o.name, range: NSRange(o.name.startIndex..., in: o.name)) != nil } ?? true
            }.map { o in
                // A failure quotes findings' messages, which may show a test record's personnummer.
                var o = o
                if mask { o.failures = o.failures.map { PersonnummerMask.maskAll(in: $0) } }
                return o
            }
            all.append((ruleset, outcomes))
            for outcome in outcomes {
                if outcome.passed {
                    passed += 1
                    if a.has("--verbose") && format == "text" { console.out("ok    \(outcome.file):\(outcome.line): \(outcome.name)\n") }
                } else {
                    failed += 1
                    guard format == "text" else { continue }
                    console.out("FAIL  \(outcome.file):\(outcome.line): \(outcome.name)\n")
                    for f in outcome.failures { console.out("      \(TerminalText.escape(f))\n") }
                }
            }
        }
        if format == "junit" {
            console.out(TestOutputs.junit(all))
            console.err("\(passed) passed, \(failed) failed\n")
        } else {
            console.out("\(passed) passed, \(failed) failed\n")
        }
        return failed > 0 ? 1 : 0
    }
}
