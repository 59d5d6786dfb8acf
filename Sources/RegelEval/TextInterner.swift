/// Gives one shared `String` for repeated cell text (a unit's name appears
/// on thousands of rows), found by hashing the bytes: no allocation for a
/// text seen before. A column whose text hardly repeats (an id) stops
/// being interned after a sample, since it would only fill the table.
struct TextInterner {
    private var slots = [Int32](repeating: -1, count: 1024)
    private var strings: [String] = []
    private var hashes: [UInt64] = []
    private(set) var lookups = 0
    private(set) var hits = 0

    /// Interning pays when most lookups hit.
    var isWorthIt: Bool { lookups < 2048 || hits * 2 > lookups }

    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        lookups += 1
        let h = TextInterner.hash(bytes)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 {
            let e = Int(slots[i])
            if hashes[e] == h, TextInterner.equal(&strings[e], bytes) {
                hits += 1
                return strings[e]
            }
            i = (i + 1) & mask
        }
        let s = String(decoding: bytes, as: UTF8.self)
        slots[i] = Int32(strings.count)
        strings.append(s)
        hashes.append(h)
        if strings.count * 2 > slots.count { rehash() }
        return s
    }

    private mutating func rehash() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (e, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(e)
        }
    }

    private static func equal(_ s: inout String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        s.withUTF8 { u in u.count == bytes.count && u.elementsEqual(bytes) }
    }

    /// FNV-1a over the bytes, then mixed.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        h ^= h >> 29
        return h &* 0xBF58_476D_1CE4_E5B9
    }
}
