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
    private(set) var bytes: [UInt8] = []
    /// Where entry `id` starts in `bytes`; one more entry marks the end.
    private var starts: [Int] = [0]
    private var slots = [Int32](repeating: -1, count: 1024)
    private var hashes: [UInt64] = []

    var count: Int { hashes.count }

    func intern(_ text: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let h = TextDictionary.hash(text)
        var i = Int(truncatingIfNeeded: h) & (slots.count - 1)
        while slots[i] >= 0 {
            let e = Int(slots[i])
            if hashes[e] == h, equal(e, text) { return UInt32(e) }
            i = (i + 1) & (slots.count - 1)
        }
        let id = hashes.count
        slots[i] = Int32(id)
        hashes.append(h)
        bytes.append(contentsOf: text)
        starts.append(bytes.count)
        if hashes.count * 2 > slots.count { rehash() }
        return UInt32(id)
    }

    func intern(_ text: String) -> UInt32 {
        var text = text
        return text.withUTF8 { intern($0) }
    }

    /// The id of `text` if some cell holds it.
    func lookup(_ text: String) -> UInt32? {
        var text = text
        return text.withUTF8 { buffer -> UInt32? in
            let h = TextDictionary.hash(buffer)
            var i = Int(truncatingIfNeeded: h) & (slots.count - 1)
            while slots[i] >= 0 {
                let e = Int(slots[i])
                if hashes[e] == h, equal(e, buffer) { return UInt32(e) }
                i = (i + 1) & (slots.count - 1)
            }
            return nil
        }
    }

    func string(_ id: UInt32) -> String {
        let id = Int(id)
        return bytes.withUnsafeBufferPointer { b in
            String(decoding: UnsafeBufferPointer(rebasing: b[starts[id]..<starts[id + 1]]), as: UTF8.self)
        }
    }

    /// Byte order of two entries, as `Value.compare` orders text.
    func compare(_ a: UInt32, _ b: UInt32) -> Int {
        if a == b { return 0 }
        let x = starts[Int(a)]..<starts[Int(a) + 1], y = starts[Int(b)]..<starts[Int(b) + 1]
        return bytes.withUnsafeBufferPointer { buf in
            let n = min(x.count, y.count)
            for k in 0..<n where buf[x.lowerBound + k] != buf[y.lowerBound + k] {
                return buf[x.lowerBound + k] < buf[y.lowerBound + k] ? -1 : 1
            }
            return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
        }
    }

    /// Ids of `other`'s entries in this dictionary, interning what is new:
    /// used when two parts of one input, read on two cores, are joined.
    func absorb(_ other: TextDictionary) -> [UInt32] {
        other.bytes.withUnsafeBufferPointer { b in
            (0..<other.count).map { id in intern(UnsafeBufferPointer(rebasing: b[other.starts[id]..<other.starts[id + 1]])) }
        }
    }

    private func equal(_ e: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[e], n = starts[e + 1] - start
        guard n == text.count else { return false }
        if n == 0 { return true }
        return bytes.withUnsafeBufferPointer { b in memcmp(b.baseAddress! + start, text.baseAddress!, n) == 0 }
    }

    private func rehash() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (e, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(e)
        }
    }

    /// FNV-1a over the bytes, then mixed.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        h ^= h >> 29
        return h &* 0xBF58_476D_1CE4_E5B9
    }
}
