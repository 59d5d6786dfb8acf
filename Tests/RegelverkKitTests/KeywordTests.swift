import Foundation
import Testing
@testable import RegelSyntax

/// The keyword and symbol enums drive the lexer and the parser: every symbol
/// is read as one symbol token, every keyword is read where the grammar puts
/// it, a keyword cannot start a value, the grammar and the docs list the same
/// words, and the parser writes no keyword as a string.
@Suite struct KeywordTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every keyword enum with its words; a new enum is added here.
    static let enums: [(name: String, words: [String])] = [
        ("DeclarationKeyword", DeclarationKeyword.allCases.map(\.rawValue)), ("HeaderKeyword", HeaderKeyword.allCases.map(\.rawValue)),
        ("ItemKeyword", ItemKeyword.allCases.map(\.rawValue)), ("RuleItem", RuleItem.allCases.map(\.rawValue)),
        ("CapItem", CapItem.allCases.map(\.rawValue)), ("MeasureItem", MeasureItem.allCases.map(\.rawValue)),
        ("TestItem", TestItem.allCases.map(\.rawValue)), ("ClauseKeyword", ClauseKeyword.allCases.map(\.rawValue)),
        ("TypeName", TypeName.allCases.map(\.rawValue)), ("UnitKeyword", UnitKeyword.allCases.map(\.rawValue)),
        ("ExpressionKeyword", ExpressionKeyword.allCases.map(\.rawValue)), ("Severity", Severity.allCases.map(\.rawValue))
    ]
    static let words = Set(enums.flatMap(\.words))

    static func text(_ path: String) throws -> String {
        try String(contentsOf: repository.appendingPathComponent(path), encoding: .utf8)
    }

    @Test(arguments: Symbol.allCases)
    func everySymbolIsOneToken(_ symbol: Symbol) {
        let (tokens, diagnostics) = Lexer.tokenize(SourceFile(path: "s.regel", text: "a \(symbol.rawValue) b"))
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.kind) == [.word, .symbol, .word, .end])
        #expect(tokens.dropFirst().first?.text == symbol.rawValue)
    }

    @Test(arguments: ExpressionKeyword.allCases.filter { ![.not, .if, .true, .false, .exists, .count, .latest, .earliest].contains($0) })
    func anExpressionKeywordCannotStartAValue(_ keyword: ExpressionKeyword) {
        let text =
            "ruleset \"r\"\nsource \"s\"\nrecord k\n  id: text\nend\nrule r1 \"t\"\n  severity error\n  cites \"s\"\n  require \(keyword.rawValue)\n  message "
            + "\"m\"\nend\n"
        let codes = Parser.parse(SourceFile(path: "k.regel", text: text)).1.map(\.code)
        #expect(!codes.isEmpty, "`require \(keyword.rawValue)` parses")
    }

    // MARK: Every keyword is read where the grammar puts it

    static let header = "ruleset \"r\"\nversion \"1\"\nsource \"s\"\neffective 2024-01-01\nuntil 2024-12-31\ndate field datum\n"
    static let record = "record k\n  id: text\n  o: optional int\n  t: one of \"a\", \"b\"\n  l: list of text\nend\n"
    static let rule = "rule r\n  title \"t\"\n  severity warning\n  cites \"s\"\n  when ok\n  require ok\n  message \"m\"\nend\n"
    static let cap =
        "cap c\n  title \"t\"\n  cites \"s\"\n  severity info\n  when ok\n  per id\n  order by datum\n  require a: ok\n    message \"m\"\n"
        + "  limit b: at most 1 per iso week\n  limit w: at most 2 within 3 days\n  limit s: at most 1 since latest ok\nend\n"
    static let measure =
        "measure m\n  title \"t\"\n  cites \"s\"\n  when ok\n  group by klinik, k = upper(enhet)\n  value n = count where ok\n"
        + "  value s = sum x where ok\n  value d = n / s\nend\n"
    static let test =
        "test \"t\"\n  param p = 1\n  record a { id: \"1\" }\n  expect a breaks r1\n  expect a passes r2\n  expect a clean\n"
        + "  expect measure m for k = \"x\": n = 1\nend\n"

    /// A declaration that uses the word; the switches are exhaustive, so a new case needs its text here.
    static func use(_ k: DeclarationKeyword) -> String {
        switch k {
        case .record: record
        case .codes: "codes c = \"a\", \"b\"\n"
        case .param: "param p: int = 3\n"
        case .define: "define d = 1\n"
        case .note: "note \"n\" cites \"s\"\n"
        case .rule: rule
        case .cap: cap
        case .measure: measure
        case .sample: "sample { id: \"1\" }\n"
        case .test: test
        }
    }
    static func use(_ k: HeaderKeyword) -> String {
        switch k {
        case .ruleset, .version, .source, .effective, .until, .date, .field: ""
        }
    }
    static func use(_ k: ItemKeyword) -> String {
        switch k {
        case .title, .severity, .cites, .when, .require, .message, .end: rule
        case .per, .order, .limit: cap
        case .group, .value: measure
        case .expect, .record: test
        }
    }
    static func use(_ k: RuleItem) -> String { rule }
    static func use(_ k: CapItem) -> String { cap }
    static func use(_ k: MeasureItem) -> String { measure }
    static func use(_ k: TestItem) -> String { test }
    static func use(_ k: ClauseKeyword) -> String {
        switch k {
        case .optional, .one, .of, .list: record
        case .by, .at, .most, .iso, .since: cap
        case .sum: measure
        case .for, .breaks, .passes, .clean: test
        }
    }
    static func use(_ k: TypeName) -> String { "record k\n  f: \(k.rawValue)\nend\n" }
    static func use(_ k: UnitKeyword) -> String { "define d = datum + \(k.rawValue.hasSuffix("s") ? 2 : 1) \(k.rawValue)\n" }
    static func use(_ k: Severity) -> String { "rule r\n  severity \(k.rawValue)\nend\n" }
    static func use(_ k: ExpressionKeyword) -> String {
        let expression =
            switch k {
            case .and, .or, .not: "not a and b or c"
            case .in: "a not in l and a in l"
            case .is, .missing, .present: "a is missing or a is present or a = missing"
            case .otherwise: "a otherwise 0"
            case .if, .then, .else: "if a then 1 else 2"
            case .true, .false: "a = true or a = false"
            case .exists, .other, .where: "exists other where other.id = id"
            case .count: "count other where other.id = id"
            case .latest, .earliest: "latest other.datum where ok = (earliest other.datum where ok)"
            case .within, .before, .after: "datum within 3 days before d2 and datum within 1 week after d2"
            case .starts, .with: "a starts with \"x\""
            case .contains: "a contains \"x\""
            }
        return "define d = \(expression)\n"
    }

    /// The file parses without a diagnostic, the formatter writes the word
    /// back from the tree, and the formatted file parses to the same tree.
    static func roundTrip(_ word: String, _ declarations: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = SourceFile(path: "k.regel", text: header + declarations)
        let (syntax, diagnostics) = Parser.parse(file)
        #expect(diagnostics.map(\.message) == [], "`\(word)`", sourceLocation: sourceLocation)
        let formatted = Formatter.format(syntax, file: file)
        let words = Lexer.tokenize(SourceFile(path: "f.regel", text: formatted)).0.filter { $0.kind == .word }.map(\.text)
        #expect(words.contains(word), "the formatter does not write `\(word)` back:\n\(formatted)", sourceLocation: sourceLocation)
        let again = Parser.parse(SourceFile(path: "f.regel", text: formatted))
        #expect(again.1.isEmpty && SyntaxDump.render(again.0) == SyntaxDump.render(syntax), "`\(word)` does not round-trip", sourceLocation: sourceLocation)
    }

    @Test(arguments: DeclarationKeyword.allCases) func declarationKeyword(_ k: DeclarationKeyword) {
        Self.roundTrip(k.rawValue, Self.use(k))
        let declarations = Parser.parse(SourceFile(path: "k.regel", text: "ruleset \"r\"\n" + Self.use(k))).0.declarations
        #expect(declarations.count == 1 && declarations.allSatisfy { SyntaxDump.declaration($0).hasPrefix(k.rawValue + " ") })
    }
    @Test(arguments: HeaderKeyword.allCases) func headerKeyword(_ k: HeaderKeyword) { Self.roundTrip(k.rawValue, Self.use(k)) }
    @Test(arguments: ItemKeyword.allCases) func itemKeyword(_ k: ItemKeyword) { Self.roundTrip(k.rawValue, Self.use(k)) }
    @Test(arguments: RuleItem.allCases) func ruleItem(_ k: RuleItem) { Self.roundTrip(k.rawValue, Self.use(k)) }
    @Test(arguments: CapItem.allCases) func capItem(_ k: CapItem) { Self.roundTrip(k.rawValue, Self.use(k)) }
    @Test(arguments: MeasureItem.allCases) func measureItem(_ k: MeasureItem) { Self.roundTrip(k.rawValue, Self.use(k)) }
    @Test(arguments: TestItem.allCases) func testItem(_ k: TestItem) { Self.roundTrip(k.rawValue, Self.use(k)) }
    @Test(arguments: ClauseKeyword.allCases) func clauseKeyword(_ k: ClauseKeyword) { Self.roundTrip(k.rawValue, Self.use(k)) }
    @Test(arguments: TypeName.allCases) func typeName(_ k: TypeName) { Self.roundTrip(k.rawValue, Self.use(k)) }
    @Test(arguments: ExpressionKeyword.allCases) func expressionKeyword(_ k: ExpressionKeyword) { Self.roundTrip(k.rawValue, Self.use(k)) }
    @Test(arguments: Severity.allCases) func severity(_ k: Severity) { Self.roundTrip(k.rawValue, Self.use(k)) }

    @Test(arguments: UnitKeyword.allCases) func unitKeyword(_ k: UnitKeyword) throws {
        Self.roundTrip(k.rawValue, Self.use(k))
        let syntax = Parser.parse(SourceFile(path: "k.regel", text: "ruleset \"r\"\n" + Self.use(k))).0
        guard case .define(let d)? = syntax.declarations.first, case .binary(.plus, _, let duration) = d.value.kind else {
            Issue.record("`\(Self.use(k))` is not a sum")
            return
        }
        #expect(duration.kind == .duration(k.rawValue.hasSuffix("s") ? 2 : 1, k.unit))
        #expect(k.unit.rawValue == String(k.rawValue.prefix(k.unit.rawValue.count)), "`\(k.rawValue)` is a \(k.unit)")
    }

    /// A line that starts with an item word ends the expression on the line before.
    @Test(arguments: ItemKeyword.allCases) func anItemWordAtALineStartEndsTheExpression(_ k: ItemKeyword) {
        let diagnostics = Parser.parse(SourceFile(path: "k.regel", text: "ruleset \"r\"\ndefine d = ok and\n\(k.rawValue) x\n")).1
        #expect(diagnostics.first?.code == SyntaxCode.expressionEndsTooEarly.rawValue, "\(diagnostics.map(\.message))")
    }

    /// A declaration word at a line start closes a block whose `end` is missing.
    @Test(arguments: DeclarationKeyword.allCases) func aDeclarationWordClosesABlockWithoutEnd(_ k: DeclarationKeyword) {
        let (syntax, diagnostics) = Parser.parse(SourceFile(path: "k.regel", text: "ruleset \"r\"\nrule x\n  require ok\n" + Self.use(k)))
        #expect(diagnostics.map(\.code) == [SyntaxCode.blockNotClosedWithEnd.rawValue])
        #expect(syntax.declarations.count == 2)
    }

    /// A block names its own items, from its enum, when it meets another word.
    @Test(arguments: [("rule", RuleItem.words), ("cap", CapItem.words), ("measure", MeasureItem.words), ("test", TestItem.words)])
    func aBlockListsItsItems(_ block: String, _ items: Set<String>) {
        let opening = block == "test" ? "test \"t\"" : "\(block) b"
        let diagnostics = Parser.parse(SourceFile(path: "k.regel", text: "ruleset \"r\"\n\(opening)\n  zzzzzz\nend\n")).1
        #expect(diagnostics.map(\.hint) == ["a \(block) takes: \(items.sorted().joined(separator: ", ")), then `end`"])
    }

    // MARK: The grammar, the docs and the enums list the same words

    /// The words the grammar file spells in quotes, its comments left out.
    static func grammarLiterals() throws -> Set<String> {
        let ebnf = try text("grammar/regelverk.ebnf").replacing(try Regex(#"\(\*(.|\n)*?\*\)"#), with: "")
        return Set(ebnf.matches(of: try Regex(#""([^"\s]+)""#)).compactMap { $0.output[1].substring.map(String.init) })
    }

    @Test func theGrammarSpellsEveryKeywordAndSymbol() throws {
        let literals = try Self.grammarLiterals()
        let words = literals.filter { $0.allSatisfy(\.isLetter) }
        #expect(words.count > 80)
        #expect(words.subtracting(Self.words).sorted() == [], "words of grammar/regelverk.ebnf that no keyword enum has")
        #expect(Self.words.subtracting(words).sorted() == [], "keywords that grammar/regelverk.ebnf does not spell")
        #expect(literals.subtracting(words) == Set(Symbol.allCases.map(\.rawValue)), "the grammar's symbols are not the lexer's")
    }

    @Test func theGrammarAndTheDocsListTheReservedWords() throws {
        let ebnf = try Self.text("grammar/regelverk.ebnf")
        let production = try #require(ebnf.range(of: "EXPRESSION_KEYWORD ="))
        let reserved = ebnf[production.upperBound...].matches(of: try Regex(#""([a-z]+)""#)).compactMap { $0.output[1].substring.map(String.init) }
        #expect(reserved == ExpressionKeyword.allCases.map(\.rawValue))

        let language = try Self.text("docs/language.md")
        let start = try #require(language.range(of: "## 21. Reserved words"))
        let end = try #require(language.range(of: "Other keywords", range: start.upperBound..<language.endIndex))
        let listed = language[start.upperBound..<end.lowerBound].matches(of: try Regex(#"`([a-z]+)`"#)).compactMap { $0.output[1].substring.map(String.init) }
        #expect(listed == ExpressionKeyword.allCases.map(\.rawValue), "docs/language.md §21 lists other reserved words than ExpressionKeyword")
    }

    // MARK: The parser writes no keyword as a string

    /// The string literals of Swift source, comments left out; the code of an
    /// interpolation is read too, and stands as U+0000 in its literal.
    static func stringLiterals(_ source: String) -> [String] {
        let c = Array(source)
        var literals: [String] = []
        var i = 0
        func at(_ j: Int) -> Character? { j < c.count ? c[j] : nil }
        while i < c.count {
            if c[i] == "/", at(i + 1) == "/" {
                while i < c.count, c[i] != "\n" { i += 1 }
            } else if c[i] == "/", at(i + 1) == "*" {
                i += 2
                while i < c.count, !(c[i] == "*" && at(i + 1) == "/") { i += 1 }
                i += 2
            } else if c[i] == "\"" {
                var text = ""
                i += 1
                while i < c.count, c[i] != "\"", c[i] != "\n" {
                    if c[i] == "\\", at(i + 1) == "(" {
                        var depth = 1, code = ""
                        i += 2
                        while i < c.count, depth > 0 {
                            if c[i] == "(" { depth += 1 } else if c[i] == ")" { depth -= 1 }
                            if depth > 0 { code.append(c[i]) }
                            i += 1
                        }
                        literals += stringLiterals(code)
                        text.append("\u{0}")
                    } else if c[i] == "\\" {
                        text.append(at(i + 1) ?? "\\")
                        i += 2
                    } else {
                        text.append(c[i])
                        i += 1
                    }
                }
                literals.append(text)
                i += 1
            } else {
                i += 1
            }
        }
        return literals
    }

    @Test func theLiteralScannerFindsLiteralsOutsideComments() {
        let source = "let a = \"when\" // \"end\"\n/* \"per\" */ let b = \"x \\(f(\"of\")) y\", c = \"a\\\"b\"\n"
        #expect(Self.stringLiterals(source) == ["when", "of", "x \u{0} y", "a\"b"])
    }

    @Test(arguments: ["Parser.swift", "Parser+Expressions.swift"])
    func theParserWritesNoKeywordOrSymbolAsAString(_ name: String) throws {
        let literals = Self.stringLiterals(try Self.text("Sources/RegelSyntax/\(name)"))
        #expect(literals.count > 10, "\(name): the scanner found \(literals.count) string literals")
        let spelled = Self.words.union(Symbol.allCases.map(\.rawValue))
        #expect(literals.filter(spelled.contains) == [], "\(name) matches these words or symbols by their text; use the enum's case")
    }
}
