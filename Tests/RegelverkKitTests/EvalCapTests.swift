import Foundation
import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

// Caps: sequential allocation per group, in order; only accepted records
// count; a rejected record uses up nothing (docs/language-brief.md, "Caps").

@Suite struct EvalCapTests {
    static let fields = """
          id: text
          patient: text
          enhet: text
          datum: date
          kontakttyp: one of "skriftlig", "fysiskt", "telefon"
          ok: bool
        """

    static func cap(_ checks: String, order: String = "datum, id") -> String {
        EvalSupport.ruleset(
            fields,
            """
            cap ersattning
              title "Ersättning"
              cites "Avgränsningar"
              severity warning
              when kontakttyp = "skriftlig"
              per patient, enhet
              order by \(order)
            \(checks)
            end
            """)
    }

    static func csv(_ rows: String) -> String {
        "id,patient,enhet,datum,kontakttyp,ok\n" + rows + "\n"
    }

    @Test func perIsoWeekAcrossNewYear() throws {
        let rules = Self.cap(
            """
              limit vecka: at most 1 per iso week
                message "{id}: {count} redan ersatta samma vecka (högst {limit})"
            """)
        let out = try EvalSupport.validate(
            rules,
            Self.csv(
                """
                a0,P1,E,2024-12-29,skriftlig,ja
                a1,P1,E,2024-12-30,skriftlig,ja
                a2,P1,E,2025-01-02,skriftlig,ja
                a3,P1,E,2025-01-05,skriftlig,ja
                a4,P1,E,2025-01-06,skriftlig,ja
                b1,P2,E,2025-01-02,skriftlig,ja
                c1,P1,F,2025-01-02,skriftlig,ja
                t1,P1,E,2025-01-03,telefon,ja
                """))
        // 2024-12-29 is Sunday of 2024-W52; 2024-12-30 … 2025-01-05 is 2025-W01.
        #expect(out.pairs == [EvalRecordRule("a2", "vecka"), EvalRecordRule("a3", "vecka")])
        #expect(out.finding("a2", "vecka")?.message == "a2: 1 redan ersatta samma vecka (högst 1)")
        #expect(out.finding("a2", "vecka")?.severity == .warning)
    }

    @Test func perMonthAndPerYearAreCalendarPeriods() throws {
        let rules = Self.cap(
            """
              limit manad: at most 1 per month
              limit ar: at most 2 per year
            """)
        let out = try EvalSupport.validate(
            rules,
            Self.csv(
                """
                a1,P1,E,2023-11-30,skriftlig,ja
                a2,P1,E,2024-12-30,skriftlig,ja
                a3,P1,E,2024-12-31,skriftlig,ja
                a4,P1,E,2025-01-01,skriftlig,ja
                a5,P1,E,2025-01-31,skriftlig,ja
                a6,P1,E,2025-02-01,skriftlig,ja
                a7,P1,E,2025-03-01,skriftlig,ja
                """))
        // a2: the first of 2024. a3: December already has a2. a4: new month and year. a5: January has a4.
        // a6: 2025 has one (a4): accepted. a7: 2025 has two.
        #expect(out.pairs == [EvalRecordRule("a3", "manad"), EvalRecordRule("a5", "manad"), EvalRecordRule("a7", "ar")])
    }

    /// `within 12 months` counts accepted records dated after D − 12 months:
    /// exactly 12 months back is outside (2024-02-29 − 12 months = 2023-02-28).
    @Test func rollingTwelveMonthsAtTheBoundary() throws {
        let rules = Self.cap(
            """
              limit tolv: at most 1 within 12 months
                message "{count}/{limit}"
            """)
        let out = try EvalSupport.validate(
            rules,
            Self.csv(
                """
                a1,A,E,2023-02-28,skriftlig,ja
                a2,A,E,2024-02-29,skriftlig,ja
                b1,B,E,2023-03-01,skriftlig,ja
                b2,B,E,2024-02-29,skriftlig,ja
                c1,C,E,2023-02-28,skriftlig,ja
                c2,C,E,2024-02-28,skriftlig,ja
                d1,D,E,2023-03-31,skriftlig,ja
                d2,D,E,2024-03-30,skriftlig,ja
                e1,E,E,2023-03-31,skriftlig,ja
                e2,E,E,2024-03-31,skriftlig,ja
                """))
        #expect(out.pairs == [EvalRecordRule("b2", "tolv"), EvalRecordRule("d2", "tolv")])
        #expect(out.finding("b2", "tolv")?.message == "1/1")
    }

    @Test func rollingWindowInDaysAndWeeks() throws {
        let rules = Self.cap(
            """
              limit dagar: at most 1 within 7 days
              limit veckor: at most 2 within 2 weeks
            """)
        let out = try EvalSupport.validate(
            rules,
            Self.csv(
                """
                a1,P,E,2024-01-01,skriftlig,ja
                a2,P,E,2024-01-07,skriftlig,ja
                a3,P,E,2024-01-08,skriftlig,ja
                a4,P,E,2024-01-14,skriftlig,ja
                a5,P,E,2024-01-15,skriftlig,ja
                """))
        // a2: a1 is after 2023-12-31 → dagar. a3: after 2024-01-01 nothing (a1 is on it) → accepted.
        // a4: a3 is after 01-07 → dagar; a1 and a3 are after 2023-12-31 → veckor.
        // a5: after 01-08 nothing (a4 was rejected); after 01-01 only a3 → accepted.
        #expect(out.pairs == [EvalRecordRule("a2", "dagar"), EvalRecordRule("a4", "dagar"), EvalRecordRule("a4", "veckor")])
    }

    /// `since latest X`: a physical visit on or before the date restarts the
    /// count, a visit on the same day as the written contact too; the visit is
    /// not itself capped (`when` does not filter it).
    @Test func sinceLatestPhysicalVisit() throws {
        let rules = Self.cap(
            """
              limit utan_fysiskt: at most 2 since latest kontakttyp = "fysiskt"
                message "{count} sedan besök (högst {limit})"
            """)
        let out = try EvalSupport.validate(
            rules,
            Self.csv(
                """
                a1,A,E,2024-01-01,skriftlig,ja
                a2,A,E,2024-01-02,skriftlig,ja
                af,A,E,2024-01-03,fysiskt,ja
                a3,A,E,2024-01-03,skriftlig,ja
                b1,B,E,2024-01-01,skriftlig,ja
                b2,B,E,2024-01-02,skriftlig,ja
                b3,B,E,2024-01-03,skriftlig,ja
                c1,C,E,2024-01-01,skriftlig,ja
                c2,C,E,2024-01-02,skriftlig,ja
                c3,C,E,2024-01-03,skriftlig,ja
                cf,C,E,2024-01-04,fysiskt,ja
                c4,C,E,2024-01-05,skriftlig,ja
                df,D,E,2024-01-01,fysiskt,ja
                d1,D,E,2024-01-01,skriftlig,ja
                d2,D,E,2024-01-02,skriftlig,ja
                d3,D,E,2024-01-03,skriftlig,ja
                d4,D,E,2024-01-04,skriftlig,ja
                e1,E,E,2024-01-01,skriftlig,ja
                e2,E,E,2024-01-02,skriftlig,ja
                ef,E,F,2024-01-03,fysiskt,ja
                e3,E,E,2024-01-03,skriftlig,ja
                """))
        // A: the visit on a3's own date restarts the count. B: no visit. C: the visit comes
        // after c3 (c3 breaks); c4 after it is fine. D: d1 on the visit's date is not after it,
        // so d2 and d3 are counted and d4 breaks. E: the visit is at another unit.
        #expect(
            out.pairs == [
                EvalRecordRule("b3", "utan_fysiskt"), EvalRecordRule("c3", "utan_fysiskt"),
                EvalRecordRule("d4", "utan_fysiskt"), EvalRecordRule("e3", "utan_fysiskt")
            ])
        #expect(out.finding("b3", "utan_fysiskt")?.message == "2 sedan besök (högst 2)")
    }

    /// A record that fails a `require` gets only that finding, and neither it
    /// nor a record that breaks a limit uses up a cap.
    @Test func rejectedRecordsUseUpNothing() throws {
        let rules = Self.cap(
            """
              require innehall: ok
                severity error
                message "{id} saknar innehåll"
              limit vecka: at most 1 per iso week
              limit tolv: at most 2 within 12 months
            """)
        let out = try EvalSupport.validate(
            rules,
            Self.csv(
                """
                s1,P,E,2024-03-04,skriftlig,nej
                s2,P,E,2024-03-05,skriftlig,ja
                s3,P,E,2024-03-06,skriftlig,ja
                s4,P,E,2024-03-11,skriftlig,ja
                s5,P,E,2024-03-18,skriftlig,ja
                s6,P,E,2024-03-19,skriftlig,nej
                s7,P,E,2024-03-20,skriftlig,ja
                """))
        // s1 fails innehall, so s2 is the first of the week. s3 breaks vecka and is not counted,
        // so s4 sees one (s2) in 12 months. s5 sees two (s2, s4). s6 fails innehall only, even
        // though it also exceeds both limits. s7: same week as s5, but s5 was rejected; two in 12 months.
        #expect(
            out.pairs == [
                EvalRecordRule("s1", "innehall"), EvalRecordRule("s3", "vecka"), EvalRecordRule("s5", "tolv"),
                EvalRecordRule("s6", "innehall"), EvalRecordRule("s7", "tolv")
            ])
        #expect(out.finding("s1", "innehall")?.severity == .error)
        #expect(out.finding("s3", "vecka")?.severity == .warning)
        #expect(out.finding("s1", "innehall")?.message == "s1 saknar innehåll")
    }

    /// Every broken limit of a record is reported, in declaration order.
    @Test func everyBrokenLimitIsAFinding() throws {
        let rules = Self.cap(
            """
              limit vecka: at most 1 per iso week
              limit manad: at most 1 per month
            """)
        let out = try EvalSupport.validate(
            rules,
            Self.csv(
                """
                s1,P,E,2024-03-04,skriftlig,ja
                s2,P,E,2024-03-05,skriftlig,ja
                s3,P,E,2024-03-12,skriftlig,ja
                """))
        #expect(out.pairs == [EvalRecordRule("s2", "vecka"), EvalRecordRule("s2", "manad"), EvalRecordRule("s3", "manad")])
    }

    /// Records on the same date are taken in `id` order, whatever the input order.
    @Test func tiesOnTheSameDateAreOrderedById() throws {
        let rules = Self.cap(
            """
              limit vecka: at most 1 per iso week
            """)
        let out = try EvalSupport.validate(
            rules,
            Self.csv(
                """
                s2,P,E,2024-05-07,skriftlig,ja
                s1,P,E,2024-05-07,skriftlig,ja
                q9,Q,E,2024-05-08,skriftlig,ja
                q1,Q,E,2024-05-07,skriftlig,ja
                """))
        #expect(out.pairs == [EvalRecordRule("s2", "vecka"), EvalRecordRule("q9", "vecka")])
    }

    @Test func countAndLimitInMessages() throws {
        let rules = Self.cap(
            """
              limit vecka: at most 2 per iso week
                message "{id} {datum}: {count} redan, högst {limit}; {{count}}"
            """)
        let out = try EvalSupport.validate(
            rules,
            Self.csv(
                """
                s1,P,E,2024-05-06,skriftlig,ja
                s2,P,E,2024-05-07,skriftlig,ja
                s3,P,E,2024-05-08,skriftlig,ja
                s4,P,E,2024-05-09,skriftlig,ja
                """))
        #expect(out.records("vecka") == ["s3", "s4"])
        #expect(out.finding("s3", "vecka")?.message == "s3 2024-05-08: 2 redan, högst 2; {count}")
        #expect(out.finding("s4", "vecka")?.message == "s4 2024-05-09: 2 redan, högst 2; {count}")
    }

    /// `per` keys compare as values: every written form of a personnummer is
    /// one patient.
    @Test func groupsByPersonnummerValue() throws {
        let rules = EvalSupport.ruleset(
            """
              id: text
              patient: personnummer
              datum: date
            """,
            """
            cap c
              severity warning
              per patient
              order by datum, id
              limit vecka: at most 1 per iso week
            end
            """)
        let out = try EvalSupport.validate(
            rules,
            """
            id,patient,datum
            a,19121212-1212,2024-05-06
            b,121212-1212,2024-05-07
            c,191212121212,2024-05-08
            d,19121272-1219,2024-05-08
            """ + "\n")
        #expect(out.pairs == [EvalRecordRule("b", "vecka"), EvalRecordRule("c", "vecka")])
    }

    /// A record's findings follow the declaration order of rules and cap checks.
    @Test func findingsOfARecordInDeclarationOrder() throws {
        let rules = EvalSupport.ruleset(
            Self.fields,
            """
            rule forst
              severity info
              cites "Första"
              require ok
            end
            cap ersattning
              severity warning
              cites "Avgränsningar"
              when kontakttyp = "skriftlig"
              per patient
              order by datum, id
              limit vecka: at most 1 per iso week
              limit manad: at most 1 per month
                cites "Månad"
            end
            rule sist
              severity info
              require enhet != "X"
            end
            """)
        let out = try EvalSupport.validate(
            rules,
            Self.csv(
                """
                s1,P,E,2024-05-06,skriftlig,ja
                s2,P,X,2024-05-07,skriftlig,nej
                """))
        #expect(out.pairs == [EvalRecordRule("s2", "forst"), EvalRecordRule("s2", "vecka"), EvalRecordRule("s2", "manad"), EvalRecordRule("s2", "sist")])
        #expect(out.finding("s2", "forst")?.source == "Eval test document, Första")
        #expect(out.finding("s2", "vecka")?.source == "Eval test document, Avgränsningar")
        #expect(out.finding("s2", "manad")?.source == "Eval test document, Månad")
    }

    @Test func aCapNeedsADateFirst() {
        let text = Self.cap("  limit vecka: at most 1 per iso week\n", order: "id, datum")
        #expect(EvalSupport.errorCodes(text).contains("C0503"))
    }

    // MARK: Against the W2 reference (../shared/bench/ref_w2.py)

    static let w2 = EvalSupport.ruleset(
        """
          id: text
          patient: text
          enhet: text
          datum: date
          kontakttyp: one of "skriftlig", "fysiskt", "telefon", "video"
          dialog: bool
          journalford: bool
          medicinsk_bedomning: bool
        """,
        """
        cap ersattning
          title "Ersättning för skriftliga digitala kontakter"
          cites "Avgränsningar"
          severity warning
          when kontakttyp = "skriftlig"
          per patient, enhet
          order by datum, id
          require innehall: dialog and journalford and medicinsk_bedomning
            severity error
          limit vecka: at most 1 per iso week
          limit utan_fysiskt: at most 5 since latest kontakttyp = "fysiskt"
          limit tolv_manader: at most 10 within 12 months
        end
        """)

    /// A seeded, shuffled data set with every cap hit many times, checked
    /// against a straight port of ref_w2.py (its own calendar arithmetic).
    @Test func matchesTheW2Reference() throws {
        var rng = EvalSplitMix(seed: 20240229)
        var rows: [EvalW2Row] = []
        let types = ["skriftlig", "skriftlig", "skriftlig", "skriftlig", "skriftlig", "skriftlig", "fysiskt", "telefon", "video"]
        for i in 0..<900 {
            let patient = "P\(rng.next(4))"
            let enhet = ["Söder", "Norr"][rng.next(2)]
            let day = EvalCivilDate.days(2023, 1, 1) + rng.next(800)
            let bad = rng.next(12) == 0
            rows.append(
                EvalW2Row(
                    id: String(format: "k%04d", 900 - i), patient: patient, enhet: enhet, day: day,
                    type: types[rng.next(types.count)],
                    dialog: !(bad && rng.next(3) == 0), journalford: !(bad && rng.next(3) == 1),
                    bedomning: !(bad && rng.next(3) == 2)))
        }
        // Same-day contacts for one patient, to exercise the id order.
        for k in 0..<30 {
            let base = rows[k * 7]
            rows.append(
                EvalW2Row(
                    id: base.id + "b", patient: base.patient, enhet: base.enhet, day: base.day, type: "skriftlig",
                    dialog: true, journalford: true, bedomning: true))
        }
        let csv =
            "id,patient,enhet,datum,kontakttyp,dialog,journalford,medicinsk_bedomning\n"
            + rows.map { r in
                "\(r.id),\(r.patient),\(r.enhet),\(EvalCivilDate.text(r.day)),\(r.type),"
                    + "\(r.dialog ? "ja" : "nej"),\(r.journalford ? "true" : "0"),\(r.bedomning ? "J" : "n")"
            }.joined(separator: "\n") + "\n"

        let out = try EvalSupport.validate(Self.w2, csv)
        let expected = EvalW2Reference.findings(rows)
        let counts = Dictionary(grouping: expected, by: \.rule).mapValues(\.count)
        // The data must exercise every check, or this test proves little.
        for rule in ["innehall", "vecka", "utan_fysiskt", "tolv_manader"] {
            #expect((counts[rule] ?? 0) >= 5, "too few \(rule) findings in the generated data: \(counts)")
        }
        let actual = Set(out.pairs)
        let wanted = Set(expected)
        #expect(actual.subtracting(wanted).sorted() == [], "findings the reference does not have")
        #expect(wanted.subtracting(actual).sorted() == [], "reference findings that are missing")
        #expect(out.result.validated == rows.count)
    }
}

// MARK: - A port of ref_w2.py

struct EvalW2Row {
    var id: String
    var patient: String
    var enhet: String
    var day: Int
    var type: String
    var dialog: Bool
    var journalford: Bool
    var bedomning: Bool
}

enum EvalW2Reference {
    static func findings(_ rows: [EvalW2Row]) -> [EvalRecordRule] {
        var groups: [String: [EvalW2Row]] = [:]
        for r in rows where r.type == "skriftlig" || r.type == "fysiskt" {
            groups[r.patient + "\u{1}" + r.enhet, default: []].append(r)
        }
        var out: [EvalRecordRule] = []
        for (_, group) in groups {
            let visits = group.filter { $0.type == "fysiskt" }.map(\.day).sorted()
            let written = group.filter { $0.type == "skriftlig" }.sorted { ($0.day, $0.id) < ($1.day, $1.id) }
            var reimbursed: [Int] = []
            for w in written {
                if !(w.dialog && w.journalford && w.bedomning) {
                    out.append(EvalRecordRule(w.id, "innehall"))
                    continue
                }
                var fails: [String] = []
                let week = EvalCivilDate.isoWeek(w.day)
                if reimbursed.contains(where: { EvalCivilDate.isoWeek($0) == week }) { fails.append("vecka") }
                let lastVisit = visits.filter { $0 <= w.day }.max()
                let since = reimbursed.filter { lastVisit == nil || $0 > lastVisit! }
                if since.count >= 5 { fails.append("utan_fysiskt") }
                let cut = EvalCivilDate.minus12Months(w.day)
                if reimbursed.filter({ $0 > cut }).count >= 10 { fails.append("tolv_manader") }
                if fails.isEmpty { reimbursed.append(w.day) } else { out += fails.map { EvalRecordRule(w.id, $0) } }
            }
        }
        return out
    }
}

/// Proleptic Gregorian dates as days since 1970-01-01 (Howard Hinnant's
/// algorithms), independent of RegelBuiltins.Day.
enum EvalCivilDate {
    static func days(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func text(_ z: Int) -> String {
        let (y, m, d) = civil(z)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// (ISO year, ISO week).
    static func isoWeek(_ z: Int) -> [Int] {
        let weekday = ((z % 7) + 7 + 3) % 7 + 1  // 1970-01-01 was a Thursday
        let thursday = z - (weekday - 1) + 3
        let year = civil(thursday).0
        return [year, (thursday - days(year, 1, 1)) / 7 + 1]
    }

    static func minus12Months(_ z: Int) -> Int {
        let (y, m, d) = civil(z)
        let leap = (y - 1) % 4 == 0 && ((y - 1) % 100 != 0 || (y - 1) % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return days(y - 1, m, min(d, lengths[m - 1]))
    }
}

/// A small seeded generator (SplitMix64), so the data is the same every run.
struct EvalSplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(bound))
    }
}
