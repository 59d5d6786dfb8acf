import Testing
import RegelBuiltins

@Suite("Personnummer")
struct PersonnummerTests {
    private func pnr(_ text: String) throws -> Personnummer {
        try #require(Personnummer.parse(text), "\(text) should parse")
    }

    @Test func writtenFormsShareTheKey() throws {
        let forms = ["195704289999", "5704289999", "570428-9999", "19570428-9999"]
        let numbers = try forms.map(pnr)
        #expect(Set(numbers).count == 1)
        #expect(numbers.map(\.key) == Array(repeating: 5_704_289_999, count: 4))
        #expect(numbers.map(\.text) == forms)
        #expect(numbers.map(\.description) == forms)
        #expect(numbers.map(\.digits) == ["195704289999", "5704289999", "5704289999", "195704289999"])
        #expect(numbers.map(\.separator) == [nil, nil, "-", "-"])
        #expect(numbers.map(\.hasCentury) == [true, false, false, true])
        #expect(numbers.map(\.isValid) == [true, true, true, true])
        #expect(try pnr("570428-9999") != pnr("570428-9981"))
    }

    @Test func wrongCheckDigitNamesTheExpectedDigit() throws {
        let number = try pnr("700428-9895")
        #expect(number.validity == .badChecksum(expected: 3))
        #expect(number.validity.explanation == "the check digit should be 3 (Luhn)")
        #expect(!number.isValid)
        #expect(try pnr("700428-9893").isValid)
    }

    @Test func datePart() throws {
        #expect(try pnr("000229-2399").isValid)  // 2000-02-29
        #expect(try pnr("19000229-2399").validity == .badDate)  // 1900 is not a leap year
        #expect(try pnr("010229-2399").validity == .badDate)
        #expect(try pnr("700431-9893").validity == .badDate)
        #expect(try pnr("701328-9893").validity == .badDate)
        #expect(try pnr("700028-9893").validity == .badDate)  // month 00 only for samordningsnummer
        #expect(try pnr("700400-9893").validity == .badDate)
        #expect(try pnr("802005-1952").validity == .badDate)  // an organisationsnummer
        #expect(PersonnummerValidity.badDate.explanation.contains("not a real date"))
    }

    @Test func birthNumberZeroIsNeverIssued() throws {
        let validity = try pnr("201509160006").validity
        guard case .badShape(let reason) = validity else {
            Issue.record("expected badShape, got \(validity)")
            return
        }
        #expect(reason.contains("000"))
    }

    @Test func samordningsnummer() throws {
        let number = try pnr("730288-9931")
        #expect(number.isSamordningsnummer && number.isValid)
        #expect(number.birthDate(referenceYear: 2023)?.description == "1973-02-28")
        #expect(try !pnr("570428-9999").isSamordningsnummer)
        // Skatteverket test numbers with unknown birth month (00) or day (60): valid, no birth date.
        let unknownMonth = try pnr("191500722390")
        #expect(unknownMonth.isSamordningsnummer && unknownMonth.isValid)
        #expect(unknownMonth.birthDate(referenceYear: nil) == nil)
        #expect(unknownMonth.birthYear(referenceYear: nil) == 1915)
        // Day beyond the month's length (30 February) is accepted for a samordningsnummer.
        #expect(try pnr("193002902397").isValid)
        #expect(try pnr("193002902397").birthDate(referenceYear: nil) == nil)
        #expect(try pnr("194205929899").validity == .badDate)  // day 92
    }

    @Test func centuryOfTenDigitForms() throws {
        // '+' = 100 or older in the reference year.
        #expect(try pnr("090527+1474").birthDate(referenceYear: 2023)?.description == "1909-05-27")
        #expect(try pnr("090527-1474").birthDate(referenceYear: 2023)?.description == "2009-05-27")
        #expect(try pnr("0905271474").birthDate(referenceYear: 2023)?.description == "2009-05-27")
        #expect(try pnr("0905271474").birthDate(referenceYear: nil) == nil)
        // The separator switches in the calendar year the person turns 100.
        #expect(try pnr("250101+0000").birthYear(referenceYear: 2025) == 1925)
        #expect(try pnr("250101-0000").birthYear(referenceYear: 2025) == 2025)
        #expect(try pnr("260101-0000").birthYear(referenceYear: 2025) == 1926)
        #expect(try pnr("250101+0000").birthYear(referenceYear: 2024) == 1825)
        #expect(try pnr("990101-0000").birthYear(referenceYear: 2000) == 1999)
        #expect(try pnr("000101-0000").birthYear(referenceYear: 2000) == 2000)
    }

    @Test func centuryOfTwelveDigitForms() throws {
        let plus = try pnr("19090527+1474")
        #expect(plus.isValid)
        #expect(plus.birthDate(referenceYear: 2023)?.description == "1909-05-27")
        #expect(plus.birthDate(referenceYear: nil)?.description == "1909-05-27")
        // '+' on someone who would be under 100: accepted as written, but the birth date is unknown.
        let inconsistent = try pnr("20000229+2399")
        #expect(inconsistent.isValid)
        #expect(inconsistent.birthDate(referenceYear: 2023) == nil)
        #expect(inconsistent.birthDate(referenceYear: 2100)?.description == "2000-02-29")
        #expect(try pnr("19090527-1474").birthDate(referenceYear: 2023)?.description == "1909-05-27")
        #expect(try pnr("200002292399").birthDate(referenceYear: nil)?.description == "2000-02-29")
    }

    @Test(
        "shape rejections",
        arguments: [
            "", "19090527 1474", "090527 1474", "090527-147", "090527-14745", "0905271474 ", " 0905271474",
            "090527--1474", "0905-271474", "090527/1474", "000101-T220", "000101T220", "20000101-T220",
            "090527–1474", "12345678901", "1234567890123", "O905271474"
        ])
    func shapeRejections(_ text: String) {
        #expect(Personnummer.parse(text) == nil)
        guard case .badShape = Personnummer.validate(text) else {
            Issue.record("\(text): expected badShape, got \(Personnummer.validate(text))")
            return
        }
    }

    @Test func validateExplainsShapes() {
        #expect(Personnummer.validate("570428-9999") == .valid)
        #expect(Personnummer.validate("700428-9895") == .badChecksum(expected: 3))
        #expect(Personnummer.validate("000101-T220").explanation.contains("interim"))
        #expect(Personnummer.validate("20000101R220").explanation.contains("interim"))
        #expect(Personnummer.validate("090527 1474").explanation.contains("space"))
        #expect(Personnummer.validate("").explanation == "empty")
        #expect(Personnummer.validate("abc").explanation.contains("10 or 12 digits"))
    }

    @Test func parseFromSubstringAndBytes() throws {
        let line = "p;19090527+1474;x"
        let field = line.split(separator: ";")[1]
        #expect(Personnummer.parse(field)?.key == 905_271_474)
        var text = "090527+1474"
        let fromBytes = text.withUTF8 { Personnummer.parse(bytes: $0) }
        #expect(fromBytes?.text == "090527+1474")
        #expect(fromBytes?.separator == "+")
    }
}
