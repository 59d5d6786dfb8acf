import RegelValues

/// The catalogue of built-in functions. Implementations are in
/// Eval/Builtin+Evaluate.swift, grouped by family.
public enum Builtin: String, Sendable, CaseIterable {
    // personnummer
    case validPersonnummer = "valid_personnummer"
    case samordningsnummer
    // dates
    case year, month, day, weekday
    case isoWeek = "iso_week", isoYear = "iso_year"
    case weekText = "week_text", monthText = "month_text"
    case daysBetween = "days_between", monthsBetween = "months_between", yearsBetween = "years_between"
    case sameIsoWeek = "same_iso_week", sameMonth = "same_month"
    // time
    case hour, minute
    // text and lists
    case length, lower, upper, trim

    /// Parameter types (`nil` means "text or list") and the result type.
    var signature: (parameters: [ValueType?], result: ValueType) {
        switch self {
        case .validPersonnummer, .samordningsnummer: ([.personnummer], .bool)
        case .year, .month, .day, .weekday, .isoWeek, .isoYear: ([.date], .int)
        case .weekText, .monthText: ([.date], .text)
        case .daysBetween, .monthsBetween, .yearsBetween: ([.date, .date], .int)
        case .sameIsoWeek, .sameMonth: ([.date, .date], .bool)
        case .hour, .minute: ([.time], .int)
        case .length: ([nil], .int)
        case .lower, .upper, .trim: ([.text], .text)
        }
    }

    var usage: String {
        let params = signature.parameters.map { $0?.description ?? "text or list" }.joined(separator: ", ")
        return "\(rawValue)(\(params)) → \(signature.result)"
    }
}
