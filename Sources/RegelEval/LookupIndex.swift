import RegelValues

/// A hash index from key values to the rows that have them, built once per
/// run. Keys are hashed straight from the cells into one word (no key
/// objects); a group remembers one representative row, and a probe
/// confirms a match by comparing the key cells, so hash collisions cannot
/// join records. A group's rows sit in one flat array, in row order.
final class LookupIndex: @unchecked Sendable {
    private let slots: [Int]
    private let table: Table
    private let buckets: [Int32]
    private let mask: Int
    private let groupHashes: [UInt64]
    private let representatives: [Int32]
    private let starts: UnsafeMutablePointer<Int32>
    let rows: UnsafeMutablePointer<Int32>

    init(table: Table, slots: [Int], accept: (Int) -> Bool) {
        self.slots = slots
        self.table = table
        var buckets = [Int32](repeating: -1, count: 1024)
        var mask = buckets.count - 1
        var groupHashes: [UInt64] = []
        var representatives: [Int32] = []
        var groupOfRow = [Int32](repeating: -1, count: table.count)
        var counts: [Int32] = []
        for row in 0..<table.count {
            guard accept(row), let h = LookupIndex.hash(table, slots, row) else { continue }
            var b = Int(truncatingIfNeeded: h) & mask
            var group: Int32 = -1
            while buckets[b] >= 0 {
                let g = Int(buckets[b])
                if groupHashes[g] == h, LookupIndex.sameKey(table, slots, Int(representatives[g]), row) { group = Int32(g); break }
                b = (b + 1) & mask
            }
            if group < 0 {
                group = Int32(counts.count)
                buckets[b] = group
                groupHashes.append(h)
                representatives.append(Int32(row))
                counts.append(0)
                if counts.count * 2 > buckets.count {
                    LookupIndex.rehash(&buckets, groupHashes)
                    mask = buckets.count - 1
                }
            }
            counts[Int(group)] += 1
            groupOfRow[row] = group
        }
        self.buckets = buckets
        self.mask = mask
        self.groupHashes = groupHashes
        self.representatives = representatives
        let groupCount = counts.count
        starts = .allocate(capacity: groupCount + 1)
        var total: Int32 = 0
        for g in 0..<groupCount {
            starts[g] = total
            total += counts[g]
        }
        starts[groupCount] = total
        rows = .allocate(capacity: max(1, Int(total)))
        var fill = Array(UnsafeBufferPointer(start: starts, count: groupCount))
        for row in 0..<table.count where groupOfRow[row] >= 0 {
            let g = Int(groupOfRow[row])
            rows[Int(fill[g])] = Int32(row)
            fill[g] += 1
        }
    }

    deinit {
        starts.deallocate()
        rows.deallocate()
    }

    private static func rehash(_ buckets: inout [Int32], _ groupHashes: [UInt64]) {
        buckets = Array(repeating: -1, count: buckets.count * 2)
        let mask = buckets.count - 1
        for (g, h) in groupHashes.enumerated() {
            var b = Int(truncatingIfNeeded: h) & mask
            while buckets[b] >= 0 { b = (b + 1) & mask }
            buckets[b] = Int32(g)
        }
    }

    /// The range of `rows` holding the rows whose key cells equal `key`.
    func range(_ key: LookupKey) -> Range<Int> {
        var h: UInt64 = LookupIndex.seed
        for i in 0..<key.total {
            guard let vh = LookupIndex.hash(key[i]) else { return 0..<0 }
            h = LookupIndex.combine(h, vh)
        }
        var b = Int(truncatingIfNeeded: h) & mask
        while buckets[b] >= 0 {
            let g = Int(buckets[b])
            if groupHashes[g] == h {
                let rep = Int(representatives[g])
                var same = true
                for i in 0..<slots.count where !Value.equals(table.value(slots[i], rep), key[i]) { same = false; break }
                if same { return Int(starts[g])..<Int(starts[g + 1]) }
            }
            b = (b + 1) & mask
        }
        return 0..<0
    }

    static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    static func combine(_ h: UInt64, _ v: UInt64) -> UInt64 {
        var x = (h ^ v) &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 31
        return x &* 0x94D0_49BB_1331_11EB
    }

    static func hash(_ table: Table, _ slots: [Int], _ row: Int) -> UInt64? {
        var h = seed
        for slot in slots {
            guard let vh = hash(table.value(slot, row)) else { return nil }
            h = combine(h, vh)
        }
        return h
    }

    static func sameKey(_ table: Table, _ slots: [Int], _ a: Int, _ b: Int) -> Bool {
        for slot in slots where !Value.equals(table.value(slot, a), table.value(slot, b)) { return false }
        return true
    }

    /// One word per value, equal for values the language calls equal (a
    /// whole decimal hashes as its integer); nil for missing.
    static func hash(_ v: Value) -> UInt64? {
        switch v {
        case .missing: return nil
        case .bool(let b): return b ? 1 : 2
        case .int(let n): return UInt64(bitPattern: Int64(n))
        case .decimal(let d):
            if d == d.rounded(), abs(d) < 9e18 { return UInt64(bitPattern: Int64(d)) }
            return d.bitPattern ^ 0x5555_5555_5555_5555
        case .text(var s):
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            s.withUTF8 { for b in $0 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 } }
            return h
        case .date(let d): return UInt64(bitPattern: Int64(d.ordinal)) &+ 0x1000
        case .time(let t): return UInt64(t.minutes) &+ 0x2000
        case .personnummer(let p): return p.key
        case .list(let items):
            var h = seed
            for item in items { h = combine(h, hash(item) ?? 0) }
            return h
        }
    }
}

/// The current record's key values for one probe; up to three are held
/// inline, so a probe allocates nothing.
struct LookupKey {
    var values: (Value, Value, Value) = (.missing, .missing, .missing)
    var count = 1
    var more: [Value] = []

    var total: Int { count + more.count }

    subscript(i: Int) -> Value {
        switch i {
        case 0: values.0
        case 1: values.1
        case 2: values.2
        default: more[i - 3]
        }
    }
}
