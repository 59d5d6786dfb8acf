import Foundation
import Testing
@testable import RegelCheck
@testable import RegelRun
@testable import RegelSQL
@testable import RegelSyntax

/// The code enums and docs/diagnostics.md list the same codes: every code has
/// its row in the table and its own section with the same title and severity,
/// and every documented code is a case of one of the enums.
@Suite struct DiagnosticCodeTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let codes =
        SyntaxCode.allCases.map(\.rawValue) + CheckCode.allCases.map(\.rawValue) + VersionCode.allCases.map(\.rawValue)
        + SQLCode.allCases.map(\.rawValue)

    static func docs() throws -> String {
        try String(contentsOf: repository.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
    }

    /// code → (severity, title) from the table rows `| [C0008](#c0008) | error | title |`.
    static func table(_ docs: String) -> [String: (severity: String, title: String)] {
        var rows: [String: (String, String)] = [:]
        for line in docs.split(separator: "\n") where line.hasPrefix("| [") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, let close = cells[0].firstIndex(of: "]") else { continue }
            rows[String(cells[0][cells[0].index(after: cells[0].startIndex)..<close])] = (cells[1], cells[2])
        }
        return rows
    }

    @Test func everyCodeIsUniqueAndDocumented() throws {
        let docs = try Self.docs()
        let table = Self.table(docs)
        #expect(Set(Self.codes).count == Self.codes.count, "a code is in two enums")
        #expect(Self.codes.count >= 100)
        for code in Self.codes {
            guard let row = table[code] else {
                Issue.record("\(code) has no row in the table of docs/diagnostics.md")
                continue
            }
            #expect(docs.contains("[\(code)](#\(code.lowercased()))"), "\(code)'s row does not link to its section")
            #expect(
                docs.contains("### \(code)\n\n**\(row.title)** — \(row.severity)"),
                "\(code)'s section does not start with its title and severity from the table: **\(row.title)** — \(row.severity)")
        }
    }

    /// The severity a code's enum gives it (and so every diagnostic its
    /// factories make) is the one the table documents.
    @Test func everyCodeHasItsDocumentedSeverity() throws {
        let table = Self.table(try Self.docs())
        let severities =
            SyntaxCode.allCases.map { ($0.rawValue, $0.severity) } + CheckCode.allCases.map { ($0.rawValue, $0.severity) }
            + VersionCode.allCases.map { ($0.rawValue, $0.severity) } + SQLCode.allCases.map { ($0.rawValue, $0.severity) }
        #expect(severities.count == Self.codes.count)
        for (code, severity) in severities {
            #expect(
                table[code]?.severity == severity.rawValue,
                "\(code) is \(severity.rawValue) in its enum, \(table[code]?.severity ?? "absent") in docs/diagnostics.md")
        }
    }

    @Test func everyDocumentedCodeExists() throws {
        let docs = try Self.docs()
        let known = Set(Self.codes)
        let documented = Set(Self.table(docs).keys)
        let sections = docs.split(separator: "\n").filter { $0.hasPrefix("### ") }.map { String($0.dropFirst(4)) }
            .filter { $0.count == 5 && $0.first!.isUppercase && $0.dropFirst().allSatisfy(\.isNumber) }
        #expect(documented.subtracting(known).sorted() == [], "documented in the table but no such code")
        #expect(Set(sections).subtracting(known).sorted() == [], "a section for a code that does not exist")
    }

    /// A code is written only as a case of its enum, never as a string.
    @Test func noCodeIsWrittenAsAString() throws {
        let sources = Self.repository.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.hasSuffix("Code.swift") }
        #expect(!files.isEmpty)
        let literal = try Regex(#""[A-Z][0-9]{4}""#)
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            #expect(text.firstMatch(of: literal) == nil, "\(file) writes a diagnostic code as a string")
        }
    }
}
