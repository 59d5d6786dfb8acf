import Foundation
import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

/// The formatter changes layout only: golden pairs for the output, and for
/// every rule file at hand the same tree after formatting, every comment
/// kept, and a second formatting changing nothing.
@Suite struct FormatterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var allFiles: [String] {
        let shipped = (try? RulesetLoader.expand([root.appendingPathComponent("rulesets").path])) ?? []
        let golden = ["format", "parser"].flatMap { folder in
            GoldenFiles.cases(folder).map { GoldenFiles.root.appendingPathComponent(folder).appendingPathComponent($0).path }
        }
        return shipped + golden
    }

    static func format(_ text: String, _ path: String) -> String {
        let file = SourceFile(path: path, text: text)
        return Formatter.format(Parser.parse(file).0, file: file)
    }

    @Test(arguments: GoldenFiles.cases("format"))
    func formattedOutput(_ name: String) throws {
        let text = try GoldenFiles.input("format", name)
        try GoldenFiles.verify(Self.format(text, name), "format", name, kind: "formatted")
    }

    @Test(arguments: allFiles)
    func layoutChangesTheTreeDoesNot(_ path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let formatted = Self.format(text, path)
        let before = Parser.parse(SourceFile(path: path, text: text))
        let after = Parser.parse(SourceFile(path: path, text: formatted))
        #expect(after.1.isEmpty, "the formatted file parses: \(after.1.map(\.message))")
        #expect(SyntaxDump.render(after.0) == SyntaxDump.render(before.0))
        #expect(
            Lexer.comments(SourceFile(path: path, text: formatted)).map(\.text)
                == Lexer.comments(SourceFile(path: path, text: text)).map(\.text), "every comment kept, in order")
        #expect(Self.format(formatted, path) == formatted, "formatting twice changes nothing")
    }

    @Test(arguments: (try? RulesetLoader.expand([root.appendingPathComponent("rulesets").path])) ?? [])
    func shippedRulesetsAreFormatted(_ path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(Self.format(text, path) == text, "run `regelverk format --write rulesets/`")
    }

    /// Found by the rules fuzz target (Tests/fuzz/regressions/rules/): a
    /// comment that ended in several carriage returns lost one at each
    /// formatting, so `format --check` never passed after `format --write`.
    @Test func aCommentEndingInCarriageReturnsFormatsOnce() {
        let text = "ruleset \"x\"\nsource \"x\"\nrecord r\n  id: text  # efter\r\r\r\nend\n# sist\r\r\n"
        let formatted = Self.format(text, "cr.regel")
        #expect(formatted == "ruleset \"x\"\nsource \"x\"\n\nrecord r\n  id: text  # efter\nend\n# sist\n")
        #expect(Self.format(formatted, "cr.regel") == formatted)
    }
}
