import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues
/// Bit sets over the rows of a batch or a column, one bit per row, 64 rows a
/// word. Three-valued results are two of them (`Truth`).
enum Bits {
    @inline(__always) static func words(_ rows: Int) -> Int { (rows + 63) >> 6 }

    @inline(__always) static func test(_ w: UnsafePointer<UInt64>, _ i: Int) -> Bool {
        w[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    @inline(__always) static func test(_ w: [UInt64], _ i: Int) -> Bool {
        w[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    @inline(__always) static func set(_ w: inout [UInt64], _ i: Int) {
        w[i >> 6] |= 1 << UInt64(i & 63)
    }

    /// The bits of the last word past `rows` cleared, so counts and "any"
    /// never see rows that are not there.
    static func trimmed(_ w: [UInt64], rows: Int) -> [UInt64] {
        var w = w
        let tail = rows & 63
        if tail != 0, !w.isEmpty { w[w.count - 1] &= (1 << UInt64(tail)) &- 1 }
        return w
    }

    static func all(_ rows: Int) -> [UInt64] {
        trimmed([UInt64](repeating: ~0, count: words(rows)), rows: rows)
    }

    static func none(_ rows: Int) -> [UInt64] { [UInt64](repeating: 0, count: words(rows)) }

    /// Calls `body` with the index of every set bit, in ascending order.
    @inline(__always) static func forEach(_ w: [UInt64], _ body: (Int) -> Void) {
        for k in 0..<w.count {
            var x = w[k]
            while x != 0 {
                body(k << 6 | x.trailingZeroBitCount)
                x &= x &- 1
            }
        }
    }

    static func isEmpty(_ w: [UInt64]) -> Bool { !w.contains { $0 != 0 } }
}

/// The result of a condition over a batch: bit set in `yes` where it holds,
/// in `no` where it does not; neither where it is missing.
struct Truth {
    var yes: [UInt64]
    var no: [UInt64]

    static func constant(_ value: Bool?, rows: Int) -> Truth {
        switch value {
        case true?: Truth(yes: Bits.all(rows), no: Bits.none(rows))
        case false?: Truth(yes: Bits.none(rows), no: Bits.all(rows))
        case nil: Truth(yes: Bits.none(rows), no: Bits.none(rows))
        }
    }

    @inline(__always) func value(_ i: Int) -> Bool? {
        if Bits.test(yes, i) { return true }
        if Bits.test(no, i) { return false }
        return nil
    }
}
