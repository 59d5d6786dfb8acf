import RegelSyntax

/// Durations are limited so that date arithmetic stays inside the calendar the
/// language supports (years 0001–9999): a longer duration is a check error at
/// its position rather than a crash or a nonsense date when the rules run.
extension DurationUnit {
    /// The longest duration of this unit: from 0001-01-01 to 9999-12-31.
    var maximum: Int {
        switch self {
        case .day: 3_652_058
        case .week: 521_722
        case .month: 119_987
        case .year: 9_998
        }
    }
}

extension Checker {
    /// False (with error T0215) when `n unit` reaches past the supported calendar.
    @discardableResult
    mutating func checkDuration(_ n: Int, _ unit: DurationUnit, at span: Span) -> Bool {
        guard n.magnitude > UInt(unit.maximum) else { return true }
        diagnostics.report(.durationTooLong(n, unit), at: span)
        return false
    }
}
