import Foundation
import Testing
@testable import RegelFuzz
@testable import RegelSyntax

/// The fuzz targets' properties hold for the inputs that seed them and for
/// every input a fuzzer once failed on (Tests/fuzz/regressions/TARGET/, one
/// file per crash found; docs/robustness.md). A new crash is added there
/// once it is fixed.
@Suite struct FuzzReplayTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func files(_ folder: String, suffix: String = "") -> [URL] {
        let url = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) && !$0.hasPrefix(".") }.sorted().map { url.appendingPathComponent($0) }
    }

    static func check(_ target: FuzzTarget, _ file: URL) throws {
        let bytes = Array(try Data(contentsOf: file))
        do {
            try target.check(bytes)
        } catch {
            Issue.record("\(target.rawValue) fails on \(file.lastPathComponent): \(error.description)")
        }
    }

    @Test func theFixedRuleFilesCheckWithoutDiagnostics() throws {
        #expect(try ValidationProperties.rulesets.get().count == 2)
    }

    @Test(arguments: FuzzTarget.allCases)
    func kept(_ target: FuzzTarget) throws {
        for file in Self.files("Tests/fuzz/regressions/\(target.rawValue)") { try Self.check(target, file) }
    }

    @Test func shippedRuleFilesRoundTrip() throws {
        let files = Self.files("rulesets", suffix: ".regel")
        #expect(files.count >= 5)
        for file in files { try Self.check(.rules, file) }
    }

    @Test func shippedExamplesReadAndValidate() throws {
        let files = Self.files("rulesets/examples", suffix: ".csv")
        #expect(files.count >= 5)
        for file in files {
            try Self.check(.csv, file)
        }
        try Self.check(.validate, Self.root.appendingPathComponent("rulesets/examples/skane-distans.csv"))
    }

    @Test func theRulesDictionaryHasEveryWordAndSymbol() throws {
        let dictionary = try String(contentsOf: Self.root.appendingPathComponent("Tests/fuzz/rules.dict"), encoding: .utf8)
        let entries = Set(dictionary.split(separator: "\n").filter { $0.hasPrefix("\"") }.map { String($0.dropFirst().dropLast()) })
        let words =
            DeclarationKeyword.allCases.map(\.rawValue) + HeaderKeyword.allCases.map(\.rawValue) + ItemKeyword.allCases.map(\.rawValue)
            + ClauseKeyword.allCases.map(\.rawValue) + TypeName.allCases.map(\.rawValue) + UnitKeyword.allCases.map(\.rawValue)
            + ExpressionKeyword.allCases.map(\.rawValue) + Severity.allCases.map(\.rawValue) + Symbol.allCases.map(\.rawValue)
        #expect(words.filter { !entries.contains($0) } == [])
    }
}
