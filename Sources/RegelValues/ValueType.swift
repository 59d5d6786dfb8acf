/// The type of a value in the rule language.
public indirect enum ValueType: Hashable, Sendable, CustomStringConvertible {
    case text, int, decimal, bool, date, time, personnummer, duration
    /// An enumeration of codes (`one of "A", "B"`); compared with text.
    case code([String])
    case list(ValueType)
    /// The literal `missing` before context gives it a type.
    case nothing

    public var description: String {
        switch self {
        case .text: "text"
        case .int: "int"
        case .decimal: "decimal"
        case .bool: "bool"
        case .date: "date"
        case .time: "time"
        case .personnummer: "personnummer"
        case .duration: "duration"
        case .code(let codes): "one of " + codes.prefix(6).map { "\"\($0)\"" }.joined(separator: ", ") + (codes.count > 6 ? ", …" : "")
        case .list(let t): "list of \(t)"
        case .nothing: "missing"
        }
    }

    package var isNumeric: Bool { self == .int || self == .decimal }
    package var isTextLike: Bool {
        switch self {
        case .text, .code: true;
        default: false
        }
    }
    package var codes: [String]? { if case .code(let c) = self { c } else { nil } }

    /// Values of these two types can be compared with `=` and `!=`.
    package func isComparable(with other: ValueType) -> Bool {
        if self == other { return true }
        if isNumeric && other.isNumeric { return true }
        if isTextLike && other.isTextLike { return true }
        if case .list(let a) = self, case .list(let b) = other { return a.isComparable(with: b) }
        return self == .nothing || other == .nothing
    }

    package var isOrdered: Bool {
        switch self {
        case .int, .decimal, .date, .time, .text, .code: true;
        default: false
        }
    }
}
