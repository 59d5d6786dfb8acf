/// The generator's random numbers: xoshiro256** (Blackman & Vigna), seeded
/// through SplitMix64. Written here rather than taken from the standard
/// library so that the same seed gives the same bytes on every platform and
/// Swift version.
struct GenerateRandom {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    init(seed: UInt64) {
        var mix = SplitMix64(seed)
        s0 = mix.next(); s1 = mix.next(); s2 = mix.next(); s3 = mix.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the one state xoshiro cannot leave
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = (s1 &* 5).rotatedLeft(7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(45)
        return result
    }

    /// Uniform in `0..<n` (Lemire's multiply-shift; the tiny bias of skipping
    /// the rejection step is irrelevant for test data). `n` must be positive.
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: UInt64(n).multipliedFullWidth(by: next()).high)
    }

    /// Uniform in `low...high`.
    @inline(__always)
    mutating func between(_ low: Int, _ high: Int) -> Int {
        low + below(high - low + 1)
    }

    /// True with probability `p` (0...1).
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < p
    }

    /// One element of a non-empty array.
    @inline(__always)
    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }
}

/// SplitMix64: seeds xoshiro, and hashes a number to stable traits (a
/// patient's home unit, a unit's habits) without keeping any table.
struct SplitMix64 {
    private var state: UInt64

    init(_ seed: UInt64) { state = seed }

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A stable hash of (a, b): the same inputs give the same value.
    @inline(__always)
    static func hash(_ a: UInt64, _ b: UInt64) -> UInt64 {
        mix(a &* 0x9E37_79B9_7F4A_7C15 ^ mix(b &+ 0x632B_E59B_D9B4_E019))
    }
}

extension UInt64 {
    @inline(__always)
    func rotatedLeft(_ k: UInt64) -> UInt64 { (self << k) | (self >> (64 - k)) }
}

/// A weighted choice among a few codes, e.g. contact types with their shares.
struct WeightedChoice<T> {
    let items: [T]
    let cumulative: [Int]
    let total: Int

    init(_ pairs: [(T, Int)]) {
        items = pairs.map(\.0)
        var sum = 0
        cumulative = pairs.map {
            sum += $0.1; return sum
        }
        total = sum
    }

    @inline(__always)
    func pick(_ rng: inout GenerateRandom) -> T {
        let r = rng.below(total)
        var i = 0
        while cumulative[i] <= r { i += 1 }
        return items[i]
    }
}

extension WeightedChoice: Sendable where T: Sendable {}
