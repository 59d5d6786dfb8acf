/// Receives the cells of one record as bytes: the fast path of
/// `RecordReader.next(into:)`, which makes no `String` for a cell the
/// receiver can read from its bytes (a date, a code, a flag).
public protocol CellSink {
    /// Selected column `index` holds these bytes: non-empty, valid UTF-8,
    /// and only valid during the call.
    mutating func cell(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>)
    /// Selected column `index` holds a list (JSON Lines arrays).
    mutating func list(_ index: Int, _ items: [String])
}

/// Where a record read through a `CellSink` starts, and what was wrong with
/// it, if anything (as `RawRecord`).
public struct RecordHead: Sendable {
    public var line: Int
    public var problem: RecordProblem?
}

extension CellSink {
    /// Feeds cells that were already decoded (the slow path).
    mutating func feed(_ cells: [Cell]) {
        for (i, value) in cells.enumerated() {
            switch value {
            case .missing: continue
            case .text(let s):
                var s = s
                s.withUTF8 { self.cell(i, $0) }
            case .list(let items): list(i, items)
            }
        }
    }
}

extension RecordReader {
    /// Like `next()`, but hands each non-empty selected cell to `sink`
    /// instead of returning an array of Strings. Empty cells are not reported.
    public mutating func next(into sink: inout some CellSink) -> RecordHead? {
        if csvReader != nil {
            let head = csvReader!.next(into: &sink)
            count(head != nil)
            return head
        }
        guard let record = jsonLinesReader!.next() else { count(false); return nil }
        count(true)
        sink.feed(record.cells)
        return RecordHead(line: record.line, problem: record.problem)
    }
}

extension CSVRecordReader {
    mutating func next(into sink: inout some CellSink) -> RecordHead? {
        let bytes = self.bytes
        return bytes.withUnsafeBufferPointer { buffer -> RecordHead? in
            let before = (scanner.position, scanner.line)
            guard let record = scanner.scanRecord(in: buffer) else { return nil }
            let malformed: Bool = {
                if case .unterminatedQuote = record.outcome { return true }
                if case .tooLong = record.outcome { return true }
                if let quote = record.firstMultilineQuote, quote.hasTextAfterClosingQuote || !fieldCountFits { return true }
                return false
            }()
            if malformed || encoding != .utf8 {
                // Rare or re-encoded records take the general path.
                scanner.rewind(to: before.0, line: before.1)
                guard let raw = next() else { return nil }
                sink.feed(raw.cells)
                return RecordHead(line: raw.line, problem: raw.problem)
            }
            let spans = scanner.spans
            var problem: RecordProblem?
            scanner.scratch.withUnsafeBufferPointer { scratch in
                for (selectedIndex, columnIndex) in selectedColumnIndices.enumerated() {
                    guard let columnIndex, columnIndex < spans.count else { continue }
                    let span = spans[columnIndex]
                    if span.isEmpty { continue }
                    let fieldBytes = UnsafeBufferPointer(rebasing: (span.isInScratch ? scratch : buffer)[span.start..<span.end])
                    if !isKnownValidUTF8, !TextDecoding.isASCII(fieldBytes),
                        UTF8Validation.firstInvalidOffset(in: fieldBytes, from: 0, to: fieldBytes.count) != nil
                    {
                        if problem == nil {
                            problem = RecordProblem(
                                kind: .invalidEncoding, line: record.startLine,
                                message:
                                    "\(columnDescription(columnIndex)) is not valid UTF-8; if the file was saved as Latin-1 or ANSI (common for Excel on "
                                    + "Windows), use --encoding windows1252"
                            )
                        }
                        var lossy = String(decoding: fieldBytes, as: UTF8.self)
                        lossy.withUTF8 { sink.cell(selectedIndex, $0) }
                        continue
                    }
                    sink.cell(selectedIndex, fieldBytes)
                }
            }
            if !fieldCountFits { problem = wrongFieldCount(record) }
            return RecordHead(line: record.startLine, problem: problem)
        }
    }
}
