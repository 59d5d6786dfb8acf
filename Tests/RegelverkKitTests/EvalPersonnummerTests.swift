import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

// valid_personnummer and samordningsnummer on cells read from CSV, and
// personnummer equality across the written forms.

@Suite struct EvalPersonnummerTests {
    static let fields = "  p: personnummer\n"

    @Test func validPersonnummer() throws {
        // Check digits computed by hand with the Luhn algorithm over YYMMDDNNN.
        let csv = """
            id,p
            twelve_dash,19121212-1212
            twelve_plain,191212121212
            ten_dash,121212-1212
            ten_plain,1212121212
            ten_plus,121212+1212
            twelve_plus,19121212+1212
            classic,811218-9876
            wrong_check,19121212-1213
            wrong_check_ten,121212-1211
            samordning,19121272-1219
            samordning_ten,121272-1219
            samordning_wrong,19121272-1212
            day_32,19121232-1218
            day_92,121292-1215
            feb29_ten_leap,200229-1231
            feb29_ten_nonleap,130229-1230
            feb29_1900,19000229-1235
            feb29_2000,20000229-1235
            birth_000,121212-0008
            """ + "\n"
        let t = try EvalSupport.truth("valid_personnummer(p)", fields: Self.fields, csv: csv)
        let expected: [String: EvalTruth] = [
            "twelve_dash": .yes, "twelve_plain": .yes, "ten_dash": .yes, "ten_plain": .yes, "ten_plus": .yes,
            "twelve_plus": .yes, "classic": .yes, "wrong_check": .no, "wrong_check_ten": .no,
            "samordning": .yes, "samordning_ten": .yes, "samordning_wrong": .no,
            "day_32": .no, "day_92": .no, "feb29_ten_leap": .yes, "feb29_ten_nonleap": .no,
            "feb29_1900": .no, "feb29_2000": .yes, "birth_000": .no
        ]
        for (id, want) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(t[id] == want, "valid_personnummer for \(id)")
        }
    }

    @Test func samordningsnummerIsDayPlusSixty() throws {
        let csv = """
            id,p
            person,19121212-1212
            samordning,19121272-1219
            samordning_ten,121272-1219
            day_60,000160-1236
            day_92,121292-1215
            """ + "\n"
        let t = try EvalSupport.truth("samordningsnummer(p)", fields: Self.fields, csv: csv)
        #expect(t == ["person": .no, "samordning": .yes, "samordning_ten": .yes, "day_60": .yes, "day_92": .no])
        let both = try EvalSupport.truth("samordningsnummer(p) and valid_personnummer(p)", fields: Self.fields, csv: csv)
        #expect(both == ["person": .no, "samordning": .yes, "samordning_ten": .yes, "day_60": .yes, "day_92": .no])
    }

    /// Every written form of one number is the same personnummer.
    @Test func equalityAcrossWrittenForms() throws {
        let fields = "  p: personnummer\n  q: personnummer\n"
        let csv = """
            id,p,q
            dash_plain,19121212-1212,191212121212
            twelve_ten,19121212-1212,121212-1212
            ten_plus,121212-1212,121212+1212
            different,19121212-1212,19121272-1219
            """ + "\n"
        let t = try EvalSupport.truth("p = q", fields: fields, csv: csv)
        #expect(t == ["dash_plain": .yes, "twelve_ten": .yes, "ten_plus": .yes, "different": .no])
        let u = try EvalSupport.truth("p != q", fields: fields, csv: csv)
        #expect(u == ["dash_plain": .no, "twelve_ten": .no, "ten_plus": .no, "different": .yes])
    }

    @Test func personnummerShowsAsWritten() throws {
        let v = try EvalSupport.values("p", fields: Self.fields, csv: "id,p\na,121212-1212\nb,191212121212\n")
        #expect(v == ["a": "121212-1212", "b": "191212121212"])
    }

    @Test func personnummerComparedWithTextIsACheckError() {
        let text = EvalSupport.ruleset("  p: personnummer\n", "rule r\n  severity error\n  require p = \"19121212-1212\"\nend\n")
        #expect(EvalSupport.errorCodes(text).contains("T0206"))
    }
}
