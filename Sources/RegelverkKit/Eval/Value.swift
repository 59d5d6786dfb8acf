import RegelBuiltins

/// A value at run time. `missing` is a value like any other here; the checker
/// has made sure the author said what it means wherever it can occur.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case missing
    case bool(Bool)
    case int(Int)
    case decimal(Double)
    case text(String)
    case date(Day)
    case time(ClockTime)
    case personnummer(Personnummer)
    case list([Value])

    public var isMissing: Bool { if case .missing = self { true } else { false } }

    /// As the user would write it in a CSV cell.
    public var description: String {
        switch self {
        case .missing: ""
        case .bool(let b): b ? "ja" : "nej"
        case .int(let n): String(n)
        case .decimal(let d): Value.format(d)
        case .text(let s): s
        case .date(let d): d.description
        case .time(let t): t.description
        case .personnummer(let p): p.text
        case .list(let items): items.map(\.description).joined(separator: "|")
        }
    }

    static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        var s = String(format4: d)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    var asDouble: Double? {
        switch self {
        case .int(let n): Double(n)
        case .decimal(let d): d
        default: nil
        }
    }

    /// Total order used for ordering records, comparisons and group keys.
    static func compare(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.missing, .missing): return 0
        case (.missing, _): return -1
        case (_, .missing): return 1
        case let (.int(x), .int(y)): return x < y ? -1 : (x > y ? 1 : 0)
        case let (.date(x), .date(y)): return x < y ? -1 : (x > y ? 1 : 0)
        case let (.time(x), .time(y)): return x < y ? -1 : (x > y ? 1 : 0)
        case let (.text(x), .text(y)): return x < y ? -1 : (x > y ? 1 : 0)
        case let (.bool(x), .bool(y)): return x == y ? 0 : (x ? 1 : -1)
        case let (.personnummer(x), .personnummer(y)): return x.key < y.key ? -1 : (x.key > y.key ? 1 : 0)
        default:
            if let x = a.asDouble, let y = b.asDouble { return x < y ? -1 : (x > y ? 1 : 0) }
            let x = a.description, y = b.description
            return x < y ? -1 : (x > y ? 1 : 0)
        }
    }

    /// Equality as the language means it: 1 = 1.0, codes equal their text.
    static func equals(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case let (.int(x), .decimal(y)): return Double(x) == y
        case let (.decimal(x), .int(y)): return x == Double(y)
        default: return a == b
        }
    }
}

extension String {
    /// Four decimals without Foundation's formatter.
    init(format4 d: Double) {
        let scaled = (d * 10000).rounded()
        let sign = scaled < 0 ? "-" : ""
        let a = abs(scaled)
        let whole = Int(a / 10000)
        let frac = Int(a.truncatingRemainder(dividingBy: 10000))
        let f = String(frac)
        self = sign + String(whole) + "." + String(repeating: "0", count: 4 - f.count) + f
    }
}
