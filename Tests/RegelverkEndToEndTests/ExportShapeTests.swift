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

extension ExportShapeTests {
    func jsonlFindings(_ r: Binary.Result) throws -> [[String: Any]] {
        try r.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// Excel's `;` after the last cell, with the header ending in `;` too or not.
    @Test(arguments: [true, false])
    func trailingSemicolonIsAccepted(_ headerToo: Bool) throws {
        let lines = (try exampleText()).replacingOccurrences(of: ",", with: ";").split(separator: "\n")
        let text = lines.enumerated().map { $0.offset == 0 && !headerToo ? "\($0.element)\r\n" : "\($0.element);\r\n" }.joined()
        let path = try write("excel-\(headerToo).csv", Data(text.utf8))
        let r = try Binary.run(["validate", "--rules", Self.rules, "--format", "jsonl", path])
        #expect(findingsWithoutFile(r) == findingsWithoutFile(try baseline()), "\(r.stderr)")
        #expect(r.stderr.contains("330 read, 330 validated, 0 rejected"), "\(r.stderr)")
    }

    /// Dates as PMO, PASiS and database exports write them, and SANT/FALSKT
    /// from Swedish Excel, give the findings of the contract's spellings.
    @Test func exportSpellingsOfDatesAndBooleans() throws {
        var n = 0
        let text = (try exampleText()).split(separator: "\n").map { line -> String in
            n += 1
            guard n > 1 else { return String(line) }
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let d = cells[3].split(separator: "-")
            switch n % 4 {
            case 0: cells[3] = d.joined()
            case 1: cells[3] = "\(d[0])-\(Int(d[1])!)-\(Int(d[2])!)"
            case 2: cells[3] += " 00:00:00"
            default: cells[3] += "T00:00:00"
            }
            for i in 5...8 { cells[i] = cells[i] == "ja" ? "SANT" : cells[i] == "nej" ? "FALSKT" : cells[i] }
            return cells.joined(separator: ",")
        }.joined(separator: "\n")
        #expect(text.contains("SANT") && text.contains("FALSKT") && text.contains("T00:00:00"))
        let path = try write("spellings.csv", Data(text.utf8))
        let r = try Binary.run(["validate", "--rules", Self.rules, "--format", "jsonl", path])
        #expect(findingsWithoutFile(r) == findingsWithoutFile(try baseline()), "\(r.stderr)")
    }

    @Test func timeOfDayInADateColumnIsAFindingWithTheFix() throws {
        let text = (try exampleText()).replacingOccurrences(
            of: "REH-0001,19790531-2380,Rehab Täby centrum,2023-05-09,",
            with: "REH-0001,19790531-2380,Rehab Täby centrum,2023-05-09 14:30:00,")
        let path = try write("tid.csv", Data(text.utf8))
        let r = try Binary.run(["validate", "--rules", Self.rules, "--format", "jsonl", path])
        let cell = try jsonlFindings(r).first { $0["rule"] as? String == "cell" }
        #expect(cell?["record"] as? String == "REH-0001")
        #expect(
            (cell?["message"] as? String)?.contains("the cell has the time 14:30:00 too, which a date column cannot hold; export the date alone (2023-05-09)")
                == true, "\(r.stdout)")
    }

    /// The example with every date four years earlier: before the ruleset's `effective`.
    func oldExport() throws -> String {
        var text = try exampleText()
        // Year by year, so leap days stay real dates (2024 → 2020).
        for (from, to) in [("2023-", "2019-"), ("2024-", "2020-"), ("2025-", "2021-")] {
            text = text.replacingOccurrences(of: "," + from, with: "," + to)
        }
        return text
    }

    @Test func asOfJudgesRecordsBeforeTheEffectiveDate() throws {
        let path = try write("gammal.csv", Data(try oldExport().utf8))
        let without = try Binary.run(["validate", "--rules", Self.rules, "--format", "jsonl", path])
        #expect(without.status == 2)
        #expect(without.stdout.isEmpty)
        #expect(without.stderr.contains("--as-of DATE"))
        let with = try Binary.run(["validate", "--rules", Self.rules, "--format", "jsonl", "--as-of", "2024-01-01", path])
        #expect(with.status == 1, "\(with.stderr)")
        #expect(
            with.stderr.contains("330 read, 330 validated (330 of them dated outside the ruleset's dates, judged as of 2024-01-01), 0 rejected"),
            "\(with.stderr)")
        #expect(!with.stderr.contains("no record was judged"))
        #expect(try jsonlFindings(with).contains { $0["kind"] as? String == "rule" })
        let refused = try Binary.run(["validate", "--rules", Self.rules, "--as-of", "2020-01-01", path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("no version of stockholm-rehab is in force on that date"), "\(refused.stderr)")
    }

    /// Two versions: a record inside a version's dates keeps it; one before
    /// both is judged by the version in force on the --as-of date.
    @Test func asOfWithSeveralVersions() throws {
        let rules = try String(contentsOf: Binary.repository.appendingPathComponent(Self.rules), encoding: .utf8)
        let v2 = try Binary.temporaryFile(
            "rehab-v2.regel",
            rules.replacingOccurrences(of: "version \"3.0\"", with: "version \"2.0\"")
                .replacingOccurrences(of: "effective 2023-04-27", with: "effective 2023-04-27\nuntil 2023-12-31"))
        let v3 = try Binary.temporaryFile("rehab-v3.regel", rules.replacingOccurrences(of: "effective 2023-04-27", with: "effective 2024-01-01"))
        let old = "OLD-1,19790531-2380,Rehab Gamla stan,2019-05-06,skriftlig,ja,nej,ja,ja\n"
        let path = try write("blandad.csv", Data(((try exampleText()) + old).utf8))
        func versions(_ asOf: [String]) throws -> (old: [String], recent: Set<String>, status: Int32) {
            let r = try Binary.run(["validate", "--rules", v2, "--rules", v3, "--format", "jsonl"] + asOf + [path])
            let found = try jsonlFindings(r).filter { $0["kind"] as? String == "rule" }
            let oldVersions = found.filter { $0["record"] as? String == "OLD-1" }.map { $0["version"] as? String ?? "" }
            let recent = Set(found.filter { ($0["line"] as? Int ?? 0) > 1 && $0["record"] as? String != "OLD-1" }.map { $0["version"] as? String ?? "" })
            return (oldVersions, recent, r.status)
        }
        let none = try versions([])
        #expect(none.old.isEmpty)
        #expect(none.recent.contains("3.0"))
        let v2Date = try versions(["--as-of", "2023-06-01"])
        #expect(!v2Date.old.isEmpty && v2Date.old.allSatisfy { $0 == "2.0" })
        #expect(v2Date.recent == none.recent, "records within a version's dates keep theirs")
        let v3Date = try versions(["--as-of", "2024-06-01"])
        #expect(!v3Date.old.isEmpty && v3Date.old.allSatisfy { $0 == "3.0" })
    }

    static let warningRules = """
        ruleset "fail-on"
        version "1"
        source "Prov"

        record r
          id: text
          varde: int
        end

        rule lagt
          severity warning
          require varde >= 5
          message "Värdet {varde} är lågt."
        end

        rule sju
          severity info
          require varde != 7
          message "Värdet är 7."
        end
        """

    @Test(
        arguments: [
            ("3", nil, 0), ("3", "error", 0), ("3", "warning", 1), ("3", "info", 1),
            ("7", nil, 0), ("7", "warning", 0), ("7", "info", 1), ("12", "info", 0)
        ] as [(String, String?, Int32)])
    func failOn(_ value: String, _ severity: String?, _ status: Int32) throws {
        let rules = try Binary.temporaryFile("fail-on.regel", Self.warningRules)
        let data = try write("fail-on-\(value)-\(severity ?? "default").csv", Data("id,varde\na,\(value)\n".utf8))
        let r = try Binary.run(["validate", "--rules", rules] + (severity.map { ["--fail-on", $0] } ?? []) + [data])
        #expect(r.status == status, "\(r.stderr)")
    }

    /// Per rule: the records it judged and its findings; records counted as records.
    @Test func summaryTablePerRuleAndRecordsCountedAsRecords() throws {
        let rules = try Binary.temporaryFile(
            "tabell.regel", Self.warningRules.replacingOccurrences(of: "  varde: int\n", with: "  varde: int\n  x: optional bool\n  y: optional bool\n"))
        let data = try write("tabell.csv", Data("id,varde,x,y\na,3,kanske,kanske\nb,7,ja,nej\nc,x,ja,ja\n".utf8))
        let r = try Binary.run(["validate", "--rules", rules, data])
        let lines = r.stderr.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("rule severity records judged findings"), "\(r.stderr)")
        #expect(lines.contains("lagt warning 2 1"), "c's varde did not convert, so it is not judged: \(r.stderr)")
        #expect(lines.contains("sju info 2 1"), "\(r.stderr)")
        #expect(lines.contains("cell error – 3 cells that could not be read"), "\(r.stderr)")
        #expect(r.stdout.contains("error cell — A cell could not be read (2 records, 3 findings)"), "\(r.stdout)")
    }
}

@Suite struct ProgressLineTests {
    func bigExport(_ name: String) throws -> String {
        let path = try Binary.temporaryFile("progress-\(name).csv", "")
        let r = try Binary.run(["generate", "stockholm-rehab", "--records", "20000", "--output", path])
        try #require(r.status == 0, "\(r.stderr)")
        return path
    }

    @Test func nothingWhenStandardErrorIsNotATerminal() throws {
        let r = try Binary.run(
            ["validate", "--rules", "rulesets/stockholm-rehab.regel", "--format", "jsonl", "--output", "/dev/null", try bigExport("pipe")],
            environment: ["REGELVERK_PROGRESS_AFTER": "0"])
        #expect(r.stderr.contains("records: 20000 read"), "\(r.stderr)")
        #expect(!r.stderr.contains("records/s"))
        #expect(!r.stderr.contains("\r"))
    }

    @Test func shownOnATerminal() throws {
        let terminal = try Terminal.run(
            [
                Binary.executable.path, "validate", "--rules", "rulesets/stockholm-rehab.regel", "--format", "jsonl",
                "--output", "/dev/null", try bigExport("terminal")
            ], environment: ["REGELVERK_PROGRESS_AFTER": "0"])
        #expect(terminal.contains("records/s"), "\(terminal)")
        #expect(terminal.contains("% of the input read"))
        #expect(terminal.contains("records: 20000 read"))
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
