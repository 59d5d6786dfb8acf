/// A Swedish personal identity number (personnummer) or samordningsnummer, as written in an export.
///
/// Written forms: `YYMMDDNNNC`, `YYMMDD-NNNC`, `YYMMDD+NNNC`, `YYYYMMDDNNNC`, `YYYYMMDD-NNNC`
/// (and `YYYYMMDD+NNNC`). NNN is the birth number, C the Luhn check digit over YYMMDDNNN.
///
/// Century:
/// * 12-digit forms state it. The separator is then redundant: `-` is always accepted (exports
///   commonly write `YYYYMMDD-NNNC` for everyone), and `+` (100 or older) is accepted by `parse`
///   and does not affect `validity`; it is only checked against a reference year in
///   `birthYear(referenceYear:)`, which returns nil when the person would be under 100 then.
/// * 10-digit forms take it from the separator, relative to the year the number was written
///   (`referenceYear`): Skatteverket switches `-` to `+` in the calendar year the person turns
///   100, so `-` or no separator means born in `referenceYear-99 ... referenceYear` and `+`
///   means born in `referenceYear-199 ... referenceYear-100`. Without a reference year the
///   century of a 10-digit form is unknown.
///
/// Interim numbers (`YYMMDD-T220`, a letter in place of the first birth-number digit) are not
/// personnummer here: `parse` returns nil, and `validate(_:)` explains why. This matches the
/// personnummer/meta test data, where they are invalid unless an opt-in is given.
public struct Personnummer: Hashable, Sendable, CustomStringConvertible {
    /// Exactly as written.
    public let text: String
    /// The last ten digits, YYMMDDNNNC, as a number. Equality and hashing use only this, so
    /// every written form of the same number compares equal (the century is ignored).
    public let key: UInt64
    /// The 10 or 12 digits without separator.
    public let digits: String
    /// `-`, `+`, or nil when written without separator.
    public let separator: Character?
    /// The first two digits of a 12-digit form (19 for 1957…), or -1 for a 10-digit form.
    private let centuryDigits: Int8

    private init(text: String, key: UInt64, digits: String, separator: Character?, centuryDigits: Int8) {
        self.text = text
        self.key = key
        self.digits = digits
        self.separator = separator
        self.centuryDigits = centuryDigits
    }

    // MARK: Parsing

    /// Lenient shape parse used when reading a cell: 10 or 12 ASCII digits, optionally with
    /// `-` or `+` before the last four. nil for anything else (spaces, letters, other lengths).
    /// Says nothing about the date or check digit: see `validity`.
    @inlinable
    public static func parse(_ text: some StringProtocol) -> Personnummer? {
        parse(string: String(text))
    }

    @usableFromInline
    static func parse(string: String) -> Personnummer? {
        var copy = string
        guard let shape = copy.withUTF8({ scan($0) }) else { return nil }
        let digits: String
        if let index = shape.separatorIndex {
            digits = String(copy.utf8.prefix(index))! + String(copy.utf8.suffix(4))!
        } else {
            digits = copy
        }
        return Personnummer(
            text: copy, key: shape.key, digits: digits,
            separator: shape.separator, centuryDigits: shape.centuryDigits)
    }

    /// `parse` from UTF-8 bytes.
    public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Personnummer? {
        guard scan(bytes) != nil else { return nil }
        return parse(String(decoding: bytes, as: UTF8.self))
    }

    /// The full check of any text: `validity` when it parses, otherwise `badShape` saying what
    /// is wrong (empty, spaces, an interim number, wrong length or characters).
    public static func validate(_ text: some StringProtocol) -> PersonnummerValidity {
        if let number = parse(text) { return number.validity }
        let scalars = Array(String(text).unicodeScalars)
        if scalars.isEmpty { return .badShape("empty") }
        if scalars.contains(where: { $0.properties.isWhitespace }) {
            return .badShape("contains a space; write YYMMDD-NNNC, YYYYMMDD-NNNC or without separator")
        }
        let isDigit = { (s: Unicode.Scalar) in s.isASCII && s.value >= 0x30 && s.value <= 0x39 }
        for dateLength in [6, 8] {
            var rest = scalars.dropFirst(dateLength)
            guard scalars.prefix(dateLength).count == dateLength, scalars.prefix(dateLength).allSatisfy(isDigit)
            else { continue }
            if rest.first == "-" { rest = rest.dropFirst() }
            if rest.count == 4, let letter = rest.first, "TRSUWXJKLMN".unicodeScalars.contains(letter),
                rest.dropFirst().allSatisfy(isDigit)
            {
                return .badShape("an interim number (letter \(letter) in the birth number) is not a personnummer")
            }
        }
        return .badShape("expected 10 or 12 digits, optionally with '-' or '+' before the last four")
    }

    private struct Shape {
        var key: UInt64
        var centuryDigits: Int8
        var separator: Character?
        var separatorIndex: Int?
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Shape? {
        let count = bytes.count
        let separatorIndex: Int?
        switch count {
        case 10, 12: separatorIndex = nil
        case 11, 13: separatorIndex = count - 5
        default: return nil
        }
        var separator: Character? = nil
        if let separatorIndex {
            switch bytes[separatorIndex] {
            case ASCII.minus: separator = "-"
            case ASCII.plus: separator = "+"
            default: return nil
            }
        }
        let digitCount = separatorIndex == nil ? count : count - 1
        var key: UInt64 = 0
        var century = 0
        var position = 0
        for index in 0..<count where index != separatorIndex {
            guard let digit = ASCII.digit(bytes[index]) else { return nil }
            if digitCount == 12 && position < 2 {
                century = century * 10 + digit
            } else {
                key = key * 10 + UInt64(digit)
            }
            position += 1
        }
        return Shape(
            key: key, centuryDigits: digitCount == 12 ? Int8(century) : -1,
            separator: separator, separatorIndex: separatorIndex)
    }

    // MARK: Parts of YYMMDDNNNC

    private var twoDigitYear: Int { Int(key / 100_000_000 % 100) }
    private var monthPart: Int { Int(key / 1_000_000 % 100) }
    private var dayPart: Int { Int(key / 10_000 % 100) }

    /// True when the form gives the century (12 digits).
    public var hasCentury: Bool { centuryDigits >= 0 }

    /// The day part is 60–91 (birth day + 60; 60 = day unknown). Shape only: see `validity`.
    public var isSamordningsnummer: Bool { Personnummer.isSamordningsnummer(key: key) }

    /// `isSamordningsnummer` from the ten digits YYMMDDNNNC alone.
    @inlinable
    public static func isSamordningsnummer(key: UInt64) -> Bool {
        (60...91).contains(key / 10_000 % 100)
    }

    // MARK: Validity

    /// The full check, in this order:
    /// 1. date: a personnummer needs a real date (29 February in a 10-digit form is accepted when
    ///    YY is divisible by 4, as the century is unknown). A samordningsnummer (day 60–91) needs
    ///    month 00–12 and day 60–91 only: Skatteverket's own test samordningsnummer use month 00
    ///    and day 60 for an unknown birth month/day, and some have days the month lacks
    ///    (e.g. 30 February), so the month length is not checked for them;
    /// 2. the birth number NNN must not be 000 (never issued);
    /// 3. the Luhn check digit over YYMMDDNNN.
    /// The separator does not matter here (see the type's notes on the century).
    public var validity: PersonnummerValidity {
        Personnummer.validity(key: key, centuryDigits: Int(centuryDigits))
    }

    public var isValid: Bool { validity == .valid }

    /// `validity` from the ten digits YYMMDDNNNC and the written century
    /// (negative for a 10-digit form), so a packed number is checked without
    /// rebuilding its text.
    public static func validity(key: UInt64, centuryDigits: Int) -> PersonnummerValidity {
        guard hasValidDatePart(key: key, centuryDigits: centuryDigits) else { return .badDate }
        guard key / 10 % 1000 != 0 else {
            return .badShape("the birth number (the three digits after the date) is 000, which is never issued")
        }
        let expected = Personnummer.luhnCheckDigit(key / 10)
        return expected == Int(key % 10) ? .valid : .badChecksum(expected: expected)
    }

    private static func hasValidDatePart(key: UInt64, centuryDigits: Int) -> Bool {
        let twoDigitYear = Int(key / 100_000_000 % 100)
        let month = Int(key / 1_000_000 % 100), day = Int(key / 10_000 % 100)
        if day >= 60 {
            return month <= 12 && day <= 91
        }
        guard month >= 1, month <= 12, day >= 1 else { return false }
        if centuryDigits >= 0 {
            return day <= Day.daysInMonth(year: centuryDigits * 100 + twoDigitYear, month: month)
        }
        if month == 2 && day == 29 { return twoDigitYear % 4 == 0 }
        return day <= Day.daysInMonth(year: 2001, month: month)
    }

    /// The Luhn check digit for the nine digits YYMMDDNNN.
    public static func luhnCheckDigit(_ nineDigits: UInt64) -> Int {
        var rest = nineDigits
        var sum = 0
        var weight = 2  // the rightmost of the nine digits is doubled
        for _ in 0..<9 {
            let product = Int(rest % 10) * weight
            sum += product / 10 + product % 10
            rest /= 10
            weight = 3 - weight
        }
        return (10 - sum % 10) % 10
    }

    // MARK: Birth date

    /// The birth year. For a 12-digit form the written century (nil if it has `+` and the person
    /// would be under 100 in `referenceYear`); for a 10-digit form, derived from the separator
    /// relative to `referenceYear` (the year the number was written), nil without one.
    public func birthYear(referenceYear: Int?) -> Int? {
        if hasCentury {
            let year = Int(centuryDigits) * 100 + twoDigitYear
            if separator == "+", let referenceYear, referenceYear - year < 100 { return nil }
            return year
        }
        guard let referenceYear else { return nil }
        let latest = separator == "+" ? referenceYear - 100 : referenceYear
        return latest - Day.floorMod(latest - twoDigitYear, 100)
    }

    /// The birth date (day − 60 for a samordningsnummer), with the year from
    /// `birthYear(referenceYear:)`. nil when the year is unknown or the date part is not a real
    /// date (e.g. a samordningsnummer with month 00 or day 60). The check digit is not consulted.
    public func birthDate(referenceYear: Int?) -> Day? {
        guard let year = birthYear(referenceYear: referenceYear) else { return nil }
        let day = dayPart >= 60 ? dayPart - 60 : dayPart
        return Day(year: year, month: monthPart, day: day)
    }

    // MARK: Protocols

    public var description: String { text }

    public static func == (lhs: Personnummer, rhs: Personnummer) -> Bool {
        lhs.key == rhs.key
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
    }
}
