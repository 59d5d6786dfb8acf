import RegelCheck
import RegelRun
import RegelSyntax

/// The bytes as a rule file. Every diagnostic renders; a file that parses
/// formats to text that parses to the same tree, checks to the same
/// diagnostics, runs its embedded tests to the same outcomes, and formats to
/// itself.
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
        try require(SyntaxDump.render(again.syntax) == SyntaxDump.render(loaded.syntax),
                    "formatting changed the tree\n--- formatted ---\n\(formatted)")
        try require(codes(again) == codes(loaded),
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
