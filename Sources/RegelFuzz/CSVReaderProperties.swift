import RegelData

/// The bytes as a CSV export: read as UTF-8 and as Windows-1252, with the
/// delimiter detected and forced, and after the encoding is decided as
/// `validate` decides it.
enum CSVReaderProperties {
    static func check(_ bytes: [UInt8]) throws(FuzzFailure) {
        let source = DataSource(name: "fuzz.csv", bytes: bytes)
        for delimiter: UInt8? in [nil, UInt8(ascii: ";"), UInt8(ascii: "\t")] {
            var forced = source
            forced.delimiter = delimiter
            try RecordReading.check(forced, .csv, .utf8)
        }
        try RecordReading.check(source, .csv, .windows1252)
        if let decoded = try? InputDecoding.utf8(source) {
            try RecordReading.check(decoded.source, .csv, .utf8)
        }
    }
}
