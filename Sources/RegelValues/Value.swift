import Foundation
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
    case personnummer(PackedPersonnummer)
    case list([Value])

    public var isMissing: Bool { if case .missing = self { true } else { false } }

    /// Text compares and hashes as its UTF-8 bytes: exports are compared as
    /// written (as the yardsticks do), and it skips Unicode normalisation,
    /// which dominated hashing of Swedish unit names.
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.missing, .missing): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.decimal(x), .decimal(y)): return x == y
        case let (.int(x), .decimal(y)), let (.decimal(y), .int(x)): return Double(x) == y
        case let (.text(x), .text(y)): return Value.sameBytes(x, y)
        case let (.date(x), .date(y)): return x == y
        case let (.time(x), .time(y)): return x == y
        case let (.personnummer(x), .personnummer(y)): return x == y
        case let (.list(x), .list(y)): return x == y
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .missing: hasher.combine(0 as UInt8)
        case .bool(let b): hasher.combine(b)
        // A whole decimal hashes as its integer: 2 and 2.0 are one key.
        case .int(let n): hasher.combine(n)
        case .decimal(let d):
            if d == d.rounded(), abs(d) < 9e18 { hasher.combine(Int(d)) } else { hasher.combine(d) }
        case .text(let s):
            var s = s
            s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        case .date(let d): hasher.combine(d.ordinal)
        case .time(let t): hasher.combine(t.minutes)
        case .personnummer(let p): hasher.combine(p.key)
        case .list(let items): hasher.combine(items)
        }
    }

    @inline(__always)
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
    }

    static func compareBytes(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                let c = n == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, n)
                if c != 0 { return c < 0 ? -1 : 1 }
                return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
            }
        }
    }

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
        case .personnummer(let p): p.description
        case .list(let items): items.map(\.description).joined(separator: "|")
        }
    }

    package static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        var s = String(format4: d)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    package var asDouble: Double? {
        switch self {
        case .int(let n): Double(n)
        case .decimal(let d): d
        default: nil
        }
    }

    /// Total order used for ordering records, comparisons and group keys.
    package static func compare(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.missing, .missing): return 0
        case (.missing, _): return -1
        case (_, .missing): return 1
        case let (.int(x), .int(y)): return x < y ? -1 : (x > y ? 1 : 0)
        case let (.decimal(x), .decimal(y)) where !equals(a, b): return x < y ? -1 : 1
        case let (.date(x), .date(y)): return x < y ? -1 : (x > y ? 1 : 0)
        case let (.time(x), .time(y)): return x < y ? -1 : (x > y ? 1 : 0)
        case let (.text(x), .text(y)): return Value.compareBytes(x, y)
        case let (.bool(x), .bool(y)): return x == y ? 0 : (x ? 1 : -1)
        case let (.personnummer(x), .personnummer(y)): return x.key < y.key ? -1 : (x.key > y.key ? 1 : 0)
        default:
            if let x = a.asDouble, let y = b.asDouble {
                if equals(a, b) { return 0 }
                return x < y ? -1 : 1
            }
            let x = a.description, y = b.description
            return x < y ? -1 : (x > y ? 1 : 0)
        }
    }

    /// Equality as the language means it: 1 = 1.0, codes equal their text,
    /// and decimals equal when they agree to about 12 significant digits, so
    /// 0.1 + 0.2 = 0.3 holds as a person expects.
    package static func equals(_ a: Value, _ b: Value) -> Bool {
        if let x = a.asDouble, let y = b.asDouble {
            if case .int(let m) = a, case .int(let n) = b { return m == n }
            return abs(x - y) <= 1e-12 * max(1, abs(x), abs(y))
        }
        return a == b
    }
}

extension String {
    /// Four decimals without Foundation's formatter.
    package init(format4 d: Double) {
        let scaled = (d * 10000).rounded()
        let sign = scaled < 0 ? "-" : ""
        let a = abs(scaled)
        let whole = Int(a / 10000)
        let frac = Int(a.truncatingRemainder(dividingBy: 10000))
        let f = String(frac)
        self = sign + String(whole) + "." + String(repeating: "0", count: 4 - f.count) + f
    }
}
