import Foundation
import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

/// Rule files that would make the later phases recurse very deeply are
/// refused with a diagnostic instead of overflowing the stack.
@Suite struct LimitsTests {
    static func ruleset(_ body: String) -> String {
        """
        ruleset "djup"
        source "x"
        record r
          id: text
          a: bool
          n: int
        end
        \(body)
        """
    }

    static func codes(_ text: String) -> [String] {
        RulesetLoader.load(text: text, path: "djup.regel").diagnostics.filter { $0.severity == .error }.map(\.code)
    }

    @Test func aVeryLongChainOfOperatorsIsRefused() {
        // Ten operands a line: a line may have at most 10000 characters (L0004).
        let chain = (0..<20_000).map { $0 % 10 == 9 ? "a and\n   " : "a and " }.joined() + "a"
        #expect(Self.codes(Self.ruleset("rule r\n  severity error\n  cites \"1\"\n  require \(chain)\nend")) == ["P0209"])
        let sum = (0..<20_000).map { $0 % 10 == 9 ? "n +\n   " : "n + " }.joined() + "n"
        #expect(Self.codes(Self.ruleset("rule r\n  severity error\n  cites \"1\"\n  require \(sum) > 0\nend")) == ["P0209"])
    }

    @Test func aLongButReasonableChainIsAccepted() {
        let chain = Array(repeating: "a", count: 200).joined(separator: " and ")
        #expect(Self.codes(Self.ruleset("rule r\n  severity error\n  cites \"1\"\n  require \(chain)\nend")).isEmpty)
    }

    @Test func deeplyNestedDefinitionsAreRefused() {
        var body = "define d0 = n\n"
        for i in 1..<2_000 { body += "define d\(i) = d\(i - 1) + 1\n" }
        body += "rule r\n  severity error\n  cites \"1\"\n  require d1999 > 0\nend"
        #expect(Self.codes(Self.ruleset(body)).contains("C0204"))
    }

    @Test func deepParenthesesAreRefused() {
        let nested = String(repeating: "(\n   ", count: 5_000) + "a" + String(repeating: ")", count: 5_000)
        #expect(Self.codes(Self.ruleset("rule r\n  severity error\n  cites \"1\"\n  require \(nested)\nend")) == ["P0201"])
    }

    /// Definitions that each use the next one twice: written out, `d1` would
    /// have 2^20 parts, which caps, measures, `explain` and `sql` write out.
    static func doublingChain(_ depth: Int, use: String = "d1") -> String {
        var body = "define d\(depth) = n\n"
        for i in stride(from: depth - 1, through: 1, by: -1) { body += "define d\(i) = d\(i + 1) + d\(i + 1)\n" }
        return body + "rule r\n  severity error\n  cites \"1\"\n  require \(use) > 0\nend"
    }

    @Test func definitionsThatDoubleAreRefusedOnceAtTheFirstThatIsTooLarge() throws {
        let loaded = RulesetLoader.load(text: Self.ruleset(Self.doublingChain(20)), path: "djup.regel")
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == ["C0205"])
        // d20 has 1 part, d19 has 3, …, d7 has 2^14 - 1 = 16383: the first above 10000.
        let error = try #require(errors.first)
        #expect(error.message.hasPrefix("the definition `d7` is too large"))
        #expect(error.message.contains("16383 parts (at most 10000)"))
        #expect(loaded.file.slice(error.span) == "d7")
    }

    @Test func sixtyDoublingDefinitionsAreCountedWithoutOverflow() throws {
        let loaded = RulesetLoader.load(text: Self.ruleset(Self.doublingChain(60)), path: "djup.regel")
        #expect(loaded.diagnostics.filter { $0.severity == .error }.map(\.code) == ["C0205"])
        let (defines, _) = RegelCheck.Checker.costs(of: try #require(RulesetLoader.load(text: Self.ruleset(Self.doublingChain(13)), path: "x").checked))
        #expect(defines.max() == 8191)
    }

    @Test func anExpressionThatUsesALargeDefinitionTwiceIsRefusedAtTheExpression() throws {
        var body = Self.doublingChain(13, use: "d1 + d1")  // d1 has 8191 parts, within the limit
        body += "\nrule ok\n  severity error\n  cites \"1\"\n  require d1 > 0\nend"
        let loaded = RulesetLoader.load(text: Self.ruleset(body), path: "djup.regel")
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == ["C0205"])
        let error = try #require(errors.first)
        #expect(error.message.contains("this expression is too large") && error.message.contains("16385 parts"))
        #expect(loaded.file.slice(error.span) == "d1 + d1 > 0")
    }

    @Test func manyLargeExpressionsAreRefusedTogetherOnce() throws {
        var body = Self.doublingChain(13)
        for i in 0..<130 { body += "\nrule r\(i)\n  severity error\n  cites \"1\"\n  require d1 > \(i)\nend" }
        let errors = RulesetLoader.load(text: Self.ruleset(body), path: "djup.regel").diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == ["C0206"])
        #expect(errors.first?.message.contains("pass 1000000 parts") == true)
    }

    @Test func aLongListOfCodesIsOnePart() throws {
        // Ten codes a line, as a long code list is written.
        let codes = (0..<20_000).map { "\"k\($0)\"" + ($0 % 10 == 9 ? ",\n   " : ", ") }.joined().dropLast(5)
        let text = Self.ruleset("codes manga = \(codes)\nrule r\n  severity error\n  cites \"1\"\n  require id in manga and not (id in [\(codes)])\nend")
        let loaded = RulesetLoader.load(text: text, path: "koder.regel")
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty)
    }

    /// The limits are far above real rule files: the shipped ones stay under
    /// a fiftieth of them.
    @Test func theShippedRuleFilesAreFarBelowTheCostLimits() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let files = try RulesetLoader.expand([root.appendingPathComponent("rulesets").path])
        #expect(files.count >= 5)
        for path in files {
            let checked = try #require(try RulesetLoader.load(path: path).checked)
            let (defines, expressions) = RegelCheck.Checker.costs(of: checked)
            #expect((defines + expressions).max() ?? 0 < RegelCheck.Checker.maximumExpressionCost / 50, "\(path)")
            #expect(expressions.reduce(0, +) < RegelCheck.Checker.maximumFileCost / 50, "\(path)")
        }
    }
}

/// A rule file's lines and size are limited, with a message that says so.
@Suite struct RuleFileLengthTests {
    @Test func aLineThatIsTooLongIsReportedOnceAndNotRead() throws {
        let long = "note \"" + String(repeating: "å", count: 12_000) + "\""
        let text = "ruleset \"x\"\nsource \"x\"\n\(long)\nrecord r\n  id: text\nend\n"
        let loaded = RulesetLoader.load(text: text, path: "lang.regel")
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == ["L0004"])
        let error = try #require(errors.first)
        #expect(error.message == "this line has 12007 characters, more than the 10000 a line may have; the line is not read")
        #expect(loaded.file.location(of: error.span.start) == (3, 10_001))
        let rendered = DiagnosticRenderer().render(error, in: loaded.file)
        #expect(rendered.hasPrefix("lang.regel:3:10001: error[L0004]"))
        #expect(rendered.count < 1_000)
    }

    @Test func aLineAtTheLimitIsRead() {
        let title = String(repeating: "x", count: Lexer.maximumLineLength - "  title \"\"".count)
        let text =
            "ruleset \"x\"\nsource \"x\"\nrecord r\n  id: text\nend\nrule r\n  \("title \"\(title)\"")\n  severity error\n  cites \"1\"\n  require id = "
            + "\"a\"\n  message \"{id}\"\nend\n"
        let loaded = RulesetLoader.load(text: text, path: "lang.regel")
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(loaded.checked?.rules.first?.title == title)
    }

    @Test func aRuleFileThatIsTooLargeIsRefusedBeforeItIsRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("regelverk-stor-\(ProcessInfo.processInfo.processIdentifier).regel").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(RulesetLoader.maximumFileSize + 1))
        try handle.close()
        #expect(throws: InputError.self) { try RulesetLoader.load(path: path) }
        do { _ = try RulesetLoader.load(path: path) } catch {
            #expect(error.description.contains("more than the 16 MiB a rule file may have"))
        }
    }
}
