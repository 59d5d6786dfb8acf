/// Reads the records of a CSV or JSON Lines input as raw text cells of the
/// selected columns. Problems with single records are reported on those
/// records (see `RawRecord.problem`) and reading goes on; only an input whose
/// header cannot be read at all makes `init` throw.
public struct RecordReader: Sendable, IteratorProtocol, Sequence {
    public let format: RecordFormat
    // Exactly one is set. Kept as optionals (not an enum with payloads) so that
    // `next()` mutates the reader in place instead of copying its buffers.
    var csvReader: CSVRecordReader?
    var jsonLinesReader: JSONLinesReader?
    /// What this reader has read and not yet added to `progress`.
    private let progress: ReadProgress?
    private var unreportedRecords = 0
    private var reportedBytes = 0

    /// - Parameters:
    ///   - format: `nil` guesses from the name and content (`RecordFormat.guess`).
    ///   - select: the columns to return, in this order; `nil` means all of
    ///     `header`. Names the input lacks come back as `.missing` cells and are
    ///     listed in `missingColumns`.
    public init(
        source: DataSource, format: RecordFormat? = nil, encoding: TextEncoding = .utf8,
        select: [String]? = nil
    ) throws(HeaderProblem) {
        let format = format ?? RecordFormat.guess(name: source.name, bytes: source.bytes)
        self.format = format
        switch format {
        case .csv: csvReader = try CSVRecordReader(source: source, encoding: encoding, select: select)
        case .jsonLines: jsonLinesReader = try JSONLinesReader(source: source, encoding: encoding, select: select)
        }
        progress = source.progress
    }

    /// CSV: the header row (byte order mark stripped, cells unquoted, spaces
    /// around names trimmed). JSON Lines: every key in the file, in order of
    /// first appearance.
    public var header: [String] { csvReader?.header ?? jsonLinesReader?.header ?? [] }

    /// `select` if given, else `header`; `RawRecord.cells` is parallel to it.
    public var selected: [String] { csvReader?.selected ?? jsonLinesReader?.selected ?? [] }

    /// Names in `select` that are not in the header.
    public var missingColumns: [String] { csvReader?.missingColumns ?? jsonLinesReader?.missingColumns ?? [] }

    /// CSV only: the detected delimiter, `,` or `;`.
    public var delimiter: UInt8? { csvReader?.delimiter }

    /// Readers for about `n` consecutive parts of the records not yet read,
    /// for reading in parallel (CSV in UTF-8 only; otherwise just this
    /// reader). Each part must be confirmed with `endedCleanly` after it is
    /// read: a stray quote can put a cut inside a record.
    public func parts(_ n: Int) -> [RecordReader] {
        guard let csvReader, csvReader.encoding == .utf8 else { return [self] }
        return csvReader.parts(n).enumerated().map { i, part in
            var reader = self
            reader.csvReader = part
            // The first part also counts what was read before it (the header).
            if i > 0 { reader.reportedBytes = part.consumed }
            return reader
        }
    }

    /// The part was read to its end and finished exactly there.
    public var endedCleanly: Bool {
        guard let csvReader else { return true }
        return csvReader.consumed == csvReader.end
    }

    /// How far into the input the reader has come: the bytes before this
    /// offset will not be read again (see `ByteStorage.release(upTo:)`).
    public var consumedBytes: Int { csvReader?.consumed ?? jsonLinesReader?.consumed ?? 0 }

    /// The next record, or `nil` at the end of the input.
    public mutating func next() -> RawRecord? {
        let record = csvReader != nil ? csvReader!.next() : jsonLinesReader!.next()
        count(record != nil)
        return record
    }

    /// Adds to `progress` every 4096 records and at the end.
    @inline(__always)
    mutating func count(_ read: Bool) {
        guard let progress else { return }
        if read { unreportedRecords += 1 }
        if unreportedRecords >= 4096 || !read {
            progress.add(records: unreportedRecords, bytes: consumedBytes - reportedBytes)
            reportedBytes = consumedBytes
            unreportedRecords = 0
        }
    }
}
