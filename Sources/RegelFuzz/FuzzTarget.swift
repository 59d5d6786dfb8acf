/// The fuzz targets: each takes arbitrary bytes, must not crash on any of
/// them, and checks properties that hold for every input (Tests/fuzz/run.sh
/// builds one libFuzzer executable per target; docs/robustness.md).
package enum FuzzTarget: String, CaseIterable, Sendable {
    /// The bytes as a rule file: lexer, parser, checker, embedded tests, formatter round trip.
    case rules
    /// The bytes as a CSV export, read in every encoding and delimiter.
    case csv
    /// The bytes as a JSON Lines export.
    case jsonl
    /// The bytes as a CSV export validated end to end against a small fixed ruleset.
    case validate

    package func check(_ bytes: [UInt8]) throws(FuzzFailure) {
        switch self {
        case .rules: try RuleFileRoundTrip.check(bytes)
        case .csv: try CSVReaderProperties.check(bytes)
        case .jsonl: try JSONLinesReaderProperties.check(bytes)
        case .validate: try ValidationProperties.check(bytes)
        }
    }

    /// The body of `LLVMFuzzerTestOneInput`: a property that fails stops the
    /// process with a message, which libFuzzer reports as a crash and keeps.
    package func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        do {
            try check(bytes)
        } catch {
            fatalError("fuzz target \(rawValue): \(error.description)")
        }
        return 0
    }
}
