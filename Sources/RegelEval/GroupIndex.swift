import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues
/// Rows grouped by equal key words: one hash table from a key to a group,
/// and each group's rows in one flat array, in row order or ordered by a
/// sort word. Searches across records, caps and measures all group with it.
/// Keys are normalised words (`GroupIndex.normalised`), so equal values
/// have equal words and hashing agrees with equality.
final class GroupIndex: @unchecked Sendable {
    let keyCount: Int
    /// Key words of each group, `keyCount` per group.
    private(set) var groupKeys: [UInt64] = []
    private var groupHashes: [UInt64] = []
    private var buckets = [Int32](repeating: -1, count: 1024)
    /// Buckets are chosen by the hash's top bits (64 - shift = log2 of the bucket count).
    private var shift: UInt64 = 54
    /// The group of each row, or -1 when the row is not indexed.
    private(set) var groupOfRow: [Int32] = []
    private(set) var starts: [Int] = []
    /// Rows of group g: `rows[starts[g]..<starts[g+1]]`.
    private(set) var rows: [Int32] = []

    var groupCount: Int { groupHashes.count }

    /// `keys[k][row]` is key k of a row; rows not in `include`, or with an
    /// invalid key, are left out.
    init(rowCount: Int, keys: [[UInt64]], keyValid: [[UInt64]], include: [UInt64]?) {
        keyCount = keys.count
        var groupOfRow = [Int32](repeating: -1, count: rowCount)
        var counts: [Int] = []
        var key = [UInt64](repeating: 0, count: keys.count)
        // Rows whose every key is valid (and that the filter includes).
        var candidates = include ?? Bits.all(rowCount)
        for valid in keyValid {
            for k in candidates.indices { candidates[k] &= valid[k] }
        }
        let keyPointers = keys.map { $0.withUnsafeBufferPointer { $0.baseAddress! } }
        withExtendedLifetime(keys) {
            key.withUnsafeMutableBufferPointer { key in
                Bits.forEach(candidates) { row in
                    for k in 0..<keyPointers.count { key[k] = keyPointers[k][row] }
                    let g = groupFor(UnsafeBufferPointer(key), insert: true)
                    if g == counts.count { counts.append(0) }
                    counts[g] += 1
                    groupOfRow[row] = Int32(g)
                }
            }
        }
        self.groupOfRow = groupOfRow
        var starts = [Int](repeating: 0, count: counts.count + 1)
        for g in counts.indices { starts[g + 1] = starts[g] + counts[g] }
        var fill = starts
        var rows = [Int32](repeating: 0, count: starts[counts.count])
        for row in 0..<rowCount where groupOfRow[row] >= 0 {
            let g = Int(groupOfRow[row])
            rows[fill[g]] = Int32(row)
            fill[g] += 1
        }
        self.starts = starts
        self.rows = rows
    }

    /// Orders the rows of every group by `sortKey` (ascending, ties in row
    /// order), keeping only rows where it is valid.
    func order(by sortKey: [UInt64], valid: [UInt64], signed: Bool) {
        var newRows: [Int32] = []
        newRows.reserveCapacity(rows.count)
        var newStarts = [0]
        newStarts.reserveCapacity(starts.count)
        for g in 0..<groupCount {
            var part = rows[starts[g]..<starts[g + 1]].filter { Bits.test(valid, Int($0)) }
            if signed {
                part.sort { a, b in
                    let x = Int64(bitPattern: sortKey[Int(a)]), y = Int64(bitPattern: sortKey[Int(b)])
                    return x != y ? x < y : a < b
                }
            } else {
                part.sort { a, b in
                    let x = sortKey[Int(a)], y = sortKey[Int(b)]
                    return x != y ? x < y : a < b
                }
            }
            newRows += part
            newStarts.append(newRows.count)
        }
        rows = newRows
        starts = newStarts
    }

    @inline(__always) func range(_ g: Int) -> Range<Int> { starts[g]..<starts[g + 1] }

    /// The group holding rows with these key words.
    func find(_ key: [UInt64]) -> Int? {
        let g = key.withUnsafeBufferPointer { groupFor($0, insert: false) }
        return g < 0 ? nil : g
    }

    @inline(__always) private func slot(_ h: UInt64) -> Int { Int(truncatingIfNeeded: h >> shift) }

    private func groupFor(_ key: UnsafeBufferPointer<UInt64>, insert: Bool) -> Int {
        var h: UInt64 = GroupIndex.seed
        for w in key { h = GroupIndex.combine(h, w) }
        let mask = buckets.count - 1
        var b = slot(h)
        let found: Int = buckets.withUnsafeBufferPointer { buckets in
            groupHashes.withUnsafeBufferPointer { hashes in
                groupKeys.withUnsafeBufferPointer { keys in
                    while buckets[b] >= 0 {
                        let g = Int(buckets[b])
                        if hashes[g] == h {
                            var same = true
                            let base = g * keyCount
                            for k in 0..<keyCount where keys[base + k] != key[k] { same = false; break }
                            if same { return g }
                        }
                        b = (b + 1) & mask
                    }
                    return -1
                }
            }
        }
        if found >= 0 || !insert { return found }
        let g = groupHashes.count
        buckets[b] = Int32(g)
        groupHashes.append(h)
        groupKeys.append(contentsOf: key)
        if groupHashes.count * 2 > buckets.count { rehash() }
        return g
    }

    private func rehash() {
        buckets = [Int32](repeating: -1, count: buckets.count * 2)
        shift -= 1
        let mask = buckets.count - 1
        for (g, h) in groupHashes.enumerated() {
            var b = slot(h)
            while buckets[b] >= 0 { b = (b + 1) & mask }
            buckets[b] = Int32(g)
        }
    }

    static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    static func combine(_ h: UInt64, _ v: UInt64) -> UInt64 {
        var x = (h ^ v) &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 31
        return x &* 0x94D0_49BB_1331_11EB
    }

    /// The word a key of type `physical` is grouped by: equal values, equal
    /// words. A personnummer by its ten digits; a decimal by its bits with
    /// -0 as 0.
    @inline(__always)
    static func normalised(_ word: UInt64, _ physical: PhysicalType) -> UInt64 {
        switch physical {
        case .personnummer: word & ((1 << 34) - 1)
        case .decimal: Double(bitPattern: word) == 0 ? 0 : word
        default: word
        }
    }
}
