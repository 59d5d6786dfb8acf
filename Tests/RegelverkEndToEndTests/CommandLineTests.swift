import Foundation
import Testing

@Suite struct CommandLineTests {
    @Test(arguments: ["check", "test", "validate", "report", "read", "diff", "generate", "format", "explain", "lsp", "sql"])
    func helpHasAnExample(_ command: String) throws {
        let r = try Binary.run([command, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("usage: regelverk \(command)"))
        #expect(r.stdout.contains("example"))
    }

    @Test func unknownCommandSuggests() throws {
        let r = try Binary.run(["valdate"])
        #expect(r.status == 2)
        #expect(r.stderr.lowercased().contains("did you mean `validate`"))
    }

    @Test func checkShippedRulesetsIsClean() throws {
        let r = try Binary.run(["check", "rulesets"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("checked 5 files: 0 errors, 0 warnings"))
    }

    @Test func testShippedRulesetsPasses() throws {
        let r = try Binary.run(["test", "rulesets"])
        #expect(r.status == 0, "\(r.stdout)")
        let last = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasSuffix("passed, 0 failed"), "\(last)")
    }

    @Test func fiveMistakesGiveFivePositionedDiagnostics() throws {
        let r = try Binary.run(["check", "Tests/RegelverkKitTests/Golden/diagnostics/five-mistakes.regel"])
        #expect(r.status == 2)
        let headers = r.stderr.split(separator: "\n").filter { $0.hasPrefix("Tests/RegelverkKitTests/Golden/diagnostics/five-mistakes.regel:") }
        #expect(headers.count == 5, "\(r.stderr)")
        #expect(r.stderr.contains("^"))
    }

    @Test func validateShippedExample() throws {
        let r = try Binary.run(["validate", "--rules", "rulesets/stockholm-rehab.regel", "--format", "jsonl", "rulesets/examples/stockholm-rehab.csv"])
        #expect(r.status == 1, "there are error findings in the example")
        let lines = r.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            for key in ["ruleset", "rule", "severity", "record", "line", "message", "source"] {
                #expect(object?[key] != nil, "missing \(key) in \(line)")
            }
        }
        #expect(r.stderr.contains("records: 330 read, 330 validated, 0 rejected"))
    }

    /// The issue's acceptance data: a broken date, an unknown code, a wrong
    /// column count and an unterminated quote; the rest is judged correctly.
    @Test func badCellsAreFindingsAndTheRestIsValidated() throws {
        let csv = """
            id,patient,enhet,datum,kontakttyp,dialog,journalford,medicinsk_bedomning,ordinarie_personal
            a1,19121212-1212,Rehab Söder,2024-01-08,skriftlig,ja,ja,ja,
            a2,19121212-1212,Rehab Söder,2024-02-30,skriftlig,ja,ja,ja,
            a3,19121212-1212,Rehab Söder,2024-01-09,chatt,ja,ja,ja,
            a4,19121212-1212,Rehab Söder,2024-01-10,skriftlig,ja,ja
            a5,19121212-1212,"Rehab Söder,2024-01-11,skriftlig,ja,ja,ja,
            a6,19121212-1212,Rehab Söder,2024-01-09,skriftlig,ja,ja,ja,
            a7,19121212-1212,Rehab Söder,2024-01-16,skriftlig,nej,ja,ja,

            """
        let path = try Binary.temporaryFile("mixed.csv", csv)
        let r = try Binary.run(["validate", "--rules", "rulesets/stockholm-rehab.regel", "--format", "jsonl", path])
        let findings = try r.stdout.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let pairs = Set(findings.map { "\($0["record"]!):\($0["rule"]!)" })
        #expect(pairs.contains("a2:cell"))
        #expect(pairs.contains("a3:cell"))
        #expect(pairs.contains("a4:record"))
        #expect(pairs.contains("a5:record"))
        #expect(pairs.contains("a6:vecka"), "a6 is the second written contact in week 2 after a1")
        #expect(pairs.contains("a7:innehall"))
        #expect(!pairs.contains { $0.hasPrefix("a1:") })
        // a2's date cannot be read, so no version of the ruleset can be
        // chosen for it: it is rejected, with its cell finding.
        #expect(r.stderr.contains("records: 7 read, 4 validated, 3 rejected"), "\(r.stderr)")
        #expect(r.status == 1)
    }

    @Test func missingRequiredColumnStopsBeforeAnyRecord() throws {
        let path = try Binary.temporaryFile("short.csv", "id,patient\n1,19121212-1212\n")
        let r = try Binary.run(["validate", "--rules", "rulesets/stockholm-rehab.regel", path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no column"))
        #expect(r.stdout.isEmpty)
    }

    @Test func readsStandardInput() throws {
        let csv = "id;patient;enhet;datum;kontakttyp;dialog;journalford;medicinsk_bedomning\r\nb1;191212121212;E;2024-03-01;skriftlig;JA;Ja;nej\r\n"
        let r = try Binary.run(["validate", "--rules", "rulesets/stockholm-rehab.regel", "--format", "csv", "-"], stdin: csv)
        #expect(r.stdout.contains("b1"))
        #expect(r.stdout.contains("innehall"))
        #expect(r.stdout.hasPrefix("ruleset,version,rule,severity,record,file,line"))
    }

    @Test func reportWritesOneJSONLinePerGroup() throws {
        let r = try Binary.run([
            "report", "--rules", "rulesets/skr-aterbesok.regel", "--format", "jsonl", "--param", "referensdatum=2025-06-30",
            "rulesets/examples/skr-aterbesok.csv"
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            #expect(o["measure"] as? String == "tillganglighet")
            let group = o["group"] as? [String: Any]
            #expect(group?["klinik"] != nil)
            let values = o["values"] as? [String: Any]
            for key in ["inom_maldatum", "efter_maldatum", "andel_inom", "vantande", "vantande_efter_maldatum"] {
                #expect(values?.keys.contains(key) == true)
            }
        }
    }

    @Test func unknownParameterIsAUsageError() throws {
        let r = try Binary.run([
            "report", "--rules", "rulesets/skr-aterbesok.regel", "--param", "referensdatm=2025-01-01", "rulesets/examples/skr-aterbesok.csv"
        ])
        #expect(r.status == 2)
        #expect(r.stderr.lowercased().contains("did you mean `referensdatum`"))
    }

    @Test func readShowsTypedRecords() throws {
        let r = try Binary.run(["read", "--rules", "rulesets/vgr-primar-sekundar.regel", "rulesets/examples/vgr-primar-sekundar.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let first = try JSONSerialization.jsonObject(with: Data(r.stdout.split(separator: "\n")[0].utf8)) as! [String: Any]
        #expect(first["_line"] as? Int == 2)
        #expect(first["medicinskt_samband"] is Bool)
    }

    static func version(_ v: String, _ header: String, limit: Int) -> String {
        """
        ruleset "tak"
        version "\(v)"
        source "Dokument"
        \(header)
        date field datum

        record r
          id: text
          datum: date
          antal: int
        end

        rule hogst
          title "Högst"
          severity error
          cites "1"
          require antal <= \(limit)
          message "{id}: för många"
        end
        """
    }

    @Test func validateAppliesTheVersionInForce() throws {
        let v1 = try Binary.temporaryFile("tak-1.regel", Self.version("1", "effective 2024-01-01\nuntil 2024-06-30", limit: 10))
        let v2 = try Binary.temporaryFile("tak-2.regel", Self.version("2", "effective 2024-07-01", limit: 8))
        let data = try Binary.temporaryFile("tak.csv", "id,datum,antal\na,2024-06-30,9\nb,2024-07-01,9\nc,2023-01-01,99\n")
        let r = try Binary.run(["validate", "--rules", v1, "--rules", v2, "--format", "jsonl", data])
        #expect(r.status == 1)
        let findings = try r.stdout.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(findings.map { "\($0["record"]!)@\($0["version"]!)" } == ["b@2"])
        #expect(r.stderr.contains("3 read, 2 validated, 0 rejected, 1 outside the ruleset's dates"), "\(r.stderr)")
    }

    @Test func overlappingVersionsFailTheCheck() throws {
        let v1 = try Binary.temporaryFile("overlap-1.regel", Self.version("1", "effective 2024-01-01", limit: 10))
        let v2 = try Binary.temporaryFile("overlap-2.regel", Self.version("2", "effective 2024-07-01", limit: 8))
        let r = try Binary.run(["check", v1, v2])
        #expect(r.status == 2)
        #expect(r.stderr.contains("error[V0102]"))
    }

    @Test func formatCheckAndWrite() throws {
        let path = try Binary.temporaryFile(
            "ful.regel",
            "ruleset \"ful\"\nsource \"x\"\nrecord r\n    id:text\n  ok :bool # flagga\nend\nrule r\n  severity error\n  cites \"1\"\n  require   (ok)\nend\n")
        let check = try Binary.run(["format", "--check", path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("ful.regel"))
        let write = try Binary.run(["format", "--write", path])
        #expect(write.status == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("  ok: bool  # flagga\n"))
        #expect(text.contains("  require ok\n"))
        #expect(try Binary.run(["format", "--check", path]).status == 0)
        let broken = try Binary.temporaryFile("trasig.regel", "ruleset \"t\"\nrule\n")
        #expect(try Binary.run(["format", "--write", broken]).status == 2)
        #expect(try String(contentsOfFile: broken, encoding: .utf8) == "ruleset \"t\"\nrule\n", "a file with errors is left as it is")
    }
}
