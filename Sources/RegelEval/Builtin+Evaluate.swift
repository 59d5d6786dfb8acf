import RegelBuiltins
import RegelCheck
import RegelValues

extension Builtin {
    /// The implementation; arguments are never missing here (the caller
    /// returns missing for a missing argument).
    package var implementation: @Sendable ([Value]) -> Value {
        switch self {
        case .validPersonnummer: { if case .personnummer(let p) = $0[0] { .bool(p.personnummer?.isValid ?? false) } else { .missing } }
        case .samordningsnummer: { if case .personnummer(let p) = $0[0] { .bool(p.personnummer?.isSamordningsnummer ?? false) } else { .missing } }
        case .year: Builtin.onDate { .int($0.year) }
        case .month: Builtin.onDate { .int($0.month) }
        case .day: Builtin.onDate { .int($0.day) }
        case .weekday: Builtin.onDate { .int($0.isoWeekday) }
        case .isoWeek: Builtin.onDate { .int($0.isoWeek.week) }
        case .isoYear: Builtin.onDate { .int($0.isoWeek.year) }
        case .weekText: Builtin.onDate { .text($0.isoWeekText) }
        case .monthText: Builtin.onDate { .text($0.monthText) }
        case .daysBetween: Builtin.onDates { .int(Day.days(from: $0, to: $1)) }
        case .monthsBetween: Builtin.onDates { .int(Day.wholeMonths(from: $0, to: $1)) }
        case .yearsBetween: Builtin.onDates { .int(Day.wholeYears(from: $0, to: $1)) }
        case .sameIsoWeek: Builtin.onDates { .bool($0.isoWeekKey == $1.isoWeekKey) }
        case .sameMonth: Builtin.onDates { .bool($0.monthKey == $1.monthKey) }
        case .hour: { if case .time(let t) = $0[0] { .int(t.hour) } else { .missing } }
        case .minute: { if case .time(let t) = $0[0] { .int(t.minute) } else { .missing } }
        case .length:
            { args in
                switch args[0] {
                case .text(let s): .int(s.count)
                case .list(let items): .int(items.count)
                default: .missing
                }
            }
        case .lower: Builtin.onText { .text($0.lowercased()) }
        case .upper: Builtin.onText { .text($0.uppercased()) }
        case .trim: Builtin.onText { .text($0.trimmingSpaces) }
        }
    }

    private static func onDate(_ f: @escaping @Sendable (Day) -> Value) -> @Sendable ([Value]) -> Value {
        { args in if case .date(let d) = args[0] { f(d) } else { .missing } }
    }
    private static func onDates(_ f: @escaping @Sendable (Day, Day) -> Value) -> @Sendable ([Value]) -> Value {
        { args in if case .date(let a) = args[0], case .date(let b) = args[1] { f(a, b) } else { .missing } }
    }
    private static func onText(_ f: @escaping @Sendable (String) -> Value) -> @Sendable ([Value]) -> Value {
        { args in if case .text(let s) = args[0] { f(s) } else { .missing } }
    }
}
