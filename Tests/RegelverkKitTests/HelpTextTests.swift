import Foundation
import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

// Help texts and the grammar file say what the program does.

@Suite struct HelpTextTests {
    static func run(_ args: [String]) -> (status: Int32, stdout: String, stderr: String) {
        let console = Console(capture: true)
        let status = RegelverkCLI.main(args, console: console)
        return (status, console.output, console.errors)
    }

    @Test func readHelpNamesOutput() {
        let r = Self.run(["read", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("[--output FILE]"))
    }

    @Test func testHelpNamesVerbose() {
        let r = Self.run(["test", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("usage: regelverk test [--verbose] [--run PATTERN]"))
        #expect(r.stdout.contains("--verbose also"))
    }

    /// The top-level usage gives each command's status 1 as its own --help does.
    @Test func usageExitStatusIsPerCommand() {
        let usage = RegelverkCLI.usage
        #expect(!usage.contains("1 findings of severity error (or failing tests)"))
        for (command, meaning) in [
            ("validate", "a finding of severity error"), ("test", "a failing test"),
            ("read", "a cell or record that could not be read"),
            ("diff", "a change in meaning between the two versions")
        ] {
            #expect(usage.contains("  \(command)"), "\(command)")
            #expect(usage.contains(meaning), "\(command)")
        }
        #expect(usage.contains("The other commands never exit with 1."))
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func production(_ grammar: String, _ name: String) -> String {
        // From `name =` to the `;` that ends the production.
        guard let start = grammar.range(of: "\n\(name) ") else { return "" }
        let rest = grammar[start.lowerBound...].dropFirst()
        guard let end = rest.range(of: ";\n") else { return String(rest) }
        return String(rest[..<end.lowerBound])
    }

    /// What the parser accepts and the grammar used to leave out.
    @Test func grammarMatchesTheParser() throws {
        let grammar = try String(contentsOf: Self.repository.appendingPathComponent("grammar/regelverk.ebnf"), encoding: .utf8)
        #expect(Self.production(grammar, "primary").contains("\"missing\""))
        #expect(Self.production(grammar, "window").contains("\"per\" , ( \"iso\" , \"week\" | \"week\" |"))
        #expect(grammar.contains("'\\t'"))
        #expect(grammar.contains("TIME    = digit , [ digit ] , \":\" , digit2"))
        let test = Self.production(grammar, "test_item")
        #expect(test.contains("otherwise_expr"))
        #expect(!test.contains("\"=\" , expr , {"))

        // And the parser does accept these.
        let text = """
            ruleset "g"
            record r
              id: text
              tid: time
            end
            define d = if tid < 8:30 then missing else "a\\tb"
            cap c
              per id
              order by id
              limit l: at most 1 per week
            end
            test "t"
              expect measure m for id = "x" otherwise "y": n = 1 otherwise 2
            end
            """
        let (_, diagnostics) = Parser.parse(SourceFile(path: "g.regel", text: text))
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    }
}
