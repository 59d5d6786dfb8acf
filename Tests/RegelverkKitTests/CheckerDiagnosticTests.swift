import Foundation
import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

// What the checker and the parser report for a mistake: the code, once, at the
// right place, with a message that says how to fix it.

@Suite struct CheckerDiagnosticTests {
    // MARK: Effective dates need a date field (C0008)

    @Test func effectiveWithoutDateFieldIsAnError() {
        let text = """
            ruleset "prov"
            source "Prov"
            effective 2024-01-01

            record kontakt
              id: text
              datum: date
            end
            \(DiagnosticSupport.rule("require id != \"\"\n  message \"m\""))
            """
        let d = DiagnosticSupport.diagnostics(text).filter { $0.severity == .error }
        #expect(d.map(\.code) == ["C0008"], "\(d)")
        #expect(d.first?.marked == "2024-01-01")
        #expect(d.first?.line == 3)
        #expect(d.first?.message.contains("`date field`") == true)
    }

    @Test func untilWithoutDateFieldIsAnError() {
        let text = """
            ruleset "prov"
            source "Prov"
            until 2024-12-31

            record kontakt
              id: text
            end
            \(DiagnosticSupport.rule("require id != \"\"\n  message \"m\""))
            """
        #expect(DiagnosticSupport.codes(text).filter { $0.hasPrefix("C0") } == ["C0008"])
    }

    @Test func effectiveWithDateFieldIsFine() {
        let text = """
            ruleset "prov"
            source "Prov"
            effective 2024-01-01
            until 2024-12-31
            date field datum

            record kontakt
              id: text
              datum: date
            end
            \(DiagnosticSupport.rule("require id != \"\"\n  message \"m\""))
            """
        #expect(DiagnosticSupport.codes(text) == [])
    }

    // MARK: A parameter's value is never `missing` (C0815)

    @Test func parameterDefaultMissingIsAnError() {
        let text = DiagnosticSupport.prov(
            """
            param referensdatum: date = missing
            \(DiagnosticSupport.rule("require datum <= referensdatum\n  message \"m\""))
            """)
        let d = DiagnosticSupport.diagnostics(text)
        #expect(d.map(\.code) == ["C0815"], "\(d)")
        #expect(d.first?.severity == .error)
        #expect(d.first?.marked == "missing")
    }

    @Test func testParameterMissingIsAnError() {
        let text = DiagnosticSupport.prov(
            """
            param referensdatum: date = 2024-06-30
            \(DiagnosticSupport.rule("require datum <= referensdatum\n  message \"m\""))
            test "t"
              param referensdatum = missing
              record k1 { datum: 2024-01-01 }
              expect k1 passes r1
            end
            """)
        #expect(DiagnosticSupport.codes(text) == ["C0815"])
    }

    // MARK: An empty list fits a list of any type (T0212)

    @Test func emptyListIsADefaultForAnyList() throws {
        let truth = try EvalSupport.truth(
            "length(koder otherwise []) = 0",
            fields: "  koder: optional list of text\n", csv: "id,koder\ntom,\nfull,a\n")
        #expect(truth == ["tom": .yes, "full": .no])
    }

    @Test func emptyListInBranchesAndCodeLists() {
        let text = DiagnosticSupport.prov(
            """
            define koder = if journalford then ["VK"] else []
            define tal = [] otherwise [1, 2]
            \(DiagnosticSupport.rule("require kontakttyp in koder and 1 in tal\n  message \"m\""))
            """)
        #expect(DiagnosticSupport.diagnostics(text).filter { $0.severity == .error }.isEmpty, "\(DiagnosticSupport.diagnostics(text))")
    }

    // MARK: A broken definition is reported once (C0202, and any other error)

    @Test func twoDefinitionsReferringToEachOtherGiveOneError() {
        let text = DiagnosticSupport.prov(
            """
            define a = b and journalford
            define b = a or journalford
            \(DiagnosticSupport.rule("require a\n  message \"m\"", id: "r1"))
            \(DiagnosticSupport.rule("require b and a\n  message \"m\"", id: "r2"))
            """)
        let d = DiagnosticSupport.diagnostics(text)
        #expect(d.map(\.code) == ["C0202"], "\(d)")
        #expect(d.first?.marked == "a")
        #expect(d.first?.message.contains("a → b → a") == true)
    }

    @Test func selfReferenceIsReportedOnce() {
        let text = DiagnosticSupport.prov(
            """
            define a = a and journalford
            \(DiagnosticSupport.rule("require a\n  message \"m\"", id: "r1"))
            \(DiagnosticSupport.rule("require a\n  message \"m\"", id: "r2"))
            """)
        #expect(DiagnosticSupport.codes(text) == ["C0202"])
    }

    @Test func brokenDefinitionIsReportedOnceNotAtEveryUse() {
        let text = DiagnosticSupport.prov(
            """
            define fore_tolv = tid < 12:00
            define tidig = fore_tolv and journalford
            \(DiagnosticSupport.rule("require fore_tolv\n  message \"m\"", id: "r1"))
            \(DiagnosticSupport.rule("require fore_tolv or tidig\n  message \"m\"", id: "r2"))
            \(DiagnosticSupport.rule("require tidig\n  message \"m\"", id: "r3"))
            """)
        let d = DiagnosticSupport.diagnostics(text)
        #expect(d.map(\.code) == ["T0301"], "\(d)")
        #expect(d.first?.marked == "tid")
    }

    // MARK: C0107 points at the type

    @Test func listOfListsPointsAtTheType() {
        let text = """
            ruleset "prov"
            source "Prov"

            record kontakt
              id: text
              koder: list of list of text
            end
            """
        let d = DiagnosticSupport.diagnostics(text).filter { $0.code == "C0107" }
        #expect(d.count == 1)
        #expect(d.first?.line == 6)
        #expect(d.first?.column == 10)
        #expect(d.first?.marked == "list of list of text")
    }

    @Test func listOfListsInAParameterPointsAtTheType() {
        let text = DiagnosticSupport.prov("param p: list of list of int = []\n")
        let d = DiagnosticSupport.diagnostics(text).filter { $0.code == "C0107" }
        #expect(d.first?.marked == "list of list of int")
        #expect(d.first?.line == 12)
    }

    // MARK: A negative limit (P0105; C0506 is gone)

    static let capStart = """
        cap tak
          severity error
          cites "Avsnitt"
          per patient
          order by datum
        """

    @Test func negativeLimitSaysLimitsAreWholeNumbersFromZero() {
        let text = DiagnosticSupport.prov(Self.capStart + "\n  limit vecka: at most -1 per iso week\nend\n")
        let d = DiagnosticSupport.diagnostics(text)
        #expect(d.map(\.code) == ["P0105"], "\(d)")
        #expect(d.first?.marked == "-1")
        #expect(d.first?.message == "the limit must be a whole number, 0 or more; found -1")
        #expect(d.first?.hint?.contains("at most 0") == true)
    }

    @Test func aLimitThatIsNotANumberSaysWholeNumberFromZero() {
        let text = DiagnosticSupport.prov(Self.capStart + "\n  limit vecka: at most en per iso week\nend\n")
        let d = DiagnosticSupport.diagnostics(text)
        #expect(d.map(\.code) == ["P0105"])
        #expect(d.first?.message == "expected the limit (a whole number, 0 or more), found `en`")
    }

    @Test func perWeekIsNamedInP0010() {
        let text = DiagnosticSupport.prov(Self.capStart + "\n  limit dag: at most 1 per day\nend\n")
        let d = DiagnosticSupport.diagnostics(text)
        #expect(d.map(\.code) == ["P0010"])
        #expect(d.first?.message == "expected `iso week`, `week`, `month` or `year` after `per`, found `day`")
    }

    // MARK: C0814 only for a test without any `expect`

    @Test func wrongExpectationsDoNotAlsoWarnThatTheTestExpectsNothing() {
        let text = DiagnosticSupport.prov(
            """
            \(DiagnosticSupport.rule("require journalford\n  message \"m\""))
            measure m
              title "M"
              cites "Avsnitt"
              value n = count
            end
            test "t"
              record k1 { journalford: true }
              expect k9 breaks r1
              expect k1 breaks r9
              expect measure m9: n = 1
            end
            """)
        #expect(DiagnosticSupport.codes(text) == ["C0809", "C0810", "C0811"])
    }

    @Test func aTestWithoutExpectStillWarns() {
        let text = DiagnosticSupport.prov(
            """
            \(DiagnosticSupport.rule("require journalford\n  message \"m\""))
            test "t"
              record k1 { journalford: true }
            end
            """)
        #expect(DiagnosticSupport.codes(text) == ["C0814"])
    }

    // MARK: A0401's hint

    @Test func nestedSearchHintDoesNotSuggestADefinition() throws {
        let text = DiagnosticSupport.prov(
            DiagnosticSupport.rule(
                """
                  require exists other where other.patient = patient and exists other where other.patient = patient
                  message "m"
                """))
        let d = try #require(DiagnosticSupport.diagnostics(text).first { $0.code == "A0401" })
        let hint = try #require(d.hint)
        #expect(!hint.contains("define"))
        #expect(hint.contains("not supported"))
        #expect(hint.contains("two rules"))
    }

    // MARK: Placeholder positions after escapes

    @Test func placeholderCaretAfterEscapes() {
        let text = DiagnosticSupport.prov(
            DiagnosticSupport.rule(
                """
                  require journalford
                  message "Kontakt \\"{id}\\" i C:\\\\data\\\\{okand} och {  annan } är fel"
                """))
        let d = DiagnosticSupport.diagnostics(text).filter { $0.code == "T0105" }
        #expect(d.map(\.marked) == ["okand", "annan"], "\(d)")
    }

    @Test func placeholderCaretAfterSwedishLettersAndTab() {
        let text = DiagnosticSupport.prov(
            DiagnosticSupport.rule(
                """
                  require journalford
                  message "Åtgärd\\t{saknas}"
                """))
        let d = DiagnosticSupport.diagnostics(text).filter { $0.code == "T0105" }
        #expect(d.map(\.marked) == ["saknas"])
    }

    @Test func messageTextIsStillUnescaped() throws {
        let text = DiagnosticSupport.prov(
            DiagnosticSupport.rule(
                """
                  require journalford
                  message "A \\"{id}\\" \\\\ {{x}}\\tB"
                """))
        let checked = try #require(EvalSupport.load(text))
        let parts = checked.rules[0].message.parts
        guard parts.count == 3, case .literal(let a) = parts[0], case .value = parts[1], case .literal(let b) = parts[2] else {
            Issue.record("unexpected parts \(parts)")
            return
        }
        #expect(a == "A \"")
        #expect(b == "\" \\ {x}\tB")
    }

    // MARK: Documentation of the codes

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func newCodesAreDocumentedAndC0506IsGone() throws {
        let docs = try String(contentsOf: Self.repository.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        for code in ["C0008", "C0606", "C0815"] {
            #expect(docs.contains("### \(code)"), "\(code) has no section")
            #expect(docs.contains("[\(code)](#\(code.lowercased()))"), "\(code) is not in its table")
        }
        #expect(!docs.contains("C0506"))
        let sources = try FileManager.default.contentsOfDirectory(atPath: Self.repository.appendingPathComponent("Sources/RegelCheck").path)
        for name in sources {
            let text = try String(contentsOf: Self.repository.appendingPathComponent("Sources/RegelCheck/\(name)"), encoding: .utf8)
            #expect(!text.contains("\"C0506\""), "\(name)")
        }
    }
}
