import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues
import Foundation

/// Every text cell of a table, stored once in one byte arena and named by a
/// 32-bit id: equal text has the same id, so comparing and hashing text is
/// comparing and hashing a word. Read-only once the table is loaded, so
/// batches on several cores can look constants up without locks.
final class TextDictionary: @unchecked Sendable {
    /// The entries' bytes, one after another; entry `id` is
    /// `arena[starts[id]..<starts[id + 1]]`. Buffers are managed by hand: an
    /// export interns one or two cells of every record, and a Swift array's
    /// uniqueness and capacity checks on each of four arrays were most of
    /// the cost of interning.
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity: Int
    private var starts: UnsafeMutablePointer<Int>
    private var hashes: UnsafeMutablePointer<UInt64>
    private var entryCapacity: Int
    /// Open addressing: an entry's id, or -1; a power of two, at most half full.
    private var slots: UnsafeMutablePointer<Int32>
    private var slotCount: Int

    private(set) var count = 0
    /// False for a column whose text is only ever shown (a record's `id`):
    /// every cell is appended as it is, with no hashing and no lookup, and
    /// ids are not comparable (see `ColumnUse.textOnlyShown`).
    let deduplicates: Bool

    init(deduplicates: Bool = true) {
        self.deduplicates = deduplicates
        arenaCapacity = 4096
        arena = .allocate(capacity: arenaCapacity)
        entryCapacity = 256
        starts = .allocate(capacity: entryCapacity + 1)
        starts[0] = 0
        hashes = .allocate(capacity: entryCapacity)
        slotCount = 1024
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
    }

    deinit {
        arena.deallocate()
        starts.deallocate()
        hashes.deallocate()
        slots.deallocate()
    }

    func intern(_ text: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard deduplicates else { return append(text) }
        let h = TextDictionary.hash(text)
        let (slot, found) = probe(text, h)
        if let found { return UInt32(found) }
        let id = count
        if id == entryCapacity { growEntries() }
        if arenaCount + text.count > arenaCapacity { growArena(arenaCount + text.count) }
        if let base = text.baseAddress, text.count > 0 { (arena + arenaCount).update(from: base, count: text.count) }
        arenaCount += text.count
        slots[slot] = Int32(id)
        hashes[id] = h
        starts[id + 1] = arenaCount
        count += 1
        if count * 2 > slotCount { rehash() }
        return UInt32(id)
    }

    private func append(_ text: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let id = count
        if id == entryCapacity { growEntries() }
        if arenaCount + text.count > arenaCapacity { growArena(arenaCount + text.count) }
        if let base = text.baseAddress, text.count > 0 { (arena + arenaCount).update(from: base, count: text.count) }
        arenaCount += text.count
        starts[id + 1] = arenaCount
        count += 1
        return UInt32(id)
    }

    func intern(_ text: String) -> UInt32 {
        var text = text
        return text.withUTF8 { intern($0) }
    }

    /// The id of `text` if some cell holds it.
    func lookup(_ text: String) -> UInt32? {
        var text = text
        return text.withUTF8 { buffer in probe(buffer, TextDictionary.hash(buffer)).found.map(UInt32.init) }
    }

    /// The entry holding `text` (hash `h`), or the empty slot where it would go.
    @inline(__always)
    private func probe(_ text: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> (slot: Int, found: Int?) {
        let mask = slotCount - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 {
            let e = Int(slots[i])
            if hashes[e] == h, equal(e, text) { return (i, e) }
            i = (i + 1) & mask
        }
        return (i, nil)
    }

    /// The bytes of entry `id`, valid until the next `intern`.
    private func entry(_ id: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: arena + starts[id], count: starts[id + 1] - starts[id])
    }

    func string(_ id: UInt32) -> String {
        String(decoding: entry(Int(id)), as: UTF8.self)
    }

    /// Byte order of two entries, as `Value.compare` orders text.
    func compare(_ a: UInt32, _ b: UInt32) -> Int {
        if a == b { return 0 }
        let x = entry(Int(a)), y = entry(Int(b))
        let n = min(x.count, y.count)
        for k in 0..<n where x[k] != y[k] {
            return x[k] < y[k] ? -1 : 1
        }
        return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
    }

    /// Ids of `other`'s entries in this dictionary, interning what is new:
    /// used when two parts of one input, read on two cores, are joined.
    func absorb(_ other: TextDictionary) -> [UInt32] {
        (0..<other.count).map { id in intern(other.entry(id)) }
    }

    private func equal(_ e: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[e], n = starts[e + 1] - start
        guard n == text.count else { return false }
        if n == 0 { return true }
        return memcmp(arena + start, text.baseAddress!, n) == 0
    }

    private func growEntries() {
        let capacity = entryCapacity * 2
        let newStarts = UnsafeMutablePointer<Int>.allocate(capacity: capacity + 1)
        newStarts.moveInitialize(from: starts, count: count + 1)
        starts.deallocate()
        starts = newStarts
        if deduplicates {
            let newHashes = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
            newHashes.moveInitialize(from: hashes, count: count)
            hashes.deallocate()
            hashes = newHashes
        }
        entryCapacity = capacity
    }

    private func growArena(_ needed: Int) {
        var capacity = arenaCapacity * 2
        while capacity < needed { capacity *= 2 }
        let newArena = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        newArena.moveInitialize(from: arena, count: arenaCount)
        arena.deallocate()
        arena = newArena
        arenaCapacity = capacity
    }

    private func rehash() {
        slots.deallocate()
        slotCount *= 2
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
        let mask = slotCount - 1
        for e in 0..<count {
            var i = Int(truncatingIfNeeded: hashes[e]) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(e)
        }
    }

    /// Eight bytes at a time, the length mixed in first, then a final
    /// avalanche (splitmix64's).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return mix(h) }
        let raw = UnsafeRawPointer(base)
        var p = 0
        let n = bytes.count
        while n - p >= 8 {
            h = (h ^ raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 32
            p += 8
        }
        if p < n {
            var tail: UInt64 = 0
            if n >= 8 {
                // The last eight bytes, shifted so that only the unhashed ones remain.
                tail = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> UInt64((8 - (n - p)) * 8)
            } else {
                var shift: UInt64 = 0
                while p < n {
                    tail |= UInt64(base[p]) << shift
                    shift += 8
                    p += 1
                }
            }
            h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
        }
        return mix(h)
    }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
