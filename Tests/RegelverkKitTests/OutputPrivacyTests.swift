import RegelBuiltins
import RegelData
import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

/// Issues 10 and 11, the output side: personnummer masked in findings, text
/// findings grouped without holding them, measures for Swedish Excel.
@Suite struct OutputPrivacyTests {
    static let rules = """
        ruleset "utdata"
        source "Dokument"

        record r
          id: text
          patient: personnummer
          anhorig: optional text
          enhet: text
          antal: int
        end

        rule hogst
          title "Högst fem"
          severity error
          cites "1"
          require antal <= 5
          message "Kontakt {id} för {patient} ({anhorig}) har {antal}."
        end

        rule minst
          title "Minst ett"
          severity warning
          cites "2"
          require antal >= 1
          message "Kontakt {id} på {enhet}."
        end

        measure per_patient
          group by patient
          value n = count
          value medel = n / 3
        end
        """

    static func csv(_ n: Int) -> String {
        var s = "id,patient,anhorig,enhet,antal\n"
        for i in 0..<n {
            let patient = i % 50 == 7 ? "19811218-987" : (i % 3 == 0 ? "19811218-9876" : "20020828-2392")
            let antal = i % 41 == 0 ? "x" : String(i % 8)
            s += "r\(i),\(patient),\(i % 2 == 0 ? "Anhörig 19790531-2380" : ""),Enhet \(i % 5),\(antal)\n"
        }
        return s
    }

    static func run(_ n: Int) throws -> (CheckedRuleset, [Finding]) {
        let checked = try #require(RulesetLoader.load(text: rules, path: "utdata.regel").checked)
        let result = try Validation.run(checked, params: [], sources: [DataSource(name: "u.csv", bytes: Array(csv(n).utf8))])
        return (checked, result.findings)
    }

    @Test func findingsShowNoFullPersonnummer() throws {
        let (checked, findings) = try Self.run(200)
        let masked = FindingMask([checked]).apply(findings)
        #expect(findings.contains { $0.message.contains("19811218-9876") }, "the test's findings carry personnummer")
        #expect(masked.count == findings.count)
        for f in masked {
            let shown = f.message + " " + (f.value ?? "")
            #expect(PersonnummerMask.maskAll(in: shown) == shown, "\(f.message)")
            #expect(!f.message.contains("19811218-987\""), "a malformed number in a personnummer column is masked too")
        }
        #expect(masked.contains { $0.message.contains("för 19811218-**** (Anhörig 19790531-****)") })
        let cell = try #require(masked.first { $0.kind == .cell && $0.column == "patient" })
        #expect(cell.value == "19811218-****")
        #expect(cell.message.hasPrefix("column `patient`: \"19811218-****\" — expected a personnummer"))
        #expect(zip(masked, findings).allSatisfy { $0.record == $1.record && $0.line == $1.line && $0.rule == $1.rule })
        #expect(FindingMask([checked], enabled: false).apply(findings) == findings)
    }

    @Test func groupedTextIsTheSameWhenSpilledToATemporaryFile() throws {
        let (_, findings) = try Self.run(3000)
        let writer = FindingWriter(format: .text)
        let whole = writer.text(findings)
        for (tailLimit, batch) in [(1, 1), (200, 7), (1 << 16, 500)] {
            let console = Console(capture: true)
            let sink = try OutputSink(path: nil, console: console)
            let groups = TextFindingGroups(writer, maxPerRule: nil, tailLimit: tailLimit)
            for start in stride(from: 0, to: findings.count, by: batch) {
                for f in findings[start..<min(start + batch, findings.count)] { groups.add(f) }
            }
            try groups.write(to: sink)
            try sink.close()
            #expect(console.output == whole, "tail limit \(tailLimit)")
        }
        #expect(whole.hasPrefix("error cell"), "errors come first")
    }

    @Test func maxPerRuleShowsTheFirstAndCountsTheRest() throws {
        let (_, findings) = try Self.run(300)
        let writer = FindingWriter(format: .text)
        let console = Console(capture: true)
        let sink = try OutputSink(path: nil, console: console)
        let groups = TextFindingGroups(writer, maxPerRule: 2, tailLimit: 16)
        for f in findings { groups.add(f) }
        try groups.write(to: sink)
        try sink.close()
        let hogst = findings.filter { $0.rule == "hogst" }
        let lines = console.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let heading = try #require(lines.firstIndex { $0.hasPrefix("error hogst") })
        #expect(lines[heading] == "error hogst — Högst fem (\(hogst.count) records)")
        #expect(lines[heading + 2] == writer.textLine(hogst[0]).dropLast())
        #expect(lines[heading + 3] == writer.textLine(hogst[1]).dropLast())
        #expect(lines[heading + 4] == "  … and \(hogst.count - 2) more (--max-per-rule 2)")
        #expect(lines[heading + 5] == "")
    }

    @Test func measuresForSwedishExcel() throws {
        let checked = try #require(RulesetLoader.load(text: Self.rules, path: "utdata.regel").checked)
        let (results, _) = try Validation.measures(checked, params: [], sources: [DataSource(name: "u.csv", bytes: Array(Self.csv(10).utf8))])
        let excel = MeasureWriter(format: .csv, csv: .excelSwedish).render(results)
        #expect(excel.hasPrefix("\u{FEFF}measure;patient;n;medel\r\n"))
        #expect(excel.contains("per_patient;19811218-****;4;1,3333\r\n"))
        let bytes = Array(excel.utf8)
        #expect(bytes.indices.allSatisfy { bytes[$0] != 10 || ($0 > 0 && bytes[$0 - 1] == 13) }, "every line ends in CRLF")
        let shown = MeasureWriter(format: .csv, maskPersonnummer: false).render(results)
        #expect(shown.contains("per_patient,19811218-9876,4,1.3333\n"))
        let json = MeasureWriter(format: .jsonl).render(results)
        #expect(json.contains("\"patient\":\"19811218-****\"") && !json.contains("9876"))
    }
}
