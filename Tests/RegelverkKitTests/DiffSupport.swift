import Foundation
import Testing
import RegelData
@testable import RegelCheck
@testable import RegelDiff
@testable import RegelEval
@testable import RegelGenerate
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

/// Loading rule files and running the command for the diff tests.
enum DiffSupport {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = GoldenFiles.root.appendingPathComponent("diff")
    static let stockholmRules = repository.appendingPathComponent("rulesets/stockholm-rehab.regel").path
    static let stockholmData = repository.appendingPathComponent("rulesets/examples/stockholm-rehab.csv").path

    /// A rule file's text, checked; the test fails with its diagnostics when it has errors.
    static func checked(_ text: String, path: String) throws -> CheckedRuleset {
        let loaded = RulesetLoader.load(text: text, path: path)
        let rendered = loaded.diagnostics.map { DiagnosticRenderer().render($0, in: loaded.file) }.joined()
        #expect(!loaded.hasErrors, "\(path) has errors:\n\(rendered)")
        return try #require(loaded.checked)
    }

    /// `old.regel` or `new.regel` of a corpus case, shown under its bare name.
    static func corpusRuleset(_ name: String, _ file: String) throws -> CheckedRuleset {
        try checked(try GoldenFiles.input("diff/\(name)", file), path: file)
    }

    static func corpusDiff(_ name: String) throws -> RulesetDiff {
        Differ.diff(old: try corpusRuleset(name, "old.regel"), new: try corpusRuleset(name, "new.regel"))
    }

    /// `text` with each replacement made exactly once; the test fails when one does not apply.
    static func edited(_ text: String, _ replacements: [(String, String)]) throws -> String {
        var out = text
        for (a, b) in replacements {
            let range = try #require(out.range(of: a), "the text to edit has no `\(a)`")
            out.replaceSubrange(range, with: b)
        }
        return out
    }

    static func stockholmText() throws -> String { try String(contentsOfFile: stockholmRules, encoding: .utf8) }

    /// A fresh directory under the system's temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("regelverk-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, to url: URL) throws {
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Runs `regelverk diff ARGS` in-process and collects what it writes.
    static func run(_ args: [String]) -> (status: Int32, stdout: String, stderr: String) {
        let console = Console(capture: true)
        let status = RegelverkCLI.main(["diff"] + args, console: console)
        return (status, console.output, console.errors)
    }
}
