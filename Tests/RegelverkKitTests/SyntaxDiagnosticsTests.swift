import Foundation
import Testing
@testable import RegelSyntax

/// Every diagnostic of the lexer and the parser is made by one factory in
/// Sources/RegelSyntax/SyntaxDiagnostics.swift: each factory is reached by a
/// rule file and says its words, and each makes one code, documented above it
/// in code order. (`DiagnosticFactoryTests` holds that no other source names
/// a `SyntaxCode` case.)
@Suite struct SyntaxDiagnosticsTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let factoryPath = "Sources/RegelSyntax/SyntaxDiagnostics.swift"

    /// A rule file that reaches `factory`, and the first diagnostic of `code` it gives.
    struct Reached: Sendable, CustomTestStringConvertible {
        var factory: String
        var text: String
        var code: SyntaxCode
        var message: String
        var hint: String?
        var testDescription: String { factory }
    }

    static func rule(_ body: String) -> String { "ruleset \"r\"\nrule r1\n  title \"t\"\n  severity error\n\(body)\n  message \"m\"\nend\n" }
    static func cap(_ body: String) -> String { "ruleset \"r\"\ncap c\n  per id\n  order by datum\n\(body)\nend\n" }
    static let nameHint = "a name is a word of letters, digits and _, e.g. `ersatter_journalford`"
    static let defineHint = "split it into named definitions with `define`"

    static let reached: [Reached] = [
        Reached(
            factory: "unexpectedCharacter", text: rule("  require ok @ ok"), code: .unexpectedCharacter,
            message: "unexpected character `@`", hint: "remove it, or put it inside a string"),
        Reached(
            factory: "unexpectedCharacter", text: rule("  require t = 'a'"), code: .unexpectedCharacter,
            message: "unexpected character `'`", hint: "strings are written in double quotes: \"…\""),
        Reached(
            factory: "stringNotClosed", text: rule("  require t = \"abc"), code: .stringNotClosed,
            message: "this string is not closed before the end of the line", hint: "add a closing \" — a string must fit on one line"),
        Reached(
            factory: "unknownEscapeInString", text: rule("  require t = \"a\\qb\""), code: .unknownEscapeInString,
            message: "unknown escape `\\q` in string", hint: "write \\\\ for a backslash, \\\" for a quote, \\n for a line break, \\t for a tab"),
        Reached(
            factory: "lineTooLong", text: rule("  require " + Array(repeating: "ok", count: 3000).joined(separator: " or ")), code: .lineTooLong,
            message: "this line has 18006 characters, more than the 10000 a line may have; the line is not read",
            hint: "break it over several lines: a condition or a list of codes may go on on the next line; a text in quotes may not, so shorten it"),
        Reached(
            factory: "fileDoesNotStartWithRuleset", text: "record k\n  id: text\nend\n", code: .fileDoesNotStartWithRuleset,
            message: "a rule file starts with `ruleset \"name\"`", hint: "add a first line such as: ruleset \"skane-distans\""),
        Reached(
            factory: "unknownHeaderItem", text: "ruleset \"r\"\nversio \"1\"\n", code: .unknownHeaderItem,
            message: "`versio` is not a ruleset header item", hint: "the header takes version, source, effective, until and `date field`"),
        Reached(
            factory: "expectedDeclaration", text: "ruleset \"r\"\n= 3\n", code: .notADeclaration,
            message: "expected a declaration (rule, record, codes, param, define, note, cap, measure, sample, test), found `=`"),
        Reached(
            factory: "notADeclaration", text: "ruleset \"r\"\nrecord k\nend\nrulle x\nend\n", code: .notADeclaration,
            message: "`rulle` does not start a declaration", hint: "did you mean `rule`?"),
        Reached(
            factory: "notADeclaration", text: "ruleset \"r\"\nrecord k\nend\nzzzz x\nend\n", code: .notADeclaration,
            message: "`zzzz` does not start a declaration",
            hint: "declarations are rule, record, codes, param, define, note, cap, measure, sample and test"),
        Reached(
            factory: "rulesetTwice", text: "ruleset \"r\"\nrecord k\n  id: text\nend\nruleset \"x\"\n", code: .rulesetTwice,
            message: "a file holds one ruleset; `ruleset` may appear only on the first line"),
        Reached(
            factory: "blockNotClosedWithEnd", text: "ruleset \"r\"\ntest \"mitt test\"\n  expect a clean\n", code: .blockNotClosedWithEnd,
            message: "`test mitt test` is not closed with `end`", hint: "add a line `end` after its last item"),
        Reached(
            factory: "notAnItemOfThisBlock", text: "ruleset \"r\"\nrule x\n  titl \"a\"\nend\n", code: .notAnItemOfThisBlock,
            message: "`titl` is not an item of a rule", hint: "did you mean `title`?"),
        Reached(
            factory: "notAnItemOfThisBlock", text: "ruleset \"r\"\nrule x\n  = 3\nend\n", code: .notAnItemOfThisBlock,
            message: "`=` is not an item of a rule", hint: "a rule takes: cites, message, require, severity, title, when, then `end`"),
        Reached(
            factory: "itemGivenTwice", text: "ruleset \"r\"\nrule x\n  title \"a\"\n  title \"b\"\nend\n", code: .itemGivenTwice,
            message: "`title` is given twice", hint: "keep one of them"),
        Reached(
            factory: "notSeverity", text: rule("  severity critical\n  require ok"), code: .notSeverity,
            message: "expected a severity: error, warning or info; found `critical`"),
        Reached(
            factory: "messageDirectlyUnderCap", text: "ruleset \"r\"\ncap c\n  per id\n  message \"x\"\nend\n", code: .messageDirectlyUnderCap,
            message: "a cap's message belongs to one of its checks", hint: "put `message` under a `require` or `limit` line"),
        Reached(
            factory: "unknownCalendarPeriod", text: cap("  limit a: at most 1 per fortnight"), code: .unknownCapWindow,
            message: "expected `iso week`, `week`, `month` or `year` after `per`, found `fortnight`"),
        Reached(
            factory: "expectedCapWindow", text: cap("  limit a: at most 1 forever"), code: .unknownCapWindow,
            message: "expected a window after the limit: `within 12 months`, `per iso week` or `since latest …`; found `forever`"),
        Reached(
            factory: "unknownUnit", text: cap("  limit a: at most 1 within 3 fortnights"), code: .unknownUnit,
            message: "expected a unit: days, weeks, months or years; found `fortnights`"),
        Reached(
            factory: "expectedBreaksPassesOrClean", text: "ruleset \"r\"\ntest \"t\"\n  expect a fails r1\nend\n", code: .expectedBreaksPassesOrClean,
            message: "expected `breaks`, `passes` or `clean` after the record's name, found `fails`"),
        Reached(
            factory: "expectedWordOrSymbol", text: rule("  require if ok ok else ok"), code: .expectedWordOrSymbol,
            message: "expected `then` after the condition of `if`, found `ok`"),
        Reached(
            factory: "expectedWordOrSymbol", text: "ruleset \"r\"\nrecord k\n  id text\nend\n", code: .expectedWordOrSymbol,
            message: "expected `:` after the field name (as in `datum: date`), found `text`"),
        Reached(
            factory: "expectedName", text: cap("  require : ok"), code: .expectedName,
            message: "expected the check's id (as in `require vecka: …`), found `:`", hint: nameHint),
        Reached(
            factory: "expectedQuotedString", text: "ruleset \"r\"\ncodes c = a\n", code: .expectedQuotedString,
            message: "expected a code in double quotes, found `a`"),
        Reached(
            factory: "expectedDate", text: "ruleset \"r\"\neffective \"2024\"\n", code: .expectedDate,
            message: "expected the date the ruleset applies from as a date YYYY-MM-DD, found the string \"2024\""),
        Reached(
            factory: "negativeWholeNumber", text: rule("  require datum within -3 days before datum"), code: .expectedWholeNumber,
            message: "the window's length must be a whole number, 0 or more; found -3"),
        Reached(
            factory: "negativeLimit", text: cap("  limit a: at most -1 per week"), code: .expectedWholeNumber,
            message: "the limit must be a whole number, 0 or more; found -1",
            hint: "a limit counts records, so it cannot be negative; `at most 0` rejects every record the cap takes"),
        Reached(
            factory: "expectedWholeNumber", text: cap("  limit a: at most x per week"), code: .expectedWholeNumber,
            message: "expected the limit (a whole number, 0 or more), found `x`"),
        Reached(
            factory: "expressionNestedTooDeeply", text: rule("  require " + String(repeating: "(", count: 150) + "ok" + String(repeating: ")", count: 150)),
            code: .expressionNestedTooDeeply, message: "this expression is nested too deeply (more than 100 levels)", hint: defineHint),
        Reached(
            factory: "prefixesNestedTooDeeply", text: rule("  require " + String(repeating: "not ", count: 150) + "ok"),
            code: .expressionNestedTooDeeply, message: "this expression is nested too deeply", hint: defineHint),
        Reached(
            factory: "prefixesNestedTooDeeply", text: rule("  require n = " + String(repeating: "- ", count: 150) + "1"),
            code: .expressionNestedTooDeeply, message: "this expression is nested too deeply", hint: defineHint),
        Reached(
            factory: "isNot", text: rule("  require t is not missing"), code: .isWithoutMissingOrPresent,
            message: "write `is missing` or `is present`", hint: "`is not missing` is `is present`"),
        Reached(
            factory: "isWithoutMissingOrPresent", text: rule("  require t is empty"), code: .isWithoutMissingOrPresent,
            message: "expected `missing` or `present` after `is`, found `empty`", hint: "a missing value is tested with `is missing`"),
        Reached(
            factory: "isWithoutMissingOrPresent", text: rule("  require t is \"null\""), code: .isWithoutMissingOrPresent,
            message: "expected `missing` or `present` after `is`, found the string \"null\""),
        Reached(
            factory: "withinWithoutBeforeOrAfter", text: rule("  require datum within 3 days of datum"), code: .withinWithoutBeforeOrAfter,
            message: "expected `before` or `after` in `within 3 days …`, found `of`"),
        Reached(
            factory: "doubleEqualsForEquality", text: rule("  require n == 3"), code: .doubleEqualsForEquality,
            message: "write a single `=` for equality", hint: "`a = b`, not `a == b`"),
        Reached(
            factory: "integerTooLarge", text: rule("  require n = 99999999999999999999999"), code: .numberTooLarge,
            message: "the number 99999999999999999999999 is too large"),
        Reached(
            factory: "decimalTooLarge", text: rule("  require n = 9999999999999999.5"), code: .numberTooLarge,
            message: "the number 9999999999999999.5 is too large (decimals must be smaller than 1000000000000000)"),
        Reached(factory: "expectedValue", text: rule("  require n = )"), code: .expectedValue, message: "expected a value, a field or a condition, found `)`"),
        Reached(
            factory: "keywordCannotStartValue", text: rule("  require then ok"), code: .keywordCannotStartValue,
            message: "`then` cannot start a value here"),
        Reached(
            factory: "expressionEndsTooEarly", text: rule("  require ok and\n  title \"x\""), code: .expressionEndsTooEarly,
            message: "the expression ends too early: a value is missing after `and`", hint: "complete the condition, or remove the trailing `and`"),
        Reached(
            factory: "tooManyOperators", text: rule("  require " + Array(repeating: "ok", count: 300).joined(separator: " and ")), code: .tooManyOperators,
            message: "this expression has more than 256 operators", hint: "split it into named definitions with `define`, or into several rules")
    ]

    @Test(arguments: reached)
    func everyFactoryIsReachedAndSaysItsWords(_ c: Reached) throws {
        let diagnostics = Parser.parse(SourceFile(path: "f.regel", text: c.text)).1
        let d = try #require(diagnostics.first { $0.code == c.code.rawValue }, "no \(c.code.rawValue) in \(diagnostics.map(\.code))")
        #expect(d.message == c.message)
        #expect(d.hint == c.hint)
        #expect(d.severity == c.code.severity)
    }

    /// A factory as the file writes it: the code of its `/// L0001` line and the case it makes.
    struct Factory { var name: String; var documented: String?; var cases: [String] }

    static func factories() throws -> [Factory] {
        let text = try String(contentsOf: repository.appendingPathComponent(factoryPath), encoding: .utf8)
        let doc = try Regex(#"^\s*/// ([LP][0-9]{4})\b"#), function = try Regex(#"^\s*static func (\w+)\("#), made = try Regex(#"SyntaxCode\.(\w+)"#)
        var list: [Factory] = []
        var pending: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let m = line.firstMatch(of: doc) { pending = m.output[1].substring.map(String.init); continue }
            if let m = line.firstMatch(of: function), let name = m.output[1].substring {
                list.append(Factory(name: String(name), documented: pending, cases: []))
                pending = nil
            }
            for m in line.matches(of: made) { if let c = m.output[1].substring, !list.isEmpty { list[list.count - 1].cases.append(String(c)) } }
        }
        return list
    }

    @Test func everyFactoryIsDocumentedWithItsCodeInCodeOrder() throws {
        let factories = try Self.factories()
        #expect(factories.count >= SyntaxCode.allCases.count)
        var previous = ""
        for f in factories {
            let code = try #require(f.documented, "\(f.name) has no `/// CODE` line above it")
            #expect(f.cases.count == 1, "\(f.name) should make exactly one code, makes \(f.cases)")
            let made = SyntaxCode.allCases.first { "\($0)" == f.cases.first }
            #expect(made?.rawValue == code, "\(f.name) is documented as \(code) but makes \(made?.rawValue ?? "no code")")
            #expect(code >= previous, "\(f.name) (\(code)) comes after a factory for \(previous)")
            previous = code
        }
        let used = Set(factories.flatMap(\.cases))
        #expect(SyntaxCode.allCases.filter { !used.contains("\($0)") }.map(\.rawValue) == [], "codes without a factory")
    }

    @Test func everyFactoryIsReached() throws {
        let names = Set(try Self.factories().map(\.name))
        #expect(names.count >= SyntaxCode.allCases.count)
        #expect(names.subtracting(Self.reached.map(\.factory)).sorted() == [], "factories no test input reaches")
        #expect(Set(Self.reached.map(\.factory)).subtracting(names).sorted() == [], "test inputs named after no factory")
    }
}
