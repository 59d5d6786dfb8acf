import Foundation
import Testing

/// Exports whose columns are named or shaped otherwise than the contract:
/// every run judges every rule it can, and says once which it could not.
@Suite struct ExportColumnTests {
    static let skane = "rulesets/skane-distans.regel"
    static let skaneExample = "rulesets/examples/skane-distans.csv"
    static let rehab = "rulesets/stockholm-rehab.regel"
    static let rehabExample = "rulesets/examples/stockholm-rehab.csv"

    func text(_ path: String) throws -> String {
        try String(contentsOf: Binary.repository.appendingPathComponent(path), encoding: .utf8)
    }

    func write(_ name: String, _ text: String) throws -> String { try Binary.temporaryFile(name, text) }

    /// The example with its header row changed.
    func renamingHeader(_ path: String, _ change: (String) -> String) throws -> String {
        var lines = try text(path).components(separatedBy: "\n")
        lines[0] = change(lines[0])
        return lines.joined(separator: "\n")
    }

    /// The example without one column (no cell of these examples holds a comma inside quotes).
    func dropping(_ column: String, from path: String) throws -> String {
        let lines = try text(path).components(separatedBy: "\n")
        let index = try #require(lines[0].components(separatedBy: ",").firstIndex(of: column))
        return lines.map { line in
            guard !line.isEmpty else { return line }
            var cells = line.components(separatedBy: ",")
            cells.remove(at: index)
            return cells.joined(separator: ",")
        }.joined(separator: "\n")
    }

    func jsonl(_ args: [String]) throws -> (Binary.Result, [[String: Any]]) {
        let r = try Binary.run(["validate", "--format", "jsonl"] + args)
        let objects = try r.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        return (r, objects)
    }

    /// record, rule, line and message: what must stay the same when only the file's shape changes.
    func keys(_ findings: [[String: Any]]) -> [String] {
        findings.map { f in ["record", "rule", "line", "message"].map { "\(f[$0] ?? "")" }.joined(separator: "|") }
    }

    @Test func missingOptionalColumnIsReportedOnceAndItsRuleIsNotJudged() throws {
        let path = try write("utan-id-kontroll.csv", try dropping("id_kontroll", from: Self.skaneExample))
        let (baseline, expected) = try jsonl(["--rules", Self.skane, Self.skaneExample])
        let (r, found) = try jsonl(["--rules", Self.skane, path])
        #expect(r.status == baseline.status)
        #expect(expected.contains { $0["rule"] as? String == "vk_id_kontroll" }, "the example has VK records without ID-kontroll")
        // Not one finding per VK record: one finding for the file, and none of the rule.
        let columns = found.filter { $0["kind"] as? String == "column" }
        #expect(columns.count == 1)
        #expect(columns.first?["column"] as? String == "id_kontroll")
        #expect(columns.first?["severity"] as? String == "warning")
        #expect(found.allSatisfy { $0["rule"] as? String != "vk_id_kontroll" })
        #expect(keys(found.filter { $0["kind"] as? String != "column" }) == keys(expected.filter { $0["rule"] as? String != "vk_id_kontroll" }))
        let notices = r.stderr.split(separator: "\n").filter { $0.contains("has no column `id_kontroll`") }
        #expect(notices.count == 1, "\(r.stderr)")
        #expect(notices.first?.contains("vk_id_kontroll") == true)
        let row = r.stderr.split(separator: "\n").first { $0.hasPrefix("  vk_id_kontroll ") }
        #expect(row?.contains("not judged on \(path): no column `id_kontroll`") == true, "\(r.stderr)")
    }

    @Test func headerThatDiffersInCaseAndSpacesIsSuggestedAndMapped() throws {
        let variant = try renamingHeader(Self.rehabExample) { $0.replacingOccurrences(of: "ordinarie_personal", with: "Ordinarie personal") }
        let path = try write("versaler.csv", variant)
        let text = try Binary.run(["validate", "--rules", Self.rehab, path])
        #expect(text.stderr.contains("did you mean `Ordinarie personal`? map it with --column 'ordinarie_personal=Ordinarie personal'"), "\(text.stderr)")
        #expect(!text.stdout.contains("A column of the ruleset"), "the text output leaves the notice to standard error")
        let (_, baseline) = try jsonl(["--rules", Self.rehab, Self.rehabExample])
        #expect(baseline.contains { $0["rule"] as? String == "ordinarie_personal" })
        let (unmapped, found) = try jsonl(["--rules", Self.rehab, path])
        #expect(found.allSatisfy { $0["rule"] as? String != "ordinarie_personal" })
        #expect(unmapped.stderr.contains("the rule ordinarie_personal could not be judged"))
        let (mapped, same) = try jsonl(["--rules", Self.rehab, "--column", "ordinarie_personal=Ordinarie personal", path])
        #expect(keys(same) == keys(baseline), "\(mapped.stderr)")
        #expect(!mapped.stderr.contains("has no column"))
    }

    @Test func requiredColumnUnderAnotherSpellingStopsOnceWithTheMapping() throws {
        let path = try write("kontakttyp.csv", try renamingHeader(Self.rehabExample) { $0.replacingOccurrences(of: "kontakttyp", with: "Kontakt-typ") })
        let r = try Binary.run(["validate", "--rules", Self.rehab, path])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("did you mean `Kontakt-typ` for `kontakttyp`? map it with --column kontakttyp=Kontakt-typ"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }

    @Test func mappingFileMapsSeveralHeaders() throws {
        let variant = try renamingHeader(Self.skaneExample) {
            $0.replacingOccurrences(of: "id_kontroll", with: "ID-kontroll").replacingOccurrences(of: "kontakttyp", with: "Kontakttyp ")
                .replacingOccurrences(of: "medicinsk_bedomning", with: "Medicinsk bedömning")
        }
        let path = try write("pmo.csv", variant)
        let mapping = try write(
            "pmo-kolumner.txt",
            """
            # PMO:s kolumnnamn → kontraktets
            id_kontroll = ID-kontroll
              kontakttyp = "Kontakttyp"
            medicinsk_bedomning = Medicinsk bedömning

            """)
        let (_, baseline) = try jsonl(["--rules", Self.skane, Self.skaneExample])
        let (r, found) = try jsonl(["--rules", Self.skane, "--columns", mapping, path])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(keys(found) == keys(baseline))
        // The command line wins over the file for the same name.
        let (_, overridden) = try jsonl(["--rules", Self.skane, "--columns", mapping, "--column", "id_kontroll=Saknas", path])
        #expect(overridden.contains { $0["kind"] as? String == "column" && ($0["message"] as? String)?.contains("`Saknas`") == true })
    }

    @Test(arguments: [
        ("id_kontrol = X\n", ":1:1:", "did you mean `id_kontroll`?"),
        ("# ok\nid_kontroll = X\nkontakttyp\n", ":3:1:", "expected `NAME = HEADER`"),
        ("id_kontroll = X\n  id_kontroll = Y\n", ":2:3:", "mapped twice (first on line 1)"),
        ("id_kontroll = \"X\n", ":1:15:", "never closed"),
        ("id_kontroll =\n", ":1:14:", "header after = is missing")
    ])
    func mistakesInTheMappingFileNameTheirPlace(_ text: String, _ place: String, _ words: String) throws {
        let mapping = try write("fel-kolumner-\(place.filter(\.isNumber)).txt", text)
        let r = try Binary.run(["validate", "--rules", Self.skane, "--columns", mapping, Self.skaneExample])
        #expect(r.status == 2)
        #expect(r.stderr.contains(mapping + place), "\(r.stderr)")
        #expect(r.stderr.contains(words), "\(r.stderr)")
    }

    @Test func columnOptionNamingNoColumnIsRefused() throws {
        let r = try Binary.run(["validate", "--rules", Self.rehab, "--column", "ordinarie=Ordinarie personal", Self.rehabExample])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no column `ordinarie`; did you mean `ordinarie_personal`?"), "\(r.stderr)")
    }

    @Test func jsonLinesKeysAreMappedToo() throws {
        let lines = try Binary.run(["read", "--show-personnummer", Self.rehabExample]).stdout.replacingOccurrences(
            of: "\"ordinarie_personal\"", with: "\"Ordinarie personal\"")
        let path = try write("rehab.jsonl", lines)
        let (_, baseline) = try jsonl(["--rules", Self.rehab, Self.rehabExample])
        let (r, found) = try jsonl(["--rules", Self.rehab, "--column", "ordinarie_personal=Ordinarie personal", path])
        func withoutLine(_ findings: [[String: Any]]) -> [String] { findings.map { "\($0["record"] ?? "")|\($0["rule"] ?? "")|\($0["message"] ?? "")" } }
        #expect(withoutLine(found) == withoutLine(baseline), "\(r.stderr)")
        #expect(!r.stderr.contains("has no column"))
    }

    @Test func reportAndReadSayWhatTheAbsentColumnCosts() throws {
        let path = try write("utan-genomfort.csv", try dropping("genomfort_datum", from: "rulesets/examples/skr-aterbesok.csv"))
        let report = try Binary.run(["report", "--rules", "rulesets/skr-aterbesok.regel", path])
        #expect(report.status == 0)
        #expect(report.stderr.contains("has no column `genomfort_datum`"), "\(report.stderr)")
        #expect(report.stderr.contains("could not be computed"), "\(report.stderr)")
        let read = try Binary.run(["read", "--rules", "rulesets/skr-aterbesok.regel", path])
        #expect(read.stderr.components(separatedBy: "has no column `genomfort_datum`").count == 2, "\(read.stderr)")
        let mapped = try Binary.run(["read", "--column", "id=Id", try write("id.csv", "Id,x\n1,2\n")])
        #expect(mapped.stdout == "{\"_line\":2,\"id\":\"1\",\"x\":\"2\"}\n")
    }

    @Test func diffDataReadsMappedColumns() throws {
        let path = try write("diff-versaler.csv", try renamingHeader(Self.rehabExample) { $0.replacingOccurrences(of: "kontakttyp", with: "Kontakttyp") })
        let refused = try Binary.run(["diff", "--data", path, Self.rehab, Self.rehab])
        #expect(refused.status == 2)
        let r = try Binary.run(["diff", "--data", path, "--column", "kontakttyp=Kontakttyp", Self.rehab, Self.rehab])
        #expect(r.status == 0, "\(r.stderr)")
    }
}
