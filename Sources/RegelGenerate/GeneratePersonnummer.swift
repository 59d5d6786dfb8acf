import RegelBuiltins

/// Makes a valid personnummer for each patient number: a real birth date in
/// 1930–2022, a birth number 001–999 and the Luhn check digit over
/// YYMMDDNNN. About one patient in 250 gets a samordningsnummer (day + 60).
///
/// Patient numbers map to distinct numbers (an affine permutation of
/// birth date × birth number, about 33 million of them), so a file's
/// patients are distinct people without a table of the numbers used.
struct PersonnummerMaker {
    private let firstBirth: Int32
    private let birthDays: UInt64
    private let modulus: UInt64
    private let multiplier: UInt64
    private let offset: UInt64
    private let seed: UInt64

    init(seed: UInt64) {
        let first = Day(year: 1930, month: 1, day: 1)!.ordinal
        let last = Day(year: 2022, month: 12, day: 31)!.ordinal
        firstBirth = first
        birthDays = UInt64(last - first + 1)
        modulus = birthDays * 999
        var m = (SplitMix64.hash(seed, 0x504E_52) % modulus) | 1
        while PersonnummerMaker.gcd(m, modulus) != 1 { m += 2 }
        multiplier = m
        offset = SplitMix64.hash(seed, 0x4F_4646) % modulus
        self.seed = seed
    }

    /// The twelve digits YYYYMMDDNNNC as one number.
    @inline(__always)
    func make(_ patient: Int) -> UInt64 {
        let x = (UInt64(patient) % modulus).multipliedFullWidth(by: multiplier)
        let (_, r) = modulus.dividingFullWidth((x.high, x.low))
        let v = (r + offset) % modulus
        let birth = Day(ordinal: firstBirth + Int32(v % birthDays))
        let serial = v / birthDays + 1
        let (y, mo, d) = birth.components
        let day = SplitMix64.hash(seed, UInt64(patient)) % 250 == 0 ? d + 60 : d
        let nine = UInt64(y % 100) * 10_000_000 + UInt64(mo) * 100_000 + UInt64(day) * 1000 + serial
        return (UInt64(y / 100) * 1_000_000_000 + nine) * 10 + UInt64(Personnummer.luhnCheckDigit(nine))
    }

    private static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
