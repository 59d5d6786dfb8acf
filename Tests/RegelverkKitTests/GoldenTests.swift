import Testing
@testable import RegelCheck
@testable import RegelDiff
@testable import RegelEval
@testable import RegelGenerate
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

@Suite struct GoldenTests {
    @Test(arguments: GoldenFiles.cases("parser"))
    func parserOutput(_ name: String) throws {
        let text = try GoldenFiles.input("parser", name)
        let (syntax, diagnostics) = Parser.parse(SourceFile(path: name, text: text))
        #expect(diagnostics.isEmpty, "parser golden inputs must parse cleanly: \(diagnostics.map(\.message))")
        try GoldenFiles.verify(SyntaxDump.render(syntax), "parser", name, kind: "tree")
    }

    @Test(arguments: GoldenFiles.cases("diagnostics"))
    func diagnosticsText(_ name: String) throws {
        let text = try GoldenFiles.input("diagnostics", name)
        let loaded = RulesetLoader.load(text: text, path: GoldenFiles.displayPath("diagnostics", name))
        let rendered = loaded.diagnostics.map { DiagnosticRenderer(colour: false).render($0, in: loaded.file) }.joined()
        #expect(loaded.hasErrors, "a diagnostics golden input should have errors")
        try GoldenFiles.verify(rendered, "diagnostics", name, kind: "diagnostics")
    }

    /// The dump is a faithful picture of the tree: parsing the same text
    /// twice gives the same dump, and spans do not leak into it.
    @Test func dumpIgnoresLayout() {
        let a = Parser.parse(SourceFile(path: "a", text: "ruleset \"x\"\ndefine d = 1 + 2 * 3\n")).0
        let b = Parser.parse(SourceFile(path: "b", text: "ruleset \"x\"\n\n   define d =\n 1+2*3   # comment\n")).0
        #expect(SyntaxDump.render(a) == SyntaxDump.render(b))
        #expect(SyntaxDump.render(a).contains("define d = (1 + (2 * 3))"))
    }
}
