import RegelData
import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun

/// An optional column that an export lacks: the checks that read it are
/// not judged on that export (whichever way they read it), every other
/// check is, and the column is reported once per file.
@Suite struct AbsentColumnTests {
    static let fields = """
          datum: date
          typ: one of "VK", "KT", "BES"
          kontroll: optional bool
          kod: optional text
        """

    static let rules = """
        define kontrollerad = kontroll otherwise false

        rule direkt
          severity error
          when typ = "VK"
          require kontroll otherwise false
        end

        rule via_define
          severity error
          when typ = "KT"
          require kontrollerad
        end

        rule annan_post
          severity warning
          when typ = "BES"
          require not exists other where other.datum = datum and other.kontroll otherwise false
        end

        rule oberoende
          severity error
          require typ != "KT"
        end
        """

    func run(_ csvs: [String], rules: String = rules) throws -> ValidationResult {
        let checked = try #require(EvalSupport.load(EvalSupport.ruleset("  id: text\n" + Self.fields, rules)))
        let sources = csvs.enumerated().map { DataSource(name: "f\($0.offset).csv", bytes: Array($0.element.utf8)) }
        return try Validation.run(checked, params: [], sources: sources)
    }

    func findings(_ r: ValidationResult, _ rule: String) -> [String] { r.findings.filter { $0.rule == rule }.map(\.record) }

    static let without = "id,datum,typ\na,2024-01-01,VK\nb,2024-01-01,KT\nc,2024-01-01,BES\n"
    static let with = "id,datum,typ,kontroll\na,2024-01-01,VK,nej\nb,2024-01-01,KT,nej\nc,2024-01-01,BES,nej\n"

    @Test func checksThatReadTheColumnAnywhereAreNotJudged() throws {
        let r = try run([Self.without])
        #expect(r.validated == 3)
        for rule in ["direkt", "via_define"] { #expect(findings(r, rule).isEmpty, "\(rule)") }
        #expect(findings(r, "oberoende") == ["b"], "a rule that does not read the column is judged")
        let columns = r.findings.filter { $0.kind == .column }
        #expect(columns.map(\.column) == ["kontroll", "kod"])
        #expect(columns.map(\.severity) == [.warning, .info])
        #expect(columns.first?.message.contains("the rules direkt, via_define, annan_post could not be judged") == true, "\(columns.first?.message ?? "")")
        let judged = Dictionary(uniqueKeysWithValues: r.checks.map { ($0.id, $0.judged) })
        #expect(judged == ["direkt": 0, "via_define": 0, "annan_post": 0, "oberoende": 3])
        #expect(r.checks.first { $0.id == "direkt" }?.notJudged.map(\.file) == ["f0.csv"])
    }

    @Test func withTheColumnEveryCheckIsJudged() throws {
        let r = try run([Self.with])
        #expect(findings(r, "direkt") == ["a"])
        #expect(findings(r, "via_define") == ["b"])
        #expect(r.checks.allSatisfy { $0.judged == 3 && $0.notJudged.isEmpty })
        #expect(r.findings.filter { $0.kind == .column }.map(\.column) == ["kod"])
    }

    @Test func eachFileIsJudgedByWhatItHas() throws {
        let r = try run([Self.with, Self.without])
        #expect(findings(r, "direkt") == ["a"])
        #expect(r.findings.filter { $0.rule == "direkt" }.map(\.file) == ["f0.csv"])
        #expect(r.checks.first { $0.id == "direkt" }?.judged == 3)
        #expect(r.checks.first { $0.id == "direkt" }?.notJudged.map(\.file) == ["f1.csv"])
        // The column finding comes before the records of its file.
        let order = r.findings.map { "\($0.file):\($0.kind)" }
        #expect(order.firstIndex(of: "f1.csv:column")! > order.lastIndex(of: "f0.csv:rule")!)
    }

    @Test func aCapThatReadsTheColumnIsNotJudgedAtAll() throws {
        let cap = """
            cap tak
              severity warning
              per typ
              order by datum, id
              require innehall: kontroll otherwise false
              limit vecka: at most 1 per iso week
            end
            """
        let r = try run(["id,datum,typ\na,2024-01-01,VK\nb,2024-01-01,VK\n"], rules: cap)
        #expect(r.findings.filter { $0.kind == .rule }.isEmpty)
        #expect(r.checks.map(\.judged) == [0, 0])
        let all = try run(["id,datum,typ,kontroll\na,2024-01-01,VK,ja\nb,2024-01-01,VK,ja\n"], rules: cap)
        #expect(findings(all, "vecka") == ["b"])
    }

    @Test func aMeasureThatReadsTheColumnIsNotComputed() throws {
        let measures = """
            measure andel
              group by typ
              value alla = count
              value kontrollerade = count where kontroll otherwise false
            end

            measure antal
              group by typ
              value alla = count
            end
            """
        let checked = try #require(EvalSupport.load(EvalSupport.ruleset("  id: text\n" + Self.fields, measures)))
        let (results, data) = try Validation.measures(checked, params: [], sources: [DataSource(name: "m.csv", bytes: Array(Self.without.utf8))])
        #expect(results.map(\.measure) == ["antal"])
        #expect(data.absentColumns.first { $0.name == "kontroll" }?.measures == ["andel"])
    }
}
