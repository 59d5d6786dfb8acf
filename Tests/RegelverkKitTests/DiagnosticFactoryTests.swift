import Foundation
import Testing
@testable import RegelBuiltins
@testable import RegelCheck
@testable import RegelRun
@testable import RegelSQL
@testable import RegelSyntax
@testable import RegelValues

/// The words of each diagnostic live in its phase's factory file
/// (`*Diagnostics*.swift`): no other source names a code, every code has a
/// factory under its `/// CODE` line, and a factory-made diagnostic for a real
/// rule file has its code, severity and place.
@Suite struct DiagnosticFactoryTests {
    static let sources = DiagnosticCodeTests.repository.appendingPathComponent("Sources")

    /// Each code enum, the folder of its factory files, and its cases by name in the enum's order.
    static let enums: [(name: String, module: String, cases: [(name: String, code: String)])] = [
        ("SyntaxCode", "RegelSyntax", SyntaxCode.allCases.map { (String(describing: $0), $0.rawValue) }),
        ("CheckCode", "RegelCheck", CheckCode.allCases.map { (String(describing: $0), $0.rawValue) }),
        ("VersionCode", "RegelRun", VersionCode.allCases.map { (String(describing: $0), $0.rawValue) }),
        ("SQLCode", "RegelSQL", SQLCode.allCases.map { (String(describing: $0), $0.rawValue) }),
    ]

    /// The enums whose call sites still write codes until the `syntax` branch
    /// (SyntaxDiagnostics.swift) is merged. After that merge the test below
    /// fails: empty this set then, so the two scans cover SyntaxCode too.
    static let awaitingFactories: Set<String> = ["SyntaxCode"]

    static func swiftFiles(under folder: URL) throws -> [String] {
        try #require(FileManager.default.enumerator(atPath: folder.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted()
    }

    static func isFactoryFile(_ path: String) -> Bool {
        (path as NSString).lastPathComponent.contains("Diagnostics")
    }

    /// `Enum.case` followed by something that cannot continue a name.
    static func mentions(_ text: String, _ qualified: String) -> Bool {
        var rest = text[...]
        while let found = rest.range(of: qualified) {
            let next = rest[found.upperBound...].first
            if next.map({ !($0.isLetter || $0.isNumber || $0 == "_") }) ?? true { return true }
            rest = rest[found.upperBound...]
        }
        return false
    }

    @Test func noSourceOutsideTheFactoryFilesNamesACode() throws {
        let files = try Self.swiftFiles(under: Self.sources)
        #expect(files.count > 100)
        var stillWritten: Set<String> = []
        for file in files where !Self.isFactoryFile(file) {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            for code in Self.enums where text.contains(code.name + ".") {
                if Self.awaitingFactories.contains(code.name) {
                    stillWritten.insert(code.name)
                } else {
                    Issue.record("\(file) names \(code.name).…: report the diagnostic through its factory in \(code.module)'s *Diagnostics*.swift")
                }
            }
        }
        #expect(stillWritten == Self.awaitingFactories, "these enums no longer appear outside factory files: remove them from awaitingFactories")
    }

    /// Every case is used by a factory, under a doc line that starts with its
    /// code, and the factories of a file follow the enum's order.
    @Test func everyCodeHasAFactoryUnderItsCode() throws {
        for code in Self.enums where !Self.awaitingFactories.contains(code.name) {
            let folder = Self.sources.appendingPathComponent(code.module)
            let factoryFiles = try Self.swiftFiles(under: folder).filter(Self.isFactoryFile)
            #expect(!factoryFiles.isEmpty, "\(code.module) has no *Diagnostics*.swift")
            var used: Set<String> = []
            for file in factoryFiles {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                var documented: String?
                var lastIndex = -1
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if trimmed.hasPrefix("/// "), let word = trimmed.dropFirst(4).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).first,
                       code.cases.contains(where: { $0.code == word }) {
                        documented = String(word)
                    }
                    for (index, c) in code.cases.enumerated() where Self.mentions(String(line), "\(code.name).\(c.name)") {
                        used.insert(c.name)
                        #expect(documented == c.code, "\(file): \(code.name).\(c.name) is not under a `/// \(c.code)` line")
                        #expect(index >= lastIndex, "\(file): \(c.code) comes after a later code")
                        lastIndex = index
                    }
                }
            }
            let missing = code.cases.filter { !used.contains($0.name) }.map(\.code)
            #expect(missing == [], "\(code.name): no factory uses these codes")
        }
    }

    // MARK: Factory-made diagnostics of real rule files

    static func only(_ code: String, in text: String) throws -> MarkedDiagnostic {
        let found = DiagnosticSupport.diagnostics(text).filter { $0.code == code }
        #expect(found.count == 1, "\(found)")
        return try #require(found.first)
    }

    @Test func untilBeforeEffectiveIsAnErrorAtTheUntilDate() throws {
        let text = """
        ruleset "prov"
        source "Prov"
        effective 2024-06-20
        until 2024-01-01
        date field datum

        record kontakt
          datum: date
        end
        """
        let d = try Self.only("C0004", in: text)
        let draft = DiagnosticDraft.untilBeforeEffective(until: try #require(Day.parse("2024-01-01")), effective: try #require(Day.parse("2024-06-20")))
        #expect(d.severity == .error && draft.severity == .error)
        #expect((d.line, d.column, d.marked) == (4, 7, "2024-01-01"))
        #expect(d.message == draft.message && d.message == "`until` 2024-01-01 is before `effective` 2024-06-20")
        #expect(d.hint == nil)
    }

    @Test func anUnusedParameterIsAWarningAtItsName() throws {
        let text = DiagnosticSupport.prov("param grans: int = 3\n" + DiagnosticSupport.rule("require journalford\n  message \"m\""))
        let d = try Self.only("C0301", in: text)
        #expect(d.severity == .warning)
        #expect((d.line, d.column, d.marked) == (12, 7, "grans"))
        #expect(d.message == DiagnosticDraft.parameterNeverUsed("grans").message)
        #expect(d.hint == "remove it, or use it in a rule")
    }

    /// The phrase for where the condition stands comes from the place the checker passes.
    @Test func aNumberAsACapsRequireNamesTheCapsRequire() throws {
        let text = DiagnosticSupport.prov("""
        cap tak
          title "Tak"
          severity error
          cites "1"
          per patient
          order by datum
          require krav: 1 + 1
        end
        """)
        let d = try Self.only("T0001", in: text)
        #expect(d.severity == .error)
        #expect((d.line, d.column, d.marked) == (18, 17, "1 + 1"))
        #expect(d.message == "a cap's `require` must be a condition (true or false), but this is int")
    }

    @Test func aTestValueThatDoesNotConvertNamesTheRecordAndField() throws {
        let text = DiagnosticSupport.prov(DiagnosticSupport.rule("require journalford\n  message \"m\"") + """

        test "t"
          record a1 { datum: "2024-02-30" }
          expect a1 clean
        end
        """)
        let d = try Self.only("C0802", in: text)
        #expect(d.severity == .error)
        #expect(d.marked == "\"2024-02-30\"")
        #expect(d.message.hasPrefix("the value of `datum` in record a1: "), "\(d.message)")
    }

    @Test func aGapBetweenVersionsIsAWarningAtTheLaterEffectiveDate() throws {
        let first = VersionsTests.version("1", "effective 2024-01-01\nuntil 2024-03-31", limit: 1)
        let second = VersionsTests.version("2", "effective 2024-05-01", limit: 1)
        let versions = [try VersionsTests.checked(first, "tak-1.regel"), try VersionsTests.checked(second, "tak-2.regel")]
        let found = Versions.check(versions)
        #expect(found.map(\.1.code) == ["V0103"])
        let (file, d) = try #require(found.first)
        #expect(file.path == "tak-2.regel" && d.path == "tak-2.regel")
        #expect(d.severity == .warning)
        let (line, column) = file.location(of: d.span.start)
        #expect((line, column, file.slice(d.span)) == (4, 11, "2024-05-01"))
        #expect(d.message == "records dated 2024-04-01 to 2024-04-30 fall between the versions 1 and 2 of tak and will not be judged")
        #expect(d.hint == "close the gap, or say in a note why none applies")
    }

    @Test func aListFieldOfNumbersIsRefusedInSQLAtTheField() throws {
        let text = """
        ruleset "prov"
        source "Prov"

        record kontakt
          id: text
          antal: list of int
        end
        \(DiagnosticSupport.rule("require 1 in antal\n  message \"m\""))
        """
        let loaded = RulesetLoader.load(text: text, path: "prov.regel")
        let ruleset = try #require(loaded.checked, "\(loaded.diagnostics.map(\.message))")
        let builder = SQLQueryBuilder(dialect: .postgresql, table: "records", versions: [ruleset], params: [try Parameters.resolve([], for: ruleset)])
        #expect(throws: SQLVersionRefusal.self) { try builder.findingsQuery() }
        do throws(SQLVersionRefusal) {
            _ = try builder.findingsQuery()
        } catch {
            #expect(error.refusal.construct == .listField(of: .int))
            let d = error.refusal.diagnostic(in: error.file, dialect: .postgresql)
            #expect((d.code, d.severity, d.path) == ("S0001", .error, "prov.regel"))
            let (line, column) = loaded.file.location(of: d.span.start)
            #expect((line, column) == (6, 3))
            #expect(d.message == "a field of type list of int cannot be written in postgresql SQL: only lists of text or codes are read in SQL")
            #expect(d.hint == "declare the field as `list of text`, or run this ruleset with `regelverk validate`")
        }
    }
}
