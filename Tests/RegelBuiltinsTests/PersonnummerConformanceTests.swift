import Testing
import RegelBuiltins

/// Every vector of personnummer/meta (../shared/conformance/personnummer-meta, see its README),
/// in every written form the files give.
@Suite(
    "personnummer/meta",
    .enabled(
        if: ConformanceData.hasPersonnummerMeta,
        "../shared/conformance/personnummer-meta not found next to the package; skipped"))
struct PersonnummerConformanceTests {
    /// The year the files were generated: their `+`/`-` separators are relative to it.
    static let generatedYear = 2023

    private static func isValid(_ text: String) -> Bool {
        Personnummer.parse(text)?.isValid ?? false
    }

    @Test("list.json: valid/invalid in every form; keys, samordningsnummer and birth dates agree")
    func list() throws {
        let vectors = try ConformanceData.personnummerJSON("list.json", as: [PersonnummerVector].self)
        #expect(vectors.count == 14)
        for vector in vectors {
            for form in vector.forms {
                #expect(Self.isValid(form) == vector.valid, "\(form) should be \(vector.valid ? "valid" : "invalid")")
            }
            guard vector.valid else { continue }
            let numbers = vector.forms.compactMap { Personnummer.parse($0) }
            #expect(numbers.count == vector.forms.count)
            #expect(Set(numbers.map(\.key)).count == 1, "\(vector): keys differ across forms")
            #expect(numbers.allSatisfy { $0.isSamordningsnummer == (vector.type == "con") }, "\(vector)")
            // Every form but the bare 10 digits (ambiguous century) gives the long form's date.
            let long = try #require(vector.long_format)
            let year = try #require(Int(long.prefix(4)))
            let month = try #require(Int(long.dropFirst(4).prefix(2)))
            let dayPart = try #require(Int(long.dropFirst(6).prefix(2)))
            let expected = Day(year: year, month: month, day: dayPart >= 60 ? dayPart - 60 : dayPart)
            #expect(expected != nil)
            for form in vector.forms where form != vector.short_format {
                #expect(Personnummer.parse(form)?.birthDate(referenceYear: Self.generatedYear) == expected, "\(form)")
            }
        }
    }

    @Test("the last list.json item, with a space as separator, is invalid in every form")
    func spaceSeparator() throws {
        let vectors = try ConformanceData.personnummerJSON("list.json", as: [PersonnummerVector].self)
        let last = try #require(vectors.last)
        #expect(last.long_format == "19090527 1474" && !last.valid)
        for form in last.forms { #expect(Personnummer.parse(form) == nil, "\(form)") }
    }

    @Test("structured.json: every integer and string, personnummer and samordningsnummer")
    func structured() throws {
        let groups = try ConformanceData.personnummerJSON("structured.json", as: StructuredVectors.self)
        for (group, isCoordination) in [(groups.ssn, false), (groups.con, true)] {
            for integer in group.integer.valid {
                let number = Personnummer.parse(String(integer))
                #expect(number?.isValid == true, "\(integer)")
                #expect(number?.isSamordningsnummer == isCoordination, "\(integer)")
            }
            for integer in group.integer.invalid {
                #expect(!Self.isValid(String(integer)), "\(integer)")
            }
            for text in group.string.valid {
                let number = Personnummer.parse(text)
                #expect(number?.isValid == true, "\(text)")
                #expect(number?.isSamordningsnummer == isCoordination, "\(text)")
            }
            for text in group.string.invalid {
                #expect(!Self.isValid(text), "\(text)")
            }
        }
    }

    @Test("interim.json: interim numbers are not personnummer here, in any form")
    func interim() throws {
        let vectors = try ConformanceData.personnummerJSON("interim.json", as: [PersonnummerVector].self)
        #expect(vectors.count == 12)
        for vector in vectors {
            for form in vector.forms {
                #expect(Personnummer.parse(form) == nil, "\(form)")
                let validity = Personnummer.validate(form)
                guard case .badShape(let reason) = validity else {
                    Issue.record("\(form): expected badShape, got \(validity)")
                    continue
                }
                // The file's `valid` is with the interim opt-in: those are recognised as interim numbers.
                #expect(reason.contains("interim") == vector.valid, "\(form): \(reason)")
            }
        }
    }

    @Test("orgnumber.json: organisationsnummer are invalid (month 20+)")
    func organisationsnummer() throws {
        let vectors = try ConformanceData.personnummerJSON("orgnumber.json", as: [PersonnummerVector].self)
        #expect(vectors.count == 6)
        for vector in vectors {
            #expect(!vector.valid)
            for form in vector.forms {
                #expect(Personnummer.parse(form)?.validity == .badDate, "\(form)")
            }
        }
    }

    @Test("allPins.json: all 41,129 Skatteverket test personnummer valid in 4 written forms")
    func skatteverketPersonnummer() throws {
        let pins = try ConformanceData.personnummerJSON("allPins.json", as: [String].self)
        #expect(pins.count == 41_129)
        let failures = Self.checkAllForms(pins, coordination: false)
        #expect(failures.unknownDates == 0)
        #expect(failures.messages.count == 0, "first failures: \(failures.messages.prefix(5))")
    }

    @Test("allCoords.json: all 2,264 Skatteverket test samordningsnummer valid in 4 written forms")
    func skatteverketSamordningsnummer() throws {
        let coords = try ConformanceData.personnummerJSON("allCoords.json", as: [String].self)
        #expect(coords.count == 2_264)
        let failures = Self.checkAllForms(coords, coordination: true)
        // README: 194 have month 00, day 60 or a day the month lacks: valid, but no birth date.
        #expect(failures.unknownDates == 194)
        #expect(failures.messages.count == 0, "first failures: \(failures.messages.prefix(5))")
    }

    /// Checks a 12-digit number written as YYYYMMDDNNNC, YYMMDDNNNC, YYMMDD±NNNC and YYYYMMDD±NNNC
    /// (`+` when 100 or older in the generation year): all valid, same key, same birth date.
    private static func checkAllForms(_ numbers: [String], coordination: Bool) -> (messages: [String], unknownDates: Int) {
        var messages: [String] = []
        var unknownDates = 0
        for long in numbers {
            guard long.count == 12, let year = Int(long.prefix(4)), let month = Int(long.dropFirst(4).prefix(2)),
                let dayPart = Int(long.dropFirst(6).prefix(2))
            else {
                messages.append("\(long): not 12 digits")
                continue
            }
            let expectedDate = Day(year: year, month: month, day: coordination ? dayPart - 60 : dayPart)
            if expectedDate == nil { unknownDates += 1 }
            let separator = generatedYear - year >= 100 ? "+" : "-"
            let short = String(long.dropFirst(2))
            let forms = [
                long, short, short.prefix(6) + separator + short.suffix(4),
                long.prefix(8) + separator + long.suffix(4)
            ]
            var keys = Set<UInt64>()
            for form in forms {
                guard let number = Personnummer.parse(form) else {
                    messages.append("\(form): does not parse")
                    continue
                }
                keys.insert(number.key)
                if !number.isValid { messages.append("\(form): \(number.validity.explanation)") }
                if number.isSamordningsnummer != coordination { messages.append("\(form): samordningsnummer?") }
                if form != short, number.birthDate(referenceYear: generatedYear) != expectedDate {
                    messages.append("\(form): birth date \(String(describing: number.birthDate(referenceYear: generatedYear)))")
                }
            }
            if keys.count != 1 { messages.append("\(long): keys differ across forms") }
        }
        return (messages, unknownDates)
    }
}
