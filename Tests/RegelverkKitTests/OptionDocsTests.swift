import Foundation
import Testing
@testable import RegelverkKit

/// docs/cli.md and each command's --help give the same options, and the
/// command accepts every option its usage names.
@Suite struct OptionDocsTests {
    static let commands = ["check", "test", "validate", "report", "explain", "read", "diff", "format", "lsp", "generate"]

    static func run(_ args: [String]) -> (status: Int32, stdout: String, stderr: String) {
        let console = Console(capture: true)
        let status = RegelverkCLI.main(args, console: console)
        return (status, console.output, console.errors)
    }

    /// The `--options` of a usage text: from its first line to the first blank line.
    static func options(inUsage text: String) -> Set<String> {
        let usage = text.components(separatedBy: "\n\n").first ?? ""
        let pattern = try! NSRegularExpression(pattern: "--[a-z][a-z-]*")
        let range = NSRange(usage.startIndex..., in: usage)
        return Set(pattern.matches(in: usage, range: range).compactMap { Range($0.range, in: usage).map { String(usage[$0]) } })
            .subtracting(["--help"])
    }

    /// The usage block of `## command` in docs/cli.md.
    static func documentedUsage(_ command: String) throws -> String {
        let cli = try String(contentsOf: HelpTextTests.repository.appendingPathComponent("docs/cli.md"), encoding: .utf8)
        let section = try #require(cli.components(separatedBy: "\n## ").first { $0.hasPrefix("\(command)\n") }, "docs/cli.md has no section ## \(command)")
        let block = try #require(section.components(separatedBy: "```").dropFirst().first, "## \(command) has no usage block")
        #expect(block.contains("regelverk \(command)"), "the first block of ## \(command) is not its usage")
        return block.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(arguments: commands)
    func docsAndHelpNameTheSameOptions(_ command: String) throws {
        let help = Self.run([command, "--help"])
        #expect(help.status == 0)
        let helped = Self.options(inUsage: help.stdout)
        let documented = Self.options(inUsage: try Self.documentedUsage(command))
        #expect(helped.subtracting(documented).isEmpty, "\(command): in --help but not in docs/cli.md: \(helped.subtracting(documented).sorted())")
        #expect(documented.subtracting(helped).isEmpty, "\(command): in docs/cli.md but not in --help: \(documented.subtracting(helped).sorted())")
    }

    @Test(arguments: commands)
    func everyOptionOfTheUsageIsAccepted(_ command: String) {
        for option in Self.options(inUsage: Self.run([command, "--help"]).stdout).sorted() {
            let r = Self.run([command, option, "x", "--help"])
            #expect(!r.stderr.contains("unknown option"), "\(command) \(option): \(r.stderr)")
        }
    }
}
