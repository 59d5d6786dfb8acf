import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

// Conditions across records: exists / count / latest / earliest other.

@Suite struct EvalCrossRecordTests {
    static let fields = """
          id: text
          patient: personnummer
          datum: date
          kontakttyp: one of "TE", "BES", "KT"
          tid: optional time
          enhet: optional text
          primar_id: optional text
        """

    static let teForeBes = """
        rule te_fore_bes
          severity error
          when kontakttyp = "TE" and tid is present
          require not exists other where other.patient = patient and other.datum = datum and other.kontakttyp = "BES"
            and other.tid is present and other.tid > tid
          message "{id}"
        end
        """

    @Test func existsOtherWithALaterVisit() throws {
        let csv = """
            id,patient,datum,kontakttyp,tid,enhet,primar_id
            te_early,19121212-1212,2024-03-01,TE,09:00,,
            bes,19121212-1212,2024-03-01,BES,10:00,,
            te_tie,19121212-1212,2024-03-01,TE,10:00,,
            te_late,19121212-1212,2024-03-01,TE,10:30,,
            te_other_day,19121212-1212,2024-03-02,TE,08:00,,
            te_other_patient,19121272-1219,2024-03-01,TE,08:00,,
            te_ten_digit,121212-1212,2024-03-01,TE,09:30,,
            te_no_time,19121212-1212,2024-03-01,TE,,,
            """ + "\n"
        let out = try EvalSupport.validate(EvalSupport.ruleset(Self.fields, Self.teForeBes), csv)
        // A later BES the same day for the same person (any written form of the number);
        // a tie (10:00 vs 10:00) is not later.
        #expect(out.records("te_fore_bes") == ["te_early", "te_ten_digit"])
        #expect(out.result.validated == 8)
    }

    @Test func aVisitWithoutTimeNeverMatchesALaterTime() throws {
        let csv = """
            id,patient,datum,kontakttyp,tid,enhet,primar_id
            te,19121212-1212,2024-03-01,TE,09:00,,
            bes,19121212-1212,2024-03-01,BES,,,
            """ + "\n"
        let out = try EvalSupport.validate(EvalSupport.ruleset(Self.fields, Self.teForeBes), csv)
        #expect(out.pairs.isEmpty)
    }

    /// The current record is never its own `other`, even when it matches
    /// every condition itself.
    @Test func aRecordIsNeverItsOwnOther() throws {
        let body = """
            rule dubblett
              severity error
              require not exists other where other.patient = patient and other.datum = datum and other.kontakttyp = kontakttyp
            end
            """
        let csv = """
            id,patient,datum,kontakttyp,tid,enhet,primar_id
            alone,19121212-1212,2024-03-01,BES,,,
            twin_a,19121272-1219,2024-03-01,BES,,,
            twin_b,19121272-1219,2024-03-01,BES,,,
            diff_type,19121272-1219,2024-03-01,TE,,,
            """ + "\n"
        let out = try EvalSupport.validate(EvalSupport.ruleset(Self.fields, body), csv)
        #expect(out.records("dubblett") == ["twin_a", "twin_b"])
    }

    @Test func countOther() throws {
        let csv = """
            id,patient,datum,kontakttyp,tid,enhet,primar_id
            a,19121212-1212,2024-03-01,BES,08:00,,
            b,19121212-1212,2024-03-01,TE,09:00,,
            c,19121212-1212,2024-03-01,BES,10:00,,
            d,19121212-1212,2024-03-02,BES,10:00,,
            e,19121272-1219,2024-03-01,BES,10:00,,
            """ + "\n"
        let same = "count other where other.patient = patient and other.datum = datum"
        #expect(
            try EvalSupport.values(same, fields: Self.fields.replacingOccurrences(of: "  id: text\n", with: ""), csv: csv)
                == ["a": "2", "b": "2", "c": "2", "d": "0", "e": "0"])
        let visits = "count other where other.patient = patient and other.kontakttyp = \"BES\" and other.datum <= datum"
        #expect(
            try EvalSupport.values(visits, fields: Self.fields.replacingOccurrences(of: "  id: text\n", with: ""), csv: csv)
                == ["a": "1", "b": "2", "c": "1", "d": "2", "e": "0"])
        // A count is a number in a condition.
        let body = """
            rule hogst_tva_per_dag
              severity warning
              require (count other where other.patient = patient and other.datum = datum) < 2
            end
            """
        let out = try EvalSupport.validate(EvalSupport.ruleset(Self.fields, body), csv)
        #expect(out.records("hogst_tva_per_dag") == ["a", "b", "c"])
    }

    @Test func latestAndEarliestOther() throws {
        let csv = """
            id,patient,datum,kontakttyp,tid,enhet,primar_id
            a,19121212-1212,2024-01-10,BES,,,
            b,19121212-1212,2024-02-20,BES,,,
            c,19121212-1212,2024-03-05,TE,,,
            d,19121212-1212,2024-03-05,BES,,,
            e,19121272-1219,2024-03-01,BES,,,
            """ + "\n"
        let fields = Self.fields.replacingOccurrences(of: "  id: text\n", with: "")
        let latest = "latest other.datum where other.patient = patient and other.datum < datum"
        #expect(
            try EvalSupport.values(latest, fields: fields, csv: csv)
                == ["a": "(saknas)", "b": "2024-01-10", "c": "2024-02-20", "d": "2024-02-20", "e": "(saknas)"])
        let earliest = "earliest other.datum where other.patient = patient"
        #expect(
            try EvalSupport.values(earliest, fields: fields, csv: csv)
                == ["a": "2024-02-20", "b": "2024-01-10", "c": "2024-01-10", "d": "2024-01-10", "e": "(saknas)"])
        let latestType = "latest other.id where other.patient = patient and other.datum = datum"
        #expect(try EvalSupport.values(latestType, fields: fields, csv: csv)["c"] == "d")
        // The result is optional: the rule says what a missing one means.
        let body = """
            define forra = latest other.datum where other.patient = patient and other.datum < datum
            rule glest
              severity warning
              when kontakttyp = "BES"
              require forra is missing or days_between(forra, datum) <= 30
              message "{id}: {forra}"
            end
            """
        let out = try EvalSupport.validate(EvalSupport.ruleset(Self.fields, body), csv)
        #expect(out.records("glest") == ["b"])
        #expect(out.finding("b", "glest")?.message == "b: 2024-01-10")
    }

    @Test func missingKeyValuesNeverMatch() throws {
        let csv = """
            id,patient,datum,kontakttyp,tid,enhet,primar_id
            a,19121212-1212,2024-03-01,BES,,,
            b,19121212-1212,2024-03-01,BES,,,
            c,19121212-1212,2024-03-01,BES,,Lund,
            d,19121212-1212,2024-03-01,BES,,Lund,
            """ + "\n"
        let fields = Self.fields.replacingOccurrences(of: "  id: text\n", with: "")
        let n = "count other where other.patient = patient and other.enhet = enhet"
        #expect(try EvalSupport.values(n, fields: fields, csv: csv) == ["a": "0", "b": "0", "c": "1", "d": "1"])
        let e = "exists other where other.enhet = enhet"
        #expect(try EvalSupport.truth(e, fields: fields, csv: csv) == ["a": .no, "b": .no, "c": .yes, "d": .yes])
    }

    @Test func keyFromAnExpressionOfTheCurrentRecord() throws {
        let csv = """
            id,patient,datum,kontakttyp,tid,enhet,primar_id
            a,19121212-1212,2024-02-28,BES,,,
            b,19121212-1212,2024-02-29,BES,,,
            c,19121212-1212,2024-03-02,BES,,,
            """ + "\n"
        let fields = Self.fields.replacingOccurrences(of: "  id: text\n", with: "")
        let t = try EvalSupport.truth("exists other where other.patient = patient and other.datum = datum + 1 day", fields: fields, csv: csv)
        #expect(t == ["a": .yes, "b": .no, "c": .no])
        // The key may be written with the current record on the left.
        let u = try EvalSupport.truth("exists other where patient = other.patient and datum - 1 day = other.datum", fields: fields, csv: csv)
        #expect(u == ["a": .no, "b": .yes, "c": .no])
    }

    @Test func referenceById() throws {
        let body = """
            rule primar_finns
              severity error
              when primar_id is present
              require exists other where other.id = primar_id
              message "{id} hänvisar till {primar_id}"
            end
            rule primar_samma_patient
              severity error
              when primar_id is present
              require exists other where other.id = primar_id and other.patient = patient and other.kontakttyp = "BES"
            end
            """
        let csv = """
            id,patient,datum,kontakttyp,tid,enhet,primar_id
            p1,19121212-1212,2024-03-01,BES,,,
            s1,19121212-1212,2024-03-01,TE,,,p1
            s2,19121212-1212,2024-03-01,TE,,,p9
            s3,19121272-1219,2024-03-01,TE,,,p1
            s4,19121212-1212,2024-03-01,TE,,,s4
            s5,19121212-1212,2024-03-01,TE,,,s1
            """ + "\n"
        let out = try EvalSupport.validate(EvalSupport.ruleset(Self.fields, body), csv)
        // s4 refers to itself: a record is not its own other.
        #expect(out.records("primar_finns") == ["s2", "s4"])
        #expect(out.finding("s2", "primar_finns")?.message == "s2 hänvisar till p9")
        #expect(out.records("primar_samma_patient") == ["s2", "s3", "s4", "s5"])
    }

    /// An int key looked up among decimal values: 2 = 2.0 in a comparison,
    /// so also in the index behind `other.x = n`.
    @Test
    func numericKeysMatchAcrossIntAndDecimal() throws {
        let fields = "  g: text\n  n: int\n  x: decimal\n"
        let csv = "id,g,n,x\nr1,g,2,5\nr2,g,7,2\nr3,g,9,9.5\n"
        // As a residual condition (compared with `=`): r2's x = 2.0 equals r1's n = 2.
        let residual = try EvalSupport.truth("exists other where other.g = g and other.x + 0 = n", fields: fields, csv: csv)
        #expect(residual == ["r1": .yes, "r2": .no, "r3": .no])
        // As an index key the answer must be the same.
        let key = try EvalSupport.truth("exists other where other.x = n", fields: fields, csv: csv)
        #expect(key == ["r1": .yes, "r2": .no, "r3": .no])
    }

    /// Conjuncts about the other record alone (searched once, before the
    /// lookups) and conjuncts about this record alone both still apply.
    @Test func conditionsOnOnlyOneSideOfTheSearch() throws {
        let csv = """
            id,patient,datum,kontakttyp,tid,enhet,primar_id
            te,19121212-1212,2024-03-01,TE,,,
            bes,19121212-1212,2024-03-01,BES,,,
            kt,19121212-1212,2024-03-01,KT,,,
            te2,19121272-1219,2024-03-01,TE,,,
            kt2,19121272-1219,2024-03-01,KT,,,
            """ + "\n"
        let fields = Self.fields.replacingOccurrences(of: "  id: text\n", with: "")
        let t = try EvalSupport.truth(
            "exists other where other.patient = patient and other.kontakttyp = \"BES\" and kontakttyp = \"TE\"",
            fields: fields, csv: csv)
        #expect(t == ["te": .yes, "bes": .no, "kt": .no, "te2": .no, "kt2": .no])
        let extra = "codes besok = \"BES\", \"KT\"\n"
        let u = try EvalSupport.truth("exists other where other.patient = patient and other.kontakttyp in besok", fields: fields, csv: csv, extra: extra)
        #expect(u == ["te": .yes, "bes": .yes, "kt": .yes, "te2": .yes, "kt2": .no])
        let extraParam = "param typ: text = \"KT\"\n"
        let w = try EvalSupport.truth("exists other where other.patient = patient and other.kontakttyp = typ", fields: fields, csv: csv, extra: extraParam)
        #expect(w == ["te": .yes, "bes": .yes, "kt": .no, "te2": .yes, "kt2": .no])
    }

    @Test func aConditionAcrossRecordsNeedsAKey() {
        let text = EvalSupport.ruleset(
            Self.fields,
            """
            rule r
              severity error
              require exists other where other.datum < datum
            end
            """)
        #expect(EvalSupport.errorCodes(text).contains("A0402"))
    }
}
