import Testing
@testable import RegelSyntax

/// The keyword and symbol enums drive the lexer and the parser: every symbol
/// is read as one symbol token, and a keyword cannot start a value.
@Suite struct KeywordTests {
    @Test(arguments: Symbol.allCases)
    func everySymbolIsOneToken(_ symbol: Symbol) {
        let (tokens, diagnostics) = Lexer.tokenize(SourceFile(path: "s.regel", text: "a \(symbol.rawValue) b"))
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.kind) == [.word, .symbol, .word, .end])
        #expect(tokens.dropFirst().first?.text == symbol.rawValue)
    }

    @Test(arguments: ExpressionKeyword.allCases.filter { ![.not, .if, .true, .false, .exists, .count, .latest, .earliest].contains($0) })
    func anExpressionKeywordCannotStartAValue(_ keyword: ExpressionKeyword) {
        let text = "ruleset \"r\"\nsource \"s\"\nrecord k\n  id: text\nend\nrule r1 \"t\"\n  severity error\n  cites \"s\"\n  require \(keyword.rawValue)\n  message \"m\"\nend\n"
        let codes = Parser.parse(SourceFile(path: "k.regel", text: text)).1.map(\.code)
        #expect(!codes.isEmpty, "`require \(keyword.rawValue)` parses")
    }
}
