import RegelData

/// Properties both readers share: every record is read once, in line order,
/// with a cell for every selected column; both ways of reading a record give
/// the same cells; choosing columns picks exactly those cells.
enum RecordReading {
    /// A record as the properties compare it: which problem, not its wording
    /// (a record with several bad cells names the first one selected).
    struct Record: Equatable {
        var line: Int
        var cells: [Cell]
        var problem: RecordProblem.Kind?
    }

    /// Collects a record's cells from the fast path (`next(into:)`).
    struct CellCollector: CellSink {
        var cells: [Cell]

        mutating func cell(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
            cells[index] = .text(String(decoding: bytes, as: UTF8.self))
        }

        mutating func list(_ index: Int, _ items: [String]) { cells[index] = .list(items) }
    }

    static func check(_ source: DataSource, _ format: RecordFormat, _ encoding: TextEncoding) throws(FuzzFailure) {
        let reader: RecordReader
        do {
            reader = try RecordReader(source: source, format: format, encoding: encoding)
        } catch {
            try require(!error.message.isEmpty && error.line >= 1, "a header problem without a message or line: \(error)")
            return
        }
        let records = try readAll(reader, source)
        let header = reader.header

        var fast = reader
        var fastRecords: [Record] = []
        while true {
            var collector = CellCollector(cells: Array(repeating: .missing, count: header.count))
            guard let head = fast.next(into: &collector) else { break }
            fastRecords.append(Record(line: head.line, cells: collector.cells, problem: head.problem?.kind))
        }
        try require(fastRecords == records, "next(into:) and next() read different records: \(difference(fastRecords, records))")

        // The columns backwards, one named twice, and one the input lacks.
        var absent = "saknad_kolumn"
        while header.contains(absent) { absent += "_" }
        let selected = header.reversed() + [absent] + header.prefix(1)
        let chosen: RecordReader
        do {
            chosen = try RecordReader(source: source, format: format, encoding: encoding, select: selected)
        } catch {
            throw FuzzFailure("the header reads without `select` but not with it: \(error)")
        }
        try require(chosen.missingColumns == [absent], "missing columns \(chosen.missingColumns), expected [\(absent)]")
        let chosenRecords = try readAll(chosen, source)
        let expected = records.map { r in
            Record(line: r.line, cells: r.cells.reversed() + [.missing] + r.cells.prefix(1), problem: r.problem)
        }
        try require(chosenRecords == expected, "selecting columns changed the records: \(difference(chosenRecords, expected))")
    }

    static func readAll(_ reader: RecordReader, _ source: DataSource) throws(FuzzFailure) -> [Record] {
        var reader = reader
        var records: [Record] = []
        var consumed = reader.consumedBytes
        while let raw = reader.next() {
            try require(raw.cells.count == reader.selected.count, "line \(raw.line): \(raw.cells.count) cells for \(reader.selected.count) columns")
            if let last = records.last {
                try require(raw.line > last.line, "line \(raw.line) read after line \(last.line)")
            }
            try require(raw.line >= 1, "a record on line \(raw.line)")
            if let problem = raw.problem {
                try require(
                    !problem.message.isEmpty && problem.line == raw.line, "line \(raw.line): a problem without a message, or on another line: \(problem)")
            }
            try require(
                reader.consumedBytes > consumed && reader.consumedBytes <= source.bytes.count,
                "line \(raw.line): the reader went from byte \(consumed) to \(reader.consumedBytes) of \(source.bytes.count)")
            consumed = reader.consumedBytes
            records.append(Record(line: raw.line, cells: raw.cells, problem: raw.problem?.kind))
        }
        try require(reader.consumedBytes == source.bytes.count, "reading stopped at byte \(reader.consumedBytes) of \(source.bytes.count)")
        return records
    }

    static func difference(_ a: [Record], _ b: [Record]) -> String {
        guard a.count == b.count else { return "\(a.count) records against \(b.count)" }
        guard let i = a.indices.first(where: { a[$0] != b[$0] }) else { return "none" }
        return "record \(i + 1): \(a[i]) against \(b[i])"
    }
}
