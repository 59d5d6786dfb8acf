import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues
/// Rows grouped by equal key words: one hash table from a key to a group,
/// and each group's rows in one flat array, in row order or ordered by a
/// sort word. Searches across records, caps and measures all group with it.
/// Keys are normalised words (`GroupIndex.normalised`), so equal values
/// have equal words and hashing agrees with equality (`GroupKeys` makes
/// the words of computed keys). Groups are numbered in the order of their
/// first row, so whoever walks them `0..<groupCount` sees them in file order.
final class GroupIndex: @unchecked Sendable {
    /// Words per key: one per key column, and with `missingIsAKey` one
    /// more per 64 keys holding which keys are missing.
    let keyCount: Int
    /// The key columns. A group's key is read from its first row rather
    /// than stored (a third of the index's memory when every key is nearly
    /// unique), so the columns must stay as they are while `find` is used.
    private let columns: [KeyColumn]
    private let missingWords: Int
    /// Sized once for every candidate row in a group of its own, so
    /// building never grows or rehashes them. A bucket's group is told
    /// from another by its first row's key (no stored hash: reading it
    /// would cost the same cache miss as reading the key).
    private let buckets: UnsafeMutablePointer<Int32>
    private let bucketMask: Int
    /// Buckets are chosen by the hash's top bits (64 - shift = log2 of the bucket count).
    private let shift: UInt64
    /// The group of each row, or -1 when the row is not indexed; kept only
    /// when asked for (`keepsGroupOfRow`), as it costs 4 bytes a row.
    private(set) var groupOfRow: [Int32] = []
    /// The rows that were grouped (every key present, or missing is a key, and in `include`).
    private let candidates: [UInt64]
    private(set) var starts: [Int] = []
    /// Rows of group g: `rows[starts[g]..<starts[g+1]]`.
    private(set) var rows: [Int32] = []

    private(set) var groupCount = 0
    /// The first row of each group in file order, as the group was built.
    private(set) var firstRows: [Int32] = []

    deinit {
        buckets.deallocate()
    }

    /// One key of the rows: a column's words and validity bitmap, and how
    /// its words are normalised for grouping.
    struct KeyColumn {
        let words: CellWords
        let valid: UnsafePointer<UInt64>
        let physical: PhysicalType
    }

    /// Groups the rows by the words of `columns`, normalised; rows not in
    /// `include` are left out. A row with a missing key is left out too, or,
    /// with `missingIsAKey` (a measure's groups), grouped with the rows
    /// missing the same keys and equal in the others.
    init(rowCount: Int, columns: [KeyColumn], include: [UInt64]?, missingIsAKey: Bool = false, keepsGroupOfRow: Bool = false) {
        let missingWords = missingIsAKey ? Bits.words(columns.count) : 0
        self.missingWords = missingWords
        self.columns = columns
        keyCount = columns.count + missingWords
        var groupOfRow = [Int32](repeating: -1, count: rowCount)
        // Rows whose every key is valid, unless missing is a key (and that the filter includes).
        var candidates = include ?? Bits.all(rowCount)
        var candidateCount = 0
        for k in candidates.indices {
            if !missingIsAKey { for c in columns { candidates[k] &= c.valid[k] } }
            candidateCount += candidates[k].nonzeroBitCount
        }
        self.candidates = candidates
        // Room for every row in its own group: no rehashing while building.
        var bucketCount = 1024
        while bucketCount < candidateCount * 2 { bucketCount *= 2 }
        buckets = .allocate(capacity: bucketCount)
        buckets.initialize(repeating: -1, count: bucketCount)
        bucketMask = bucketCount - 1
        shift = UInt64(64 - bucketCount.trailingZeroBitCount)
        var counts: [Int32] = []
        counts.reserveCapacity(candidateCount)
        firstRows.reserveCapacity(candidateCount)
        var key = [UInt64](repeating: 0, count: keyCount)
        key.withUnsafeMutableBufferPointer { key in
            groupOfRow.withUnsafeMutableBufferPointer { groupOfRow in
                Bits.forEach(candidates) { row in
                    for k in 0..<columns.count {
                        key[k] = GroupIndex.normalised(columns[k].words[row], columns[k].physical)
                    }
                    if missingWords > 0 {
                        // A missing key's word is whatever was left in the cell: 0 it, and say it is missing.
                        for m in 0..<missingWords { key[columns.count + m] = 0 }
                        for k in 0..<columns.count where !Bits.test(columns[k].valid, row) {
                            key[k] = 0
                            key[columns.count + (k >> 6)] |= 1 << UInt64(k & 63)
                        }
                    }
                    let g = groupFor(UnsafeBufferPointer(key), insertingRow: row)
                    if g == counts.count { counts.append(0) }
                    counts[g] += 1
                    groupOfRow[row] = Int32(g)
                }
            }
        }
        var starts = [Int](repeating: 0, count: counts.count + 1)
        for g in counts.indices { starts[g + 1] = starts[g] + Int(counts[g]) }
        var fill = starts
        var rows = [Int32](repeating: 0, count: starts[counts.count])
        groupOfRow.withUnsafeBufferPointer { groupOfRow in
            for row in 0..<rowCount where groupOfRow[row] >= 0 {
                let g = Int(groupOfRow[row])
                rows[fill[g]] = Int32(row)
                fill[g] += 1
            }
        }
        if keepsGroupOfRow { self.groupOfRow = groupOfRow }
        self.starts = starts
        self.rows = rows
    }

    /// Orders the rows of every group by `sortKey` (ascending, ties in row
    /// order), keeping only rows where it is valid.
    func order(by sortKey: CellWords, valid: UnsafePointer<UInt64>, signed: Bool) {
        var newRows = [Int32](repeating: 0, count: rows.count)
        var newStarts = [Int](repeating: 0, count: groupCount + 1)
        // Signed words compare as unsigned ones once the sign bit is flipped.
        let flip: UInt64 = signed ? 1 << 63 : 0
        var n = 0
        rows.withUnsafeBufferPointer { rows in
            newRows.withUnsafeMutableBufferPointer { out in
                for g in 0..<groupCount {
                    let first = n
                    for i in starts[g]..<starts[g + 1] {
                        let row = rows[i]
                        if Bits.test(valid, Int(row)) { out[n] = row; n += 1 }
                    }
                    if n - first > 1 {
                        GroupIndex.sort(UnsafeMutableBufferPointer(rebasing: out[first..<n]), by: sortKey, flip: flip)
                    }
                    newStarts[g + 1] = n
                }
            }
        }
        newRows.removeLast(newRows.count - n)
        rows = newRows
        starts = newStarts
    }

    /// Sorts rows (ascending row numbers) by their key word, ties in row
    /// order. Most groups are a few rows: those take an insertion sort.
    private static func sort(_ part: UnsafeMutableBufferPointer<Int32>, by key: CellWords, flip: UInt64) {
        var part = part
        if part.count <= 16 {
            for i in 1..<part.count {
                let row = part[i], k = key[Int(row)] ^ flip
                var j = i
                while j > 0, key[Int(part[j - 1])] ^ flip > k {
                    part[j] = part[j - 1]
                    j -= 1
                }
                part[j] = row
            }
            return
        }
        part.sort { a, b in
            let x = key[Int(a)] ^ flip, y = key[Int(b)] ^ flip
            return x != y ? x < y : a < b
        }
    }

    @inline(__always) func range(_ g: Int) -> Range<Int> { starts[g]..<starts[g + 1] }

    /// The group holding rows with these key words.
    func find(_ key: [UInt64]) -> Int? {
        let g = key.withUnsafeBufferPointer { groupFor($0, insertingRow: nil) }
        return g < 0 ? nil : g
    }

    @inline(__always) private func slot(_ h: UInt64) -> Int { Int(truncatingIfNeeded: h >> shift) }

    /// The group with these key words, or -1; with `insertingRow`, a new
    /// group whose first row that is when there is none.
    private func groupFor(_ key: UnsafeBufferPointer<UInt64>, insertingRow row: Int?) -> Int {
        var h: UInt64 = GroupIndex.seed
        for w in key { h = GroupIndex.combine(h, w) }
        var b = slot(h)
        while buckets[b] >= 0 {
            let g = Int(buckets[b])
            if hasKey(g, key) { return g }
            b = (b + 1) & bucketMask
        }
        guard let row else { return -1 }
        let g = groupCount
        buckets[b] = Int32(g)
        firstRows.append(Int32(row))
        groupCount += 1
        return g
    }

    /// Whether `row` is one of the rows of group `g`.
    func contains(_ row: Int, inGroup g: Int) -> Bool {
        guard Bits.test(candidates, row) else { return false }
        let first = Int(firstRows[g])
        for c in columns {
            let present = Bits.test(c.valid, row)
            guard present == Bits.test(c.valid, first) else { return false }
            if present, GroupIndex.normalised(c.words[row], c.physical) != GroupIndex.normalised(c.words[first], c.physical) { return false }
        }
        return true
    }

    /// Whether group `g`'s key (its first row's) is `key`.
    @inline(__always) private func hasKey(_ g: Int, _ key: UnsafeBufferPointer<UInt64>) -> Bool {
        let row = Int(firstRows[g])
        var missing: UInt64 = 0
        for k in 0..<columns.count {
            let c = columns[k]
            let present = Bits.test(c.valid, row)
            if (present ? GroupIndex.normalised(c.words[row], c.physical) : 0) != key[k] { return false }
            if !present { missing |= 1 << UInt64(k & 63) }
            if missingWords > 0, k & 63 == 63 || k == columns.count - 1 {
                if key[columns.count + (k >> 6)] != missing { return false }
                missing = 0
            }
        }
        return true
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
