import Foundation
import RegelBuiltins
import RegelData
import Testing
@testable import RegelCheck
@testable import RegelDiff
@testable import RegelEval
@testable import RegelGenerate
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

/// `regelverk generate` (DataGenerator): deterministic, exactly N rows, the
/// contract's columns, valid personnummer, and data that the shipped ruleset
/// reads without a single bad cell while a few percent of records break
/// several of its rules.
@Suite struct GenerateTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let contracts = DataGenerator.contracts
    static let rows = 3000

    static func ruleset(_ name: String) throws -> CheckedRuleset {
        let path = root.appendingPathComponent("rulesets/\(name).regel").path
        return try #require(try RulesetLoader.load(path: path).checked)
    }

    static func records(_ bytes: [UInt8], _ format: GenerateFormat) throws -> (header: [String], rows: [[Cell]]) {
        let name = format == .csv ? "gen.csv" : "gen.jsonl"
        var reader = try RecordReader(source: DataSource(name: name, bytes: bytes), format: format == .csv ? .csv : .jsonLines)
        var rows: [[Cell]] = []
        while let r = reader.next() {
            #expect(r.problem == nil, "line \(r.line): \(String(describing: r.problem))")
            rows.append(r.cells)
        }
        return (reader.selected, rows)
    }

    @Test(arguments: contracts)
    func sameSeedSameBytes(_ contract: String) throws {
        for format in GenerateFormat.allCases {
            let a = try DataGenerator.bytes(contract: contract, records: 500, seed: 42, format: format)
            let b = try DataGenerator.bytes(contract: contract, records: 500, seed: 42, format: format)
            #expect(a == b, "\(contract) \(format)")
        }
    }

    @Test(arguments: contracts)
    func differentSeedDifferentBytes(_ contract: String) throws {
        let a = try DataGenerator.bytes(contract: contract, records: 500, seed: 1)
        let b = try DataGenerator.bytes(contract: contract, records: 500, seed: 2)
        #expect(a != b)
    }

    @Test(arguments: contracts)
    func exactlyNRowsWithTheContractsColumns(_ contract: String) throws {
        let columns = try #require(DataGenerator.columns(of: contract))
        for n in [0, 1, 7, 1234] {
            for format in GenerateFormat.allCases {
                let bytes = try DataGenerator.bytes(contract: contract, records: n, format: format)
                let lines = bytes.filter { $0 == 0x0A }.count
                #expect(lines == n + (format == .csv ? 1 : 0), "\(contract) \(format) n=\(n)")
                if format == .csv {
                    let header = String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
                    #expect(header == columns.joined(separator: ","))
                    let read = try Self.records(bytes, format)
                    #expect(read.rows.count == n)
                }
            }
        }
    }

    @Test(arguments: contracts)
    func idsAreUniqueAndEveryPersonnummerIsValid(_ contract: String) throws {
        for format in GenerateFormat.allCases {
            let bytes = try DataGenerator.bytes(contract: contract, records: Self.rows, seed: 7, format: format)
            let (header, rows) = try Self.records(bytes, format)
            let p = try #require(header.firstIndex(of: "patient"))
            let i = try #require(header.firstIndex(of: "id"))
            var ids = Set<String>()
            for row in rows {
                guard case .text(let pnr) = row[p] else { Issue.record("no patient in \(row)"); continue }
                let parsed = Personnummer.parse(pnr)
                #expect(parsed?.validity == .valid, "\(contract): \(pnr) is not a valid personnummer")
                if case .text(let id) = row[i] { ids.insert(id) }
            }
            #expect(ids.count == rows.count, "\(contract): ids are not unique")
        }
    }

    /// The generated data validates with the shipped ruleset: every record is
    /// read and judged, no `cell` or `record` findings, and a few percent of
    /// records break several different rules.
    @Test(arguments: contracts)
    func validatesWithTheShippedRuleset(_ contract: String) throws {
        let ruleset = try Self.ruleset(contract)
        for format in GenerateFormat.allCases {
            let bytes = try DataGenerator.bytes(contract: contract, records: Self.rows, seed: 11, format: format)
            let source = DataSource(name: format == .csv ? "gen.csv" : "gen.jsonl", bytes: bytes)
            let params = try Parameters.resolve([], for: ruleset)
            let result = try Validation.run(ruleset, params: params, sources: [source])
            #expect(result.read == Self.rows)
            #expect(result.validated == Self.rows, "\(contract): records outside the ruleset's dates or rejected")
            let data = result.findings.filter { $0.kind != .rule }
            #expect(data.isEmpty, "\(contract): \(data.prefix(3).map { "\($0.record) \($0.rule): \($0.message)" })")
            let rules = Set(result.findings.map(\.rule))
            #expect(rules.count >= 5, "\(contract): only \(rules.sorted()) broken")
            let share = Double(Set(result.findings.map(\.record)).count) / Double(Self.rows)
            #expect(share >= 0.01 && share <= 0.10, "\(contract): \(share * 100) % of records have findings")
        }
    }

    @Test func datesFollowTheContract() throws {
        let bytes = try DataGenerator.bytes(contract: "stockholm-rehab", records: 2000)
        let (header, rows) = try Self.records(bytes, .csv)
        let d = try #require(header.firstIndex(of: "datum"))
        var days: [Day] = []
        for row in rows { if case .text(let t) = row[d], let day = Day.parse(t) { days.append(day) } }
        #expect(days.count == rows.count)
        #expect(days == days.sorted(), "rows are in date order")
        #expect(days.first! >= Day(year: 2023, month: 4, day: 27)!)
        #expect(days.last! <= Day(year: 2025, month: 12, day: 31)!)
        let narrow = Day(year: 2024, month: 1, day: 1)!...Day(year: 2024, month: 3, day: 31)!
        let few = try Self.records(try DataGenerator.bytes(contract: "skane-distans", records: 500, dates: narrow), .csv)
        let sd = try #require(few.header.firstIndex(of: "datum"))
        for row in few.rows {
            if case .text(let t) = row[sd] { #expect(narrow.contains(Day.parse(t)!)) }
        }
    }

    @Test func somePatientsHaveSeveralContactsAtOneUnit() throws {
        let (header, rows) = try Self.records(try DataGenerator.bytes(contract: "skane-distans", records: Self.rows), .csv)
        let p = header.firstIndex(of: "patient")!, u = header.firstIndex(of: "enhet")!
        var counts: [String: Int] = [:]
        for row in rows { counts["\(row[p])|\(row[u])", default: 0] += 1 }
        #expect(counts.values.filter { $0 >= 3 }.count > rows.count / 50)
        let text = String(decoding: try DataGenerator.bytes(contract: "skane-distans", records: Self.rows), as: UTF8.self)
        #expect(text.contains("\"Vårdcentralen Hässleholm, Norra\""), "a unit name with a comma is quoted")
    }

    // MARK: The command

    @Test func commandWritesAFileAndHasHelp() throws {
        let console = Console(capture: true)
        #expect(RegelverkCLI.main(["generate", "--help"], console: console) == 0)
        #expect(console.output.contains("example:"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("regelverk-gen-\(getpid()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rules = Self.root.appendingPathComponent("rulesets/stockholm-rehab.regel").path
        let c2 = Console(capture: true)
        #expect(RegelverkCLI.main(["generate", rules, "--records", "1k", "--seed", "3", "--output", path], console: c2) == 0)
        let written = try #require(FileManager.default.contents(atPath: path))
        #expect(Array(written) == (try DataGenerator.bytes(contract: "stockholm-rehab", records: 1000, seed: 3)))
        let c3 = Console(capture: true)
        #expect(RegelverkCLI.main(["generate", "stockholm-rehab", "--records", "5", "--format", "jsonl"], console: c3) == 0)
        #expect(c3.output.split(separator: "\n").count == 5)
        #expect(c3.output.hasPrefix("{\"id\":\"RH00000001\""))
    }

    @Test func commandUsageErrors() {
        let c1 = Console(capture: true)
        #expect(RegelverkCLI.main(["generate", "skane-distan", "--records", "10"], console: c1) == 2)
        #expect(c1.errors.contains("Did you mean `skane-distans`?"))
        let c2 = Console(capture: true)
        #expect(RegelverkCLI.main(["generate", "skane-distans"], console: c2) == 2)
        #expect(c2.errors.contains("--records"))
        let c3 = Console(capture: true)
        #expect(RegelverkCLI.main(["generate", "skane-distans", "--records", "ten"], console: c3) == 2)
        #expect(GenerateCommand.parseCount("10M") == 10_000_000)
        #expect(GenerateCommand.parseCount("1_000") == 1000)
        #expect(GenerateCommand.parseCount("-1") == nil)
    }

    @Test func personnummerMakerGivesDistinctValidNumbers() {
        let maker = PersonnummerMaker(seed: 99)
        var seen = Set<UInt64>()
        for p in 0..<20_000 {
            let n = maker.make(p)
            seen.insert(n / 10)  // the check digit follows from the rest
            let text = String(n)
            #expect(Personnummer.parse(text)?.validity == .valid, "\(text)")
        }
        #expect(seen.count == 20_000)
        #expect(Personnummer.luhnCheckDigit(811_218_987) == 6)  // 19811218-9876
    }
}
