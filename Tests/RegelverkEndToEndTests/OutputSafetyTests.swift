import Foundation
import Testing

/// Issues 10 and 11, the output side, end to end: no full personnummer in
/// any output unless asked for, control characters from the data never reach
/// the terminal raw, and the output options are refused where they do not apply.
@Suite struct OutputSafetyTests {
    static let examples = ["skane-distans", "stockholm-rehab", "vgr-primar-sekundar", "skr-aterbesok", "vgr-oppenvardsprocess"]
    static let fullNumber = try! NSRegularExpression(pattern: "(?<![0-9A-Za-z])[0-9]{8}[-+][0-9]{4}(?![0-9])")

    func hasFullNumber(_ s: String) -> Bool {
        Self.fullNumber.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    @Test(arguments: examples)
    func noCommandShowsAFullPersonnummer(_ name: String) throws {
        let rules = "rulesets/\(name).regel", data = "rulesets/examples/\(name).csv"
        var runs: [[String]] = ["text", "jsonl", "csv", "excel-sv", "html", "markdown", "junit"].map { ["validate", "--rules", rules, "--format", $0, data] }
        runs += [["read", data], ["read", "--rules", rules, data]]
        if ["skr-aterbesok", "vgr-oppenvardsprocess"].contains(name) {
            runs += ["text", "jsonl", "csv", "html"].map { ["report", "--rules", rules, "--format", $0, data] }
        }
        let raw = try String(contentsOf: Binary.repository.appendingPathComponent(data), encoding: .utf8)
        #expect(hasFullNumber(raw), "the example has personnummer to hide")
        for args in runs {
            let r = try Binary.run(args)
            #expect(r.status != 2, "\(args.joined(separator: " ")): \(r.stderr)")
            #expect(!hasFullNumber(r.stdout) && !hasFullNumber(r.stderr), "\(args.joined(separator: " ")) shows a full personnummer")
        }
    }

    @Test func showPersonnummerRevealsThem() throws {
        let args = ["--rules", "rulesets/vgr-primar-sekundar.regel", "rulesets/examples/vgr-primar-sekundar.csv"]
        let masked = try Binary.run(["validate", "--format", "jsonl"] + args)
        let shown = try Binary.run(["validate", "--format", "jsonl", "--show-personnummer"] + args)
        #expect(masked.stdout.contains("patient 20010823-****, 2024-08-02"))
        #expect(shown.stdout.contains("patient 20010823-2398, 2024-08-02"))
        #expect(masked.stdout.split(separator: "\n").count == shown.stdout.split(separator: "\n").count)
        let read = try Binary.run(["read", "--show-personnummer", "rulesets/examples/vgr-primar-sekundar.csv"])
        #expect(read.stdout.hasPrefix(#"{"_line":2,"id":"BK00245","patient":"19780624-2389""#))
    }

    static let failingTest = """
        ruleset "provtest"
        source "Dokument"

        record r
          id: text
          patient: personnummer
          ok: bool
        end

        rule ok
          title "Ska vara ok"
          severity error
          cites "1"
          require ok
          message "Kontakt {id} för {patient} är inte ok."
        end

        test "fel förväntan"
          record k1 { id: "k1", patient: "19811218-9876", ok: false }
          expect k1 clean
        end

        """

    @Test func testFailuresMaskTheTestRecordsPersonnummer() throws {
        let path = try Binary.temporaryFile("provtest-\(UUID().uuidString).regel", Self.failingTest)
        let masked = try Binary.run(["test", path])
        #expect(masked.status == 1)
        #expect(masked.stdout.contains("för 19811218-**** är inte ok"), "\(masked.stdout)")
        let junit = try Binary.run(["test", "--format", "junit", path])
        #expect(junit.stdout.contains("19811218-****") && !hasFullNumber(junit.stdout))
        let shown = try Binary.run(["test", "--show-personnummer", path])
        #expect(shown.stdout.contains("för 19811218-9876 är inte ok"))
    }

    @Test func diffDataMasksAMeasuresGroups() throws {
        let folder = Binary.repository.appendingPathComponent("Tests/RegelverkEndToEndTests/OutputGolden")
        let old = try String(contentsOf: folder.appendingPathComponent("utdata.regel"), encoding: .utf8)
        let new = try Binary.temporaryFile(
            "utdata-ny-\(UUID().uuidString).regel",
            old.replacingOccurrences(of: "value summa = sum belopp", with: "value summa = sum belopp where journalford"))
        let args = ["diff", "--data", "Tests/RegelverkEndToEndTests/OutputGolden/utdata.csv", "Tests/RegelverkEndToEndTests/OutputGolden/utdata.regel", new]
        let masked = try Binary.run(args)
        #expect(masked.status == 1)
        #expect(masked.stdout.contains("patient = 19811218-****"), "\(masked.stdout)")
        #expect(!hasFullNumber(masked.stdout))
        let shown = try Binary.run(args + ["--show-personnummer"])
        #expect(shown.stdout.contains("patient = 19811218-9876"))
    }

    @Test func explainMasksMessagesAndValues() throws {
        let args = [
            "explain", "--rules", "Tests/RegelverkEndToEndTests/OutputGolden/utdata.regel", "--record", "K1",
            "Tests/RegelverkEndToEndTests/OutputGolden/utdata.csv"
        ]
        let masked = try Binary.run(args)
        #expect(masked.status == 0)
        let expected = "Meddelande: Kontakt K1 för 19811218-**** på Vårdcentralen Åsa är inte journalförd (ring anhörig 19790531-****)."
        #expect(masked.stdout.contains(expected))
        #expect(!hasFullNumber(masked.stdout))
        let shown = try Binary.run(args + ["--show-personnummer", "--format", "json"])
        #expect(shown.stdout.contains("ring anhörig 19790531-2380"))
    }

    @Test func aHeaderWithAnEscapeSequenceIsShownNotObeyed() throws {
        let data = try Binary.temporaryFile("esc-\(UUID().uuidString).csv", "id,\u{1B}]0;pwned\u{7}patient,enhet\nk1,19811218-9876,x\n")
        let r = try Binary.run(["validate", "--rules", "rulesets/stockholm-rehab.regel", data])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\\u{1B}]0;pwned\\u{7}patient"), "\(r.stderr)")
        #expect(!r.stderr.contains("\u{1B}") && !r.stderr.contains("\u{7}"))
    }

    @Test func maxPerRuleZeroShowsOnlyTheCounts() throws {
        let r = try Binary.run(["validate", "--rules", "rulesets/skane-distans.regel", "--max-per-rule", "0", "rulesets/examples/skane-distans.csv"])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("  … and 2 more (--max-per-rule 0)"))
        #expect(!lines.contains { $0.hasPrefix("  SKD-") }, "no finding line is shown")
        let full = try Binary.run(["validate", "--rules", "rulesets/skane-distans.regel", "rulesets/examples/skane-distans.csv"])
        #expect(
            full.stdout.split(separator: "\n").filter { $0.hasPrefix("error ") || $0.hasPrefix("warning ") || $0.hasPrefix("info ") }
                == lines.filter { $0.hasPrefix("error ") || $0.hasPrefix("warning ") || $0.hasPrefix("info ") }.map { Substring($0) })
        #expect(r.stderr == full.stderr)
    }

    @Test(arguments: [
        (["--max-per-rule", "5", "--format", "jsonl"], "applies to --format text only"),
        (["--max-per-rule", "många"], "give a whole number"),
        (["--max-per-rule", "-1"], "give a whole number"),
        (["--format", "excel"], "excel-sv")
    ])
    func outputOptionsAreCheckedBeforeAnythingRuns(_ options: [String], _ message: String) throws {
        let r = try Binary.run(["validate", "--rules", "rulesets/skane-distans.regel"] + options + ["rulesets/examples/skane-distans.csv"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func excelDialectBytes() throws {
        let output = try Binary.temporaryFile("fynd-\(UUID().uuidString).csv", "")
        let r = try Binary.run([
            "validate", "--rules", "rulesets/skane-distans.regel", "--format", "excel-sv", "--output", output, "rulesets/examples/skane-distans.csv"
        ])
        #expect(r.status == 1)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF] + Array("ruleset;version;rule;severity;record;file;line;column;value;message;source\r\n".utf8)))
        #expect(bytes.indices.allSatisfy { bytes[$0] != 10 || bytes[$0 - 1] == 13 }, "every line ends in CRLF")
        let plain = try Binary.run(["validate", "--rules", "rulesets/skane-distans.regel", "--format", "csv", "rulesets/examples/skane-distans.csv"])
        #expect(bytes.filter { $0 == 10 }.count == plain.stdout.split(separator: "\n").count)
    }
}
