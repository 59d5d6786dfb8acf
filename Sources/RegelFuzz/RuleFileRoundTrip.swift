import RegelCheck
import RegelDiff
import RegelRun
import RegelSQL
import RegelSyntax

/// The bytes as a rule file. Every diagnostic renders; a file that parses
/// formats to text that parses to the same tree, checks to the same
/// diagnostics, runs its embedded tests to the same outcomes, differs from
/// the original in no meaning, and formats to itself; a file that checks is
/// written as SQL in every dialect (or refused with a reason).
enum RuleFileRoundTrip {
    static func check(_ bytes: [UInt8]) throws(FuzzFailure) {
        let loaded = RulesetLoader.load(text: String(decoding: bytes, as: UTF8.self), path: "fuzz.regel")
        let renderer = DiagnosticRenderer()
        for d in loaded.diagnostics {
            try require(!renderer.render(d, in: loaded.file).isEmpty, "a diagnostic renders as nothing")
        }
        guard !hasSyntaxErrors(loaded) else { return }

        let formatted = Formatter.format(loaded.syntax, file: loaded.file)
        let again = RulesetLoader.load(text: formatted, path: "fuzz.regel")
        try require(!hasSyntaxErrors(again), "the formatted file does not parse: \(firstError(again))\n--- formatted ---\n\(formatted)")
        try require(
            SyntaxDump.render(again.syntax) == SyntaxDump.render(loaded.syntax),
            "formatting changed the tree\n--- formatted ---\n\(formatted)")
        try require(
            codes(again) == codes(loaded),
            "formatting changed the diagnostics from \(codes(loaded)) to \(codes(again))\n--- formatted ---\n\(formatted)")
        try require(Formatter.format(again.syntax, file: again.file) == formatted, "formatting the formatted file changes it\n--- formatted ---\n\(formatted)")

        guard let checked = loaded.checked else {
            try require(again.checked == nil, "the formatted file checks but the original does not")
            return
        }
        guard let checkedAgain = again.checked else { throw FuzzFailure("the original checks but the formatted file does not") }
        let outcomes = TestRunner.run(checked).map { "\($0.name): \($0.passed)" }
        let outcomesAgain = TestRunner.run(checkedAgain).map { "\($0.name): \($0.passed)" }
        try require(outcomes == outcomesAgain, "formatting changed the embedded tests' outcomes from \(outcomes) to \(outcomesAgain)")
        let diff = Differ.diff(old: checked, new: checkedAgain)
        try require(!diff.hasSemanticChanges, "diff finds changes in meaning between the file and its formatted text: \(diff.changes.count)")
        for dialect in SQLDialect.allCases {
            let builder = SQLQueryBuilder(dialect: dialect, table: "export", versions: [checked], params: [checked.params.map(\.defaultValue)])
            if let query = try? builder.findingsQuery() { try require(!query.isEmpty, "an empty \(dialect) query") }
            if !checked.measures.isEmpty, let query = try? builder.measuresQuery() { try require(!query.isEmpty, "an empty \(dialect) measures query") }
        }
    }

    /// What `format` refuses to touch: lexer and parser errors.
    static func hasSyntaxErrors(_ loaded: LoadedRuleset) -> Bool {
        loaded.diagnostics.contains { $0.severity == .error && ($0.code.hasPrefix("P") || $0.code.hasPrefix("L")) }
    }

    static func firstError(_ loaded: LoadedRuleset) -> String {
        loaded.diagnostics.first { $0.severity == .error }.map { DiagnosticRenderer().render($0, in: loaded.file) } ?? "no error"
    }

    /// Diagnostics without their positions and wording (which names lines).
    static func codes(_ loaded: LoadedRuleset) -> [String] {
        loaded.diagnostics.map { "\($0.severity.rawValue) \($0.code)" }
    }
}
