import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

// Data findings: a cell that does not convert is a `cell` finding and only the
// rules that need it are skipped; a record that cannot be read is a `record`
// finding and is rejected.

@Suite struct EvalDataFindingTests {
    static let fields = """
          id: text
          patient: personnummer
          datum: date
          kontakttyp: one of "VK", "TE"
          journalford: bool
          tid: optional time
          antal: int
        """

    static let rules = EvalSupport.ruleset(
        fields,
        """
        define innehall_ok = journalford and antal < 10
        rule datum_ok
          severity error
          require datum >= 2020-01-01
        end
        rule journal
          severity error
          when kontakttyp = "VK"
          require journalford
        end
        rule antal_ok
          severity warning
          require antal < 10
          message "{id}: {antal}"
        end
        rule pnr
          severity error
          require valid_personnummer(patient)
        end
        rule fore_tolv
          severity info
          when tid is present
          require tid < 12:00
        end
        rule innehall
          severity error
          require innehall_ok
        end
        """)

    static let csv = """
        id,patient,datum,kontakttyp,journalford,tid,antal
        r1,19121212-1212,2024-03-01,VK,ja,09:00,12
        r2,19121212-1212,2024-13-01,VK,nej,09:00,12
        r3,19121212-1212,2024-03-01,vk,nej,09:00,12
        r4,19121212-1212,2019-12-31,VK,kanske,09:00,3
        r5,1912121-1212,2024-03-01,TE,ja,13:00,3
        r6,19121212-1212,2024-03-01,TE,ja,09:00,3,extra
        r7,19121212-1212,2024-03-01,TE,ja,25:00,3
        r8,19121212-1213,2024-03-01,TE,ja,,
        """ + "\n"

    @Test func cellsThatDoNotConvert() throws {
        let out = try EvalSupport.validate(Self.rules, Self.csv)
        let cells = out.findings.filter { $0.kind == .cell }
        #expect(cells.map(\.record) == ["r2", "r3", "r4", "r5", "r7", "r8"])
        #expect(cells.map { $0.column ?? "-" } == ["datum", "kontakttyp", "journalford", "patient", "tid", "antal"])
        #expect(cells.map { $0.value ?? "-" } == ["2024-13-01", "vk", "kanske", "1912121-1212", "25:00", ""])
        #expect(cells.allSatisfy { $0.rule == "cell" && $0.severity == .error })
        #expect(cells.map(\.line) == [3, 4, 5, 6, 8, 9])
        // The message names the column and the value, and a close code.
        let code = try #require(cells.first { $0.record == "r3" })
        #expect(code.message.contains("kontakttyp"))
        #expect(code.message.contains("\"vk\""))
        #expect(code.message.contains("VK"))
    }

    @Test func otherRulesOfTheRecordStillRun() throws {
        let out = try EvalSupport.validate(Self.rules, Self.csv)
        let rulePairs = out.findings.filter { $0.kind == .rule }.map { EvalRecordRule($0.record, $0.rule) }
        #expect(
            rulePairs == [
                // r1: clean but for antal.
                EvalRecordRule("r1", "antal_ok"), EvalRecordRule("r1", "innehall"),
                // r2: datum unreadable → datum_ok skipped; the rest run.
                EvalRecordRule("r2", "journal"), EvalRecordRule("r2", "antal_ok"), EvalRecordRule("r2", "innehall"),
                // r3: kontakttyp unreadable → journal skipped.
                EvalRecordRule("r3", "antal_ok"), EvalRecordRule("r3", "innehall"),
                // r4: journalford unreadable → journal and innehall (through the definition) skipped.
                EvalRecordRule("r4", "datum_ok"),
                // r5: patient unreadable → pnr skipped; tid 13:00.
                EvalRecordRule("r5", "fore_tolv"),
                // r6 rejected. r7: tid unreadable → fore_tolv skipped (not run as if missing).
                // r8: antal empty → antal_ok and innehall skipped; wrong check digit.
                EvalRecordRule("r8", "pnr")
            ])
        #expect(out.finding("r2", "antal_ok")?.message == "r2: 12")
    }

    @Test func aRecordThatCannotBeReadIsRejected() throws {
        let out = try EvalSupport.validate(Self.rules, Self.csv)
        let records = out.findings.filter { $0.kind == .record }
        #expect(records.count == 1)
        #expect(records.first?.line == 7)
        #expect(records.first?.rule == "record")
        #expect(out.rules(of: "r6") == ["record"])
        #expect(out.result.read == 8)
        #expect(out.result.rejected == 1)
        #expect(out.result.validated == 7)
        #expect(out.result.read == out.result.validated + out.result.rejected)
    }

    @Test func tooFewColumnsIsRejectedToo() throws {
        let csv = """
            id,patient,datum,kontakttyp,journalford,tid,antal
            a,19121212-1212,2024-03-01,TE,ja,09:00,3
            b,19121212-1212,2024-03-01,TE
            c,19121212-1212,2024-03-01,TE,ja,09:00,3
            """ + "\n"
        let out = try EvalSupport.validate(Self.rules, csv)
        #expect(out.findings.map(\.kind) == [.record])
        #expect(out.findings.first?.line == 3)
        #expect(out.result.read == 3)
        #expect(out.result.validated == 2)
        #expect(out.result.rejected == 1)
    }

    /// Findings come out in line order, the data findings of a line first.
    @Test func findingsAreInLineOrder() throws {
        let out = try EvalSupport.validate(Self.rules, Self.csv)
        let lines = out.findings.map(\.line)
        #expect(lines == lines.sorted())
        let r2 = out.findings.filter { $0.line == 3 }.map(\.kind)
        #expect(r2.first == .cell)
        #expect(r2.dropFirst().allSatisfy { $0 == .rule })
    }

    /// A cross-record condition whose current key did not convert is skipped.
    @Test func crossRecordRuleSkippedForAnUnreadableKey() throws {
        let rules = EvalSupport.ruleset(
            Self.fields,
            """
            rule en_per_dag
              severity warning
              require not exists other where other.patient = patient and other.datum = datum
            end
            """)
        let csv = """
            id,patient,datum,kontakttyp,journalford,tid,antal
            a,19121212-1212,2024-03-01,TE,ja,09:00,3
            b,19121212-1212,2024-03-01,TE,ja,10:00,3
            c,19121212-1212,2024-03-32,TE,ja,11:00,3
            """ + "\n"
        let out = try EvalSupport.validate(rules, csv)
        #expect(out.pairs == [EvalRecordRule("a", "en_per_dag"), EvalRecordRule("b", "en_per_dag"), EvalRecordRule("c", "cell")])
    }

    /// A cap's `require` that needs an unreadable cell is skipped like a
    /// rule's: the record has its cell finding, not a content finding made
    /// from the missing value.
    @Test
    func capRequireSkippedForAnUnreadableCell() throws {
        let rules = EvalSupport.ruleset(
            Self.fields,
            """
            cap ersattning
              severity warning
              when kontakttyp = "VK"
              per patient
              order by datum, id
              require innehall: journalford
              limit vecka: at most 1 per iso week
            end
            """)
        let csv = """
            id,patient,datum,kontakttyp,journalford,tid,antal
            a,19121212-1212,2024-03-04,VK,kanske,09:00,3
            b,19121212-1212,2024-03-05,VK,ja,09:00,3
            c,19121212-1212,2024-03-06,VK,ja,09:00,3
            """ + "\n"
        let out = try EvalSupport.validate(rules, csv)
        #expect(out.rules(of: "a") == ["cell"])
        #expect(out.records("vecka") == ["c"])
    }

    /// Without an `id` field a record is named by its line.
    @Test func recordsWithoutIdAreNamedByLine() throws {
        let rules = EvalSupport.ruleset(
            "  datum: date\n  n: int\n",
            """
            rule liten
              severity error
              require n < 5
            end
            """)
        let out = try EvalSupport.validate(rules, "datum,n\n2024-01-01,9\n2024-01-32,1\n2024-01-03,7\n")
        #expect(out.pairs == [EvalRecordRule("line 2", "liten"), EvalRecordRule("line 3", "cell"), EvalRecordRule("line 4", "liten")])
    }

    @Test func boolAndNumberSpellings() throws {
        let rules = EvalSupport.ruleset(
            """
              id: text
              b: bool
              x: decimal
            """,
            """
            rule sant
              severity error
              require b
            end
            rule stor
              severity error
              require x < 100
            end
            """)
        let csv = """
            id;b;x
            a;JA;1,5
            b;True;2.5
            c;j;-3
            d;1;0
            e;nej;99,99
            f;N;100
            g;false;1e3
            h;0;abc
            """ + "\n"
        let out = try EvalSupport.validate(rules, csv)
        #expect(out.records("sant") == ["e", "f", "g", "h"])
        #expect(out.records("stor") == ["f"])
        // "1e3" and "abc" are not numbers in an export.
        #expect(out.findings.filter { $0.kind == .cell }.map(\.record) == ["g", "h"])
    }
}
