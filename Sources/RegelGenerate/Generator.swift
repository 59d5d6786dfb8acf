#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif
import RegelBuiltins
import RegelData

/// Realistic synthetic exports for the shipped contracts
/// (../shared/contracts/README.md): `regelverk generate`, the benchmark
/// and tests use it.
///
/// The same contract, number of records, seed and format give the same
/// bytes on every run and platform. Rows are streamed in chunks of a few
/// MiB, so memory does not grow with the number of records.
public enum DataGenerator {
    /// The contracts it can write, by ruleset name.
    public static let contracts = [
        "skane-distans", "stockholm-rehab", "vgr-primar-sekundar", "skr-aterbesok",
        "vgr-oppenvardsprocess"
    ]

    public static let defaultSeed: UInt64 = 20240611

    /// Changes whenever the bytes written for a given seed change, so that
    /// files cached under a name with it (the benchmark's) are not stale.
    public static let version = 1

    /// The columns of a contract, in the order written; nil for an unknown name.
    public static func columns(of contract: String) -> [String]? {
        switch contract {
        case "skane-distans": SkaneDistansModel.columns
        case "stockholm-rehab": StockholmRehabModel.columns
        case "vgr-primar-sekundar": VgrPrimarSekundarModel.columns
        case "skr-aterbesok": SkrAterbesokModel.columns
        case "vgr-oppenvardsprocess": VgrOppenvardsprocessModel.columns
        default: nil
        }
    }

    /// The dates the records of a contract span by default (each starts at
    /// the shipped ruleset's effective date or later, so every record is judged).
    public static func defaultDates(of contract: String) -> ClosedRange<Day>? {
        switch contract {
        case "skane-distans", "skr-aterbesok", "vgr-oppenvardsprocess":
            Day(year: 2022, month: 1, day: 1)!...Day(year: 2025, month: 12, day: 31)!
        case "stockholm-rehab":
            Day(year: 2023, month: 4, day: 27)!...Day(year: 2025, month: 12, day: 31)!
        case "vgr-primar-sekundar":
            Day(year: 2024, month: 6, day: 20)!...Day(year: 2025, month: 12, day: 31)!
        default: nil
        }
    }

    /// Writes a header (CSV) and exactly `records` rows, handing the bytes
    /// to `write` in chunks; `write` returns false to report a failed write,
    /// which stops the run with an error. `dates` narrows the records' dates
    /// (the date field of the contract).
    public static func generate(
        contract: String, records: Int, seed: UInt64 = defaultSeed,
        format: GenerateFormat = .csv, dates: ClosedRange<Day>? = nil,
        write: @escaping (UnsafeRawBufferPointer) -> Bool
    ) throws(GenerateError) {
        guard let columns = columns(of: contract), let range = dates ?? defaultDates(of: contract) else {
            throw GenerateError("no generator for the ruleset `\(contract)`; choose one of \(contracts.joined(separator: ", "))")
        }
        guard records >= 0 else { throw GenerateError("the number of records must be 0 or more") }
        let texts = DateTexts(from: range.lowerBound.adding(days: -400), through: range.upperBound.adding(days: 400))
        var out = GenerateRowWriter(format: format, columns: columns, limit: records, dates: texts, sink: write)
        var rng = GenerateRandom(seed: SplitMix64.hash(seed, fnv1a(contract)))
        let first = range.lowerBound, last = range.upperBound
        switch contract {
        case "skane-distans":
            var m = SkaneDistansModel(records: records, seed: seed, firstDay: first, lastDay: last)
            GenerateSchedule.run(&m, rng: &rng, out: &out)
        case "stockholm-rehab":
            var m = StockholmRehabModel(records: records, seed: seed, firstDay: first, lastDay: last)
            GenerateSchedule.run(&m, rng: &rng, out: &out)
        case "vgr-primar-sekundar":
            var m = VgrPrimarSekundarModel(records: records, seed: seed, firstDay: first, lastDay: last)
            GenerateSchedule.run(&m, rng: &rng, out: &out)
        case "skr-aterbesok":
            var m = SkrAterbesokModel(records: records, seed: seed, firstDay: first, lastDay: last)
            GenerateSchedule.run(&m, rng: &rng, out: &out)
        default:
            var m = VgrOppenvardsprocessModel(records: records, seed: seed, firstDay: first, lastDay: last)
            GenerateSchedule.run(&m, rng: &rng, out: &out)
        }
        out.finish()
        if out.failed { throw GenerateError("could not write the records (is the disk full?)") }
        if out.rows != records {
            throw GenerateError("wrote \(out.rows) records instead of \(records); try a wider date range")
        }
    }

    /// Writes to a file (created or replaced), or to standard output for `-`.
    public static func generate(
        contract: String, records: Int, seed: UInt64 = defaultSeed,
        format: GenerateFormat = .csv, dates: ClosedRange<Day>? = nil,
        toFile path: String
    ) throws(GenerateError) {
        if path == "-" {
            var reason = ""
            do throws(GenerateError) {
                try generate(contract: contract, records: records, seed: seed, format: format, dates: dates) { chunk in
                    if writeAll(1, chunk) { return true }
                    reason = String(cString: strerror(errno))
                    return false
                }
            } catch {
                throw reason.isEmpty ? error : GenerateError("cannot write to standard output: \(reason)")
            }
            return
        }
        let file: OutputFile
        do { file = try OutputFile(path: path) } catch { throw GenerateError(error.description) }
        let failure = FailureBox()
        do throws(GenerateError) {
            try generate(contract: contract, records: records, seed: seed, format: format, dates: dates) { chunk in
                do throws(OutputFileError) { try file.write(chunk) } catch { failure.error = error; return false }
                return true
            }
        } catch {
            throw failure.error.map { GenerateError($0.description) } ?? error
        }
        do { try file.commit() } catch { throw GenerateError(error.description) }
    }

    private final class FailureBox: @unchecked Sendable { var error: OutputFileError? }

    /// The whole file in memory (for tests and small samples).
    public static func bytes(
        contract: String, records: Int, seed: UInt64 = defaultSeed,
        format: GenerateFormat = .csv, dates: ClosedRange<Day>? = nil
    ) throws(GenerateError) -> [UInt8] {
        let box = ByteBox()
        try generate(contract: contract, records: records, seed: seed, format: format, dates: dates) { chunk in
            box.bytes.append(contentsOf: chunk)
            return true
        }
        return box.bytes
    }

    private final class ByteBox: @unchecked Sendable { var bytes: [UInt8] = [] }

    private static func writeAll(_ fd: Int32, _ chunk: UnsafeRawBufferPointer) -> Bool {
        guard var p = chunk.baseAddress else { return true }
        var left = chunk.count
        while left > 0 {
            let n = write(fd, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            p += n
            left -= n
        }
        return true
    }

    private static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }
}

/// Why `generate` could not write the records.
public struct GenerateError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
