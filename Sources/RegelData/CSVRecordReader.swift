import RegelBuiltins

/// Reads CSV records as text cells of the selected columns.
/// `@unchecked`: the byte buffer is immutable and kept alive by `storage`.
struct CSVRecordReader: @unchecked Sendable {
    let header: [String]
    let selected: [String]
    let missingColumns: [String]
    let delimiter: UInt8

    private(set) var bytes: UnsafeBufferPointer<UInt8>
    /// Keeps `bytes` alive.
    let storage: ByteStorage
    let encoding: TextEncoding
    /// The whole input is valid UTF-8: cells need no check of their own.
    let isKnownValidUTF8: Bool
    /// For each selected column, its index in the header, or `nil` when the
    /// header does not have it.
    let selectedColumnIndices: [Int?]
    var scanner: CSVScanner
    /// Bytes before this offset have been read.
    var consumed: Int { scanner.position }

    init(source: DataSource, encoding: TextEncoding, select: [String]?) throws(HeaderProblem) {
        bytes = source.bytes
        storage = source.storage
        self.encoding = encoding
        isKnownValidUTF8 = source.isKnownValidUTF8 && encoding == .utf8
        let start = ByteOrderMark.length(in: bytes)
        let detected = source.delimiter ?? bytes.withUnsafeBufferPointer { CSVScanner.detectDelimiter(in: $0, from: start) }
        delimiter = detected
        scanner = CSVScanner(delimiter: detected, position: start)

        let header = try Self.readHeader(bytes: bytes, scanner: &scanner, encoding: encoding)
        self.header = header
        let selected = select ?? header
        self.selected = selected
        var indexByName: [String: Int] = [:]
        for (index, name) in header.enumerated() { indexByName[name] = index }
        selectedColumnIndices = selected.map { indexByName[source.columnAliases[$0] ?? $0] }
        var missing: [String] = []
        for name in selected where indexByName[source.columnAliases[name] ?? name] == nil && !missing.contains(name) {
            missing.append(name)
        }
        missingColumns = missing
    }

    private static func readHeader(bytes: UnsafeBufferPointer<UInt8>, scanner: inout CSVScanner, encoding: TextEncoding) throws(HeaderProblem) -> [String] {
        let result: Result<[String], HeaderProblem> = bytes.withUnsafeBufferPointer { buffer in
            guard let record = scanner.scanRecord(in: buffer) else {
                return .failure(HeaderProblem(message: "the file is empty; expected a header row with the column names", line: 1))
            }
            if case .tooLong = record.outcome {
                return .failure(
                    HeaderProblem(
                        message: "the header row is longer than \(RecordLength.limitText), the most one record may have; check that the file is a CSV export",
                        line: record.startLine))
            }
            if case .unterminatedQuote(let fieldIndex) = record.outcome {
                return .failure(
                    HeaderProblem(
                        message: "column \(fieldIndex + 1) of the header row opens a quote (\") that is never closed; fix the quotes in the header",
                        line: record.startLine))
            }
            var names: [String] = []
            for (index, span) in scanner.spans.enumerated() {
                let text = scanner.scratch.withUnsafeBufferPointer { scratch in
                    let source = span.isInScratch ? scratch : buffer
                    return TextDecoding.decode(UnsafeBufferPointer(rebasing: source[span.start..<span.end]), encoding: encoding)
                }
                guard let text else {
                    return .failure(
                        HeaderProblem(
                            message:
                                "column \(index + 1) of the header row is not valid UTF-8; if the file was saved as Latin-1 or ANSI (common for Excel on "
                                + "Windows), use --encoding windows1252",
                            line: record.startLine))
                }
                names.append(trimmingSpaces(text))
            }
            // Excel ends every row with the delimiter when a column after the last is formatted:
            // unnamed columns at the end are no columns (their cells must be empty, see `fieldCountFits`).
            while names.count > 1, names.last?.isEmpty == true { names.removeLast() }
            if let problem = problemWithNames(names, line: record.startLine) { return .failure(problem) }
            return .success(names)
        }
        return try result.get()
    }

    private static func problemWithNames(_ names: [String], line: Int) -> HeaderProblem? {
        let unnamed = names.indices.filter { names[$0].isEmpty }
        if !unnamed.isEmpty {
            let which = unnamed.map { String($0 + 1) }.joined(separator: ", ")
            let message =
                unnamed.count == 1
                ? "column \(which) of the header row has no name; give every column a name"
                : "columns \(which) of the header row have no name; give every column a name"
            return HeaderProblem(message: message, line: line)
        }
        var firstIndex: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if let first = firstIndex[name] {
                return HeaderProblem(
                    message: "the column name '\(name)' appears twice in the header row (columns \(first + 1) and \(index + 1)); rename one of them",
                    line: line)
            }
            firstIndex[name] = index
        }
        return nil
    }

    private static func trimmingSpaces(_ text: String) -> String {
        guard let first = text.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = text.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(text[first...last])
    }

    mutating func next() -> RawRecord? {
        let bytes = self.bytes
        return bytes.withUnsafeBufferPointer { buffer in
            guard let record = scanner.scanRecord(in: buffer) else { return nil }
            if case .tooLong(let lastLine) = record.outcome {
                return RawRecord(
                    line: record.startLine, cells: [Cell](repeating: .missing, count: selected.count),
                    problem: tooLongProblem(record, lastLine: lastLine))
            }
            if case .unterminatedQuote(let fieldIndex) = record.outcome {
                let problem = RecordProblem(
                    kind: .unterminatedQuote, line: record.startLine,
                    message:
                        "\(columnDescription(fieldIndex)) opens a quote (\") that is never closed, so the rest of the file would be one cell; close the quote, "
                        + "or double it (\"\") if it is part of the text"
                )
                return reReadFirstLine(of: record, reporting: problem, in: buffer)
            }
            if let quote = record.firstMultilineQuote,
                quote.hasTextAfterClosingQuote || !fieldCountFits
            {
                return reReadFirstLine(of: record, reporting: strayQuoteProblem(record, quote), in: buffer)
            }
            var (cells, problem) = makeCells(line: record.startLine, buffer: buffer)
            if !fieldCountFits {
                problem = wrongFieldCount(record)
            }
            return RawRecord(line: record.startLine, cells: cells, problem: problem)
        }
    }

    /// Reports a record spoiled by a quote, fills its cells from its first
    /// line read with quotes as plain text (so the caller can show an id), and
    /// continues with the line after the one the record started on, so that a
    /// stray quote does not swallow the records after it.
    private mutating func reReadFirstLine(
        of record: CSVScannedRecord, reporting problem: RecordProblem,
        in buffer: UnsafeBufferPointer<UInt8>
    ) -> RawRecord {
        scanner.rewind(to: record.startPosition, line: record.startLine)
        var cells = [Cell](repeating: .missing, count: selected.count)
        if let line = scanner.scanRecord(in: buffer, quotesAreLiteral: true), case .complete = line.outcome {
            cells = makeCells(line: record.startLine, buffer: buffer).cells
        }
        scanner.resume(afterLine: record.startLine, startingAt: record.startPosition, in: buffer)
        return RawRecord(line: record.startLine, cells: cells, problem: problem)
    }

    /// A quoted cell that spans lines in a record that is otherwise malformed
    /// (wrong field count, or text after the closing quote) is taken to be a
    /// stray quote closed by another quote further down: the lines in between
    /// are real records and must not disappear into one cell.
    private func strayQuoteProblem(_ record: CSVScannedRecord, _ quote: CSVMultilineQuote) -> RecordProblem {
        let fieldCount = scanner.spans.count
        let consequence =
            fieldCount != header.count
            ? "one row with \(fieldCount) \(fieldCount == 1 ? "field" : "fields") where the header has \(header.count)"
            : "one row with text after the closing quote"
        return RecordProblem(
            kind: .unterminatedQuote, line: record.startLine,
            message:
                "\(columnDescription(quote.fieldIndex)) opens a quote (\") that is only closed on line \(quote.closingLine), so lines \(record.startLine) to "
                + "\(quote.closingLine) would become \(consequence); the quote is most likely stray: close it on the same line, or double it (\"\") if it "
                + "is part of the text; the lines after line \(record.startLine) are read as rows of their own"
        )
    }

    /// The record just scanned has the header's fields, and any after them
    /// are empty (a delimiter at the end of the row, as Excel writes one).
    var fieldCountFits: Bool {
        let spans = scanner.spans
        if spans.count == header.count { return true }
        return spans.count > header.count && spans[header.count...].allSatisfy(\.isEmpty)
    }

    func tooLongProblem(_ record: CSVScannedRecord, lastLine: Int) -> RecordProblem {
        let skipped = lastLine > record.startLine ? "lines \(record.startLine) to \(lastLine) were skipped" : "the line was skipped"
        return RecordProblem(
            kind: .tooLong, line: record.startLine,
            message:
                "the record is longer than \(RecordLength.limitText), the most one record may have, so \(skipped); a record that long is most likely damaged: "
                + "look for a quote (\") that opens a cell by mistake, or line breaks missing from the export"
        )
    }

    func wrongFieldCount(_ record: CSVScannedRecord) -> RecordProblem {
        let fieldCount = scanner.spans.count
        let delimiterText = "'\(Character(Unicode.Scalar(delimiter)))'"
        let hint =
            fieldCount > header.count
            ? "check for an unquoted delimiter (\(delimiterText)) in a cell: put such cells in quotes"
            : "check for a missing delimiter (\(delimiterText)) or a cell cut by a line break"
        return RecordProblem(
            kind: .wrongFieldCount, line: record.startLine,
            message: "the row has \(fieldCount) \(fieldCount == 1 ? "field" : "fields") but the header has \(header.count); \(hint)")
    }

    /// Decodes the selected cells of the record just scanned; the problem is
    /// the first cell with invalid text.
    private func makeCells(line: Int, buffer: UnsafeBufferPointer<UInt8>) -> (cells: [Cell], problem: RecordProblem?) {
        let spans = scanner.spans
        let encoding = self.encoding
        var problem: RecordProblem?
        let cells = scanner.scratch.withUnsafeBufferPointer { scratch in
            selectedColumnIndices.map { columnIndex -> Cell in
                guard let columnIndex, columnIndex < spans.count else { return .missing }
                let span = spans[columnIndex]
                if span.isEmpty { return .missing }
                let fieldBytes = UnsafeBufferPointer(rebasing: (span.isInScratch ? scratch : buffer)[span.start..<span.end])
                if let text = TextDecoding.decode(fieldBytes, encoding: encoding) { return .text(text) }
                if problem == nil {
                    problem = RecordProblem(
                        kind: .invalidEncoding, line: line,
                        message:
                            "\(columnDescription(columnIndex)) is not valid UTF-8; if the file was saved as Latin-1 or ANSI (common for Excel on Windows), use "
                            + "--encoding windows1252"
                    )
                }
                return .text(String(decoding: fieldBytes, as: UTF8.self))
            }
        }
        return (cells, problem)
    }

    func columnDescription(_ index: Int) -> String {
        index < header.count ? "the cell in column \(index + 1) ('\(header[index])')" : "the cell in column \(index + 1)"
    }
}

extension CSVRecordReader {
    /// Readers for `n` consecutive parts of the records not yet read, cut at
    /// line ends outside quotes (counting quotes from here). A stray quote
    /// can make such a cut fall inside a record; the caller must therefore
    /// check that each part ended exactly at its end and no record in it
    /// ran into an unterminated quote, and otherwise read sequentially.
    func parts(_ n: Int) -> [CSVRecordReader] {
        let start = scanner.position
        let total = bytes.count
        guard n > 1, total - start > n * (1 << 20) else { return [self] }
        var cuts: [Int] = [start]
        var lines: [Int] = [scanner.line]
        var line = scanner.line
        var inQuotes = false
        var p = start
        var target = start + (total - start) / n
        let base = bytes.baseAddress!
        while p < total && cuts.count < n {
            // Up to the next cut, lines are only counted: eight bytes at a
            // time where the word holds no quote and no CR.
            while target - p >= 8, total - p >= 8 {
                let word = UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self)
                let quotesOrReturns =
                    CSVRecordReader.zeroBytes(word ^ CSVRecordReader.quotes)
                    | CSVRecordReader.zeroBytes(word ^ CSVRecordReader.returns)
                if quotesOrReturns != 0 { break }
                line += CSVRecordReader.zeroBytes(word ^ CSVRecordReader.lineFeeds).nonzeroBitCount
                p += 8
            }
            let byte = bytes[p]
            if byte == ASCII.quote {
                inQuotes.toggle()
            } else if byte == ASCII.lineFeed || (byte == ASCII.carriageReturn && (p + 1 >= total || bytes[p + 1] != ASCII.lineFeed)) {
                line += 1
                if !inQuotes && p >= target {
                    cuts.append(p + 1)
                    lines.append(line)
                    target = p + 1 + (total - start) / n
                }
            }
            p += 1
        }
        cuts.append(total)
        return (0..<(cuts.count - 1)).map { i in
            var part = self
            part.bytes = UnsafeBufferPointer(start: bytes.baseAddress, count: cuts[i + 1])
            part.scanner = CSVScanner(delimiter: delimiter, position: cuts[i], line: lines[i])
            return part
        }
    }

    private static let quotes: UInt64 = 0x2222_2222_2222_2222
    private static let returns: UInt64 = 0x0D0D_0D0D_0D0D_0D0D
    private static let lineFeeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A

    /// The high bit of every zero byte of `x`, and no other bit.
    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low) &+ low) | x | low)
    }

    /// Where this reader's part ends.
    var end: Int { bytes.count }
}
