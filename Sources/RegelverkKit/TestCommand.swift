import RegelRun

enum TestCommand {
    static let help = """
    usage: regelverk test [--verbose] FILE|DIR...

    Runs the tests written inside rule files (`test "…" … end` blocks): each
    test's records are checked with the ruleset and compared with what the test
    expects. Every failure names the test, the record, the rule, and the expected
    and actual result. Ends with a line `N passed, M failed`. --verbose also
    lists the tests that passed.

    example:
      regelverk test rulesets/
      regelverk test --verbose rulesets/stockholm-rehab.regel

    exit status: 0 all passed, 1 some failed, 2 a rule file has errors.

    """

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, options: [], flags: ["--help", "--verbose"])
        if a.has("--help") { console.out(help); return 0 }
        guard !a.positional.isEmpty else { throw UsageError("name the rule files or directories whose tests to run") }
        guard let rulesets = try RegelverkCLI.loadRulesets(a.positional, console) else {
            console.out("0 passed, 0 failed (a rule file has errors; see above)\n")
            return 2
        }
        var passed = 0, failed = 0
        for ruleset in rulesets {
            for outcome in TestRunner.run(ruleset) {
                if outcome.passed {
                    passed += 1
                    if a.has("--verbose") { console.out("ok    \(outcome.file):\(outcome.line): \(outcome.name)\n") }
                } else {
                    failed += 1
                    console.out("FAIL  \(outcome.file):\(outcome.line): \(outcome.name)\n")
                    for f in outcome.failures { console.out("      \(f)\n") }
                }
            }
        }
        console.out("\(passed) passed, \(failed) failed\n")
        return failed > 0 ? 1 : 0
    }
}
