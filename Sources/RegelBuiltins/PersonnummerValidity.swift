/// The outcome of checking a personnummer or samordningsnummer; `explanation` says it in words.
public enum PersonnummerValidity: Equatable, Sendable {
    case valid
    /// The Luhn check digit (the last digit) does not match; `expected` is the digit it should be.
    case badChecksum(expected: Int)
    /// YYMMDD is not a birth date, nor a samordningsnummer date (day + 60).
    case badDate
    /// Not the shape of a personnummer at all; the text says what is wrong.
    case badShape(String)

    public var explanation: String {
        switch self {
        case .valid:
            return "a valid personnummer or samordningsnummer"
        case .badChecksum(let expected):
            return "the check digit should be \(expected) (Luhn)"
        case .badDate:
            return "the date part (YYMMDD) is not a real date; a samordningsnummer has the day + 60 (61–91, or 60 when the day is unknown)"
        case .badShape(let reason):
            return reason
        }
    }
}
