import Foundation
import Testing

/// Exports shaped as the regions' systems write them: each is either read
/// as it was meant, or refused once with what to do.
@Suite struct ExportShapeTests {
    static let rules = "rulesets/stockholm-rehab.regel"
    static let example = "rulesets/examples/stockholm-rehab.csv"

    func exampleText() throws -> String {
        try String(contentsOf: Binary.repository.appendingPathComponent(Self.example), encoding: .utf8)
    }

    func write(_ name: String, _ data: Data) throws -> String {
        let path = try Binary.temporaryFile(name, "")
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The findings of the UTF-8 original, to compare the other shapes with.
    func baseline() throws -> Binary.Result { try Binary.run(["validate", "--rules", Self.rules, "--format", "jsonl", Self.example]) }

    func findingsWithoutFile(_ r: Binary.Result) -> [String] {
        r.stdout.split(separator: "\n").map { $0.replacingOccurrences(of: #""file":"[^"]*""#, with: "", options: .regularExpression) }
    }

    @Test func windows1252IsDetectedWithOneNotice() throws {
        let text = try exampleText()
        let path = try write("ansi.csv", text.data(using: .windowsCP1252)!)
        let r = try Binary.run(["validate", "--rules", Self.rules, "--format", "jsonl", path])
        #expect(r.status == 1)
        #expect(r.stderr.components(separatedBy: "Windows-1252").count == 2, "\(r.stderr)")
        #expect(findingsWithoutFile(r) == findingsWithoutFile(try baseline()))
    }

    @Test(arguments: [String.Encoding.utf16LittleEndian, .utf16BigEndian])
    func utf16WithByteOrderMarkIsRead(_ encoding: String.Encoding) throws {
        let mark: [UInt8] = encoding == .utf16LittleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        let path = try write("utf16.csv", Data(mark) + (try exampleText()).data(using: encoding)!)
        let r = try Binary.run(["validate", "--rules", Self.rules, "--format", "jsonl", path])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("UTF-16"))
        #expect(findingsWithoutFile(r) == findingsWithoutFile(try baseline()))
    }

    @Test func utf8ForcedAsWindows1252IsRefusedOnce() throws {
        let r = try Binary.run(["validate", "--rules", Self.rules, "--encoding", "windows1252", Self.example])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Ã"), "\(r.stderr)")
        #expect(r.stderr.contains("leave out --encoding"))
        #expect(r.stdout.isEmpty)
    }

    @Test func windows1252ForcedAsUTF8IsRefusedOnce() throws {
        let path = try write("ansi-forced.csv", (try exampleText()).data(using: .windowsCP1252)!)
        let r = try Binary.run(["validate", "--rules", Self.rules, "--encoding", "utf8", path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--encoding windows1252"))
        #expect(r.stderr.split(separator: "\n").count <= 2, "\(r.stderr)")
    }

    @Test func tabSeparatedIsDetected() throws {
        let path = try write("tab.csv", Data((try exampleText()).replacingOccurrences(of: ",", with: "\t").utf8))
        let r = try Binary.run(["validate", "--rules", Self.rules, "--format", "jsonl", path])
        #expect(findingsWithoutFile(r) == findingsWithoutFile(try baseline()), "\(r.stderr)")
    }

    @Test func forcedDelimiterWins() throws {
        let path = try write("forced.csv", Data((try exampleText()).replacingOccurrences(of: ",", with: ";").utf8))
        let r = try Binary.run(["validate", "--rules", Self.rules, "--delimiter", ",", path])
        #expect(r.status == 2, "a ';' file read with ',' has one column, so the required columns are missing")
        let ok = try Binary.run(["validate", "--rules", Self.rules, "--format", "jsonl", "--delimiter", ";", path])
        #expect(findingsWithoutFile(ok) == findingsWithoutFile(try baseline()))
    }

    @Test func allRecordsOutsideTheDatesFailsAndNamesTheDates() throws {
        let old = (try exampleText()).replacingOccurrences(of: #"20(23|24|25)-"#, with: "2019-", options: .regularExpression)
        let path = try write("old.csv", Data(old.utf8))
        let r = try Binary.run(["validate", "--rules", Self.rules, path])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("no record was judged"))
        #expect(r.stderr.contains("2023-04-27"))
    }
}

@Suite struct EverydayCLITests {
    @Test func versionIsPrintedAndInTheHelp() throws {
        let r = try Binary.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("regelverk "))
        let version = r.stdout.dropFirst("regelverk ".count).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!version.isEmpty)
        #expect(try Binary.run(["--help"]).stdout.contains(version))
    }

    @Test func helpCommandPrintsThatCommandsHelp() throws {
        let r = try Binary.run(["help", "validate"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("usage: regelverk validate"))
    }
}
