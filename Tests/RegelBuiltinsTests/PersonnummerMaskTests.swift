import RegelBuiltins
import Testing

@Suite struct PersonnummerMaskTests {
    @Test(arguments: [
        ("19811218-9876", "19811218-****"), ("198112189876", "19811218****"), ("811218-9876", "811218-****"),
        ("811218+9876", "811218+****"), ("8112189876", "811218****"), ("19811278-9876", "19811278-****")
    ])
    func aWellFormedNumberKeepsItsDate(_ written: String, _ masked: String) {
        #expect(PersonnummerMask.mask(written) == masked)
    }

    /// A value in a personnummer column that did not convert never shows more than a well-formed one would.
    @Test(arguments: [
        ("19811218-987", "19811218-****"), ("19811218-98765", "19811218-****"), ("1981121898", "198112****"),
        ("19811218 9876", "198112****"), ("811218-T220", "811218-****"), ("abc", "****"), ("12345", "****")
    ])
    func aMalformedNumberKeepsAtMostItsDate(_ written: String, _ masked: String) {
        #expect(PersonnummerMask.mask(written) == masked)
    }

    @Test func anEmptyValueStaysEmpty() {
        #expect(PersonnummerMask.mask("") == "")
    }

    @Test func numbersInsideATextAreMasked() {
        #expect(PersonnummerMask.maskAll(in: "patient 19811218-9876, 2024-08-02") == "patient 19811218-****, 2024-08-02")
        #expect(PersonnummerMask.maskAll(in: "198112189876/811218-9876 och 8112189876.") == "19811218****/811218-**** och 811218****.")
        #expect(PersonnummerMask.maskAll(in: "samordningsnummer 19811278-9876") == "samordningsnummer 19811278-****")
        #expect(PersonnummerMask.maskAll(in: "lista a,198112189876,b.8112189876") == "lista a,19811218****,b.811218****")
        #expect(PersonnummerMask.maskAll(in: "19811218-9876") == "19811218-****")
        // A digit too few or too many after the separator: still somebody's number.
        #expect(PersonnummerMask.maskAll(in: "nr 19811218-987 och 811218-98765") == "nr 19811218-**** och 811218-****")
    }

    /// Dates, ids, amounts and longer numbers are not personnummer.
    @Test(arguments: [
        "2024-08-02 16:15", "SKD-0048", "BK00090", "belopp 1234567890 kr", "ID198112189876", "198112189876x",
        "1981121898761", "19811218-987611", "19811218-98", "19811318-9876", "3.1201151234", "12,1201151234", "19811200-9876", "19811232-9876",
        "konto 123456-7890", ""
    ])
    func otherTextIsLeftAlone(_ text: String) {
        #expect(PersonnummerMask.maskAll(in: text) == text)
    }
}
