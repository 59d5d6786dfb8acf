import RegelBuiltins

/// Where one field's bytes are: a range of the input, or of the scanner's
/// scratch buffer when the field had to be unescaped (`""` or text after the
/// closing quote).
struct CSVFieldSpan {
    var start: Int
    var end: Int
    var isInScratch: Bool

    var isEmpty: Bool { start == end }
}

/// The fields of the record scanned last, reused from record to record. A
/// buffer of its own: a Swift array checked uniqueness and capacity on each
/// of the fifteen-odd appends of every record.
final class CSVFieldSpans: RandomAccessCollection {
    private var base: UnsafeMutablePointer<CSVFieldSpan>
    private var capacity = 64
    private(set) var endIndex = 0
    var startIndex: Int { 0 }

    init() { base = .allocate(capacity: capacity) }
    deinit { base.deallocate() }

    subscript(index: Int) -> CSVFieldSpan {
        precondition(index >= 0 && index < endIndex, "field \(index) of \(endIndex)")
        return base[index]
    }

    @inline(__always)
    func append(_ span: CSVFieldSpan) {
        if endIndex == capacity { grow() }
        (base + endIndex).initialize(to: span)
        endIndex += 1
    }

    func removeAll() { endIndex = 0 }

    private func grow() {
        let bigger = UnsafeMutablePointer<CSVFieldSpan>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: endIndex)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}

/// How scanning one record ended.
enum CSVRecordOutcome {
    case complete
    /// A quoted field opened in field `fieldIndex` (0-based) was never closed
    /// before the end of the input.
    case unterminatedQuote(fieldIndex: Int)
    /// The record passed `RecordLength.maximum` bytes on line `lastLine`;
    /// the scanner skipped to the end of that line (`spans` is incomplete).
    case tooLong(lastLine: Int)
}

struct CSVScannedRecord {
    var startLine: Int
    /// Byte offset of the record's first byte.
    var startPosition: Int
    var outcome: CSVRecordOutcome
    /// The first quoted field that spans lines, if any: a sign of a stray
    /// quote when the record is otherwise malformed.
    var firstMultilineQuote: CSVMultilineQuote?
}

struct CSVMultilineQuote {
    var fieldIndex: Int
    /// The line of the quote that closed the field.
    var closingLine: Int
    /// Text other than spaces followed the closing quote (`"…"x`), which a
    /// real multi-line cell would not have.
    var hasTextAfterClosingQuote: Bool
}

/// RFC 4180 record scanner over a byte buffer. It only finds field
/// boundaries; turning fields into strings is left to the caller so that
/// unselected columns cost nothing. The span and scratch arrays are reused
/// from record to record, so scanning allocates nothing in the steady state.
struct CSVScanner {
    let delimiter: UInt8
    /// Byte offset of the next unread byte.
    private(set) var position: Int
    /// 1-based physical line of `position`.
    private(set) var line: Int
    /// The fields of the record scanned last. A copy of a scanner shares
    /// them: give each reader of a part its own scanner (`parts()` does).
    let spans = CSVFieldSpans()
    /// Unescaped bytes of quoted fields that could not be used in place.
    private(set) var scratch: [UInt8] = []

    init(delimiter: UInt8, position: Int, line: Int = 1) {
        self.delimiter = delimiter
        self.position = position
        self.line = line
    }

    /// Scans the next record, skipping blank (empty or whitespace-only) lines
    /// before it; `nil` at the end of the input. With `quotesAreLiteral` a
    /// quote never opens a quoted field, which confines the record to one line.
    mutating func scanRecord(in buffer: UnsafeBufferPointer<UInt8>, quotesAreLiteral: Bool = false) -> CSVScannedRecord? {
        guard skipBlankLines(in: buffer) else { return nil }
        spans.removeAll()
        scratch.removeAll(keepingCapacity: true)
        let startLine = line
        let startPosition = position
        let end = buffer.count
        var p = position
        var firstMultilineQuote: CSVMultilineQuote?

        while true {
            if p < end && buffer[p] == ASCII.quote && !quotesAreLiteral {
                let fieldIndex = spans.count
                let openingLine = line
                guard let (afterField, hasTextAfterClosingQuote) = scanQuotedField(in: buffer, openingQuoteAt: p) else {
                    position = end
                    return CSVScannedRecord(
                        startLine: startLine, startPosition: startPosition,
                        outcome: .unterminatedQuote(fieldIndex: fieldIndex))
                }
                p = afterField
                if line > openingLine && firstMultilineQuote == nil {
                    firstMultilineQuote = CSVMultilineQuote(
                        fieldIndex: fieldIndex, closingLine: line,
                        hasTextAfterClosingQuote: hasTextAfterClosingQuote)
                }
            } else {
                let fieldStart = p
                p = CSVScanner.nextSpecial(in: buffer, from: p, delimiter: delimiter)
                spans.append(CSVFieldSpan(start: fieldStart, end: p, isInScratch: false))
            }

            if p - startPosition > RecordLength.maximum {
                // Checked at field boundaries, outside quotes: the spans of a
                // line of commas stay bounded too.
                let lastLine = line
                position = endOfLine(from: p, in: buffer)
                return CSVScannedRecord(startLine: startLine, startPosition: startPosition, outcome: .tooLong(lastLine: lastLine))
            }
            if p == end { break }
            let byte = buffer[p]
            p += 1
            if byte == delimiter { continue }
            // A line end: CRLF, LF or a lone CR.
            if byte == ASCII.carriageReturn && p < end && buffer[p] == ASCII.lineFeed { p += 1 }
            line += 1
            break
        }
        position = p
        return CSVScannedRecord(
            startLine: startLine, startPosition: startPosition,
            outcome: .complete, firstMultilineQuote: firstMultilineQuote)
    }

    /// Scans a quoted field and appends its span; returns the offset of the
    /// byte after the field (a delimiter, line end or the end) and whether
    /// text other than spaces followed the closing quote, or `nil` when the
    /// quote is never closed.
    private mutating func scanQuotedField(
        in buffer: UnsafeBufferPointer<UInt8>,
        openingQuoteAt openingQuote: Int
    ) -> (end: Int, hasTextAfterClosingQuote: Bool)? {
        let end = buffer.count
        let contentStart = openingQuote + 1
        var segmentStart = contentStart
        var usesScratch = false
        let scratchStart = scratch.count
        var p = contentStart
        while true {
            while p < end {
                let byte = buffer[p]
                if byte == ASCII.quote { break }
                if byte == ASCII.lineFeed {
                    line += 1
                } else if byte == ASCII.carriageReturn && (p + 1 == end || buffer[p + 1] != ASCII.lineFeed) {
                    line += 1
                }
                p += 1
            }
            if p == end { return nil }
            if p + 1 < end && buffer[p + 1] == ASCII.quote {
                // A doubled quote stands for one quote character.
                usesScratch = true
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[segmentStart...p]))
                p += 2
                segmentStart = p
                continue
            }
            break
        }
        let closingQuote = p
        p += 1
        // Tolerate text between the closing quote and the delimiter: `"ab"c` is `abc`.
        let trailingStart = p
        while p < end {
            let byte = buffer[p]
            if byte == delimiter || byte == ASCII.lineFeed || byte == ASCII.carriageReturn { break }
            p += 1
        }
        if usesScratch || trailingStart < p {
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[segmentStart..<closingQuote]))
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[trailingStart..<p]))
            spans.append(CSVFieldSpan(start: scratchStart, end: scratch.count, isInScratch: true))
        } else {
            spans.append(CSVFieldSpan(start: contentStart, end: closingQuote, isInScratch: false))
        }
        let hasTextAfterClosingQuote = buffer[trailingStart..<p].contains { $0 != ASCII.space && $0 != ASCII.tab }
        return (p, hasTextAfterClosingQuote)
    }

    /// The offset of the first delimiter, LF or CR at or after `start` (or the
    /// end), eight bytes at a time: `(x - 0x01…) & ~x & 0x80…` marks the zero
    /// bytes of `x`, and its lowest set bit is exact.
    @inline(__always)
    static func nextSpecial(in buffer: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8) -> Int {
        let end = buffer.count
        guard start < end, let base = buffer.baseAddress else { return start }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let delimiters = ones &* UInt64(delimiter), lineFeeds = ones &* 10, returns = ones &* 13
        var p = start
        while end - p >= 8 {
            let word = UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self)
            let a = word ^ delimiters, b = word ^ lineFeeds, c = word ^ returns
            let hits = (((a &- ones) & ~a) | ((b &- ones) & ~b) | ((c &- ones) & ~c)) & highs
            if hits != 0 { return p + hits.trailingZeroBitCount >> 3 }
            p += 8
        }
        while p < end {
            let byte = base[p]
            if byte == delimiter || byte == ASCII.lineFeed || byte == ASCII.carriageReturn { return p }
            p += 1
        }
        return p
    }

    /// Moves past lines that are empty or hold only spaces and tabs; `false`
    /// when nothing but such lines is left.
    private mutating func skipBlankLines(in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let end = buffer.count
        while true {
            var p = position
            while p < end && (buffer[p] == ASCII.space || buffer[p] == ASCII.tab) { p += 1 }
            if p == end {
                position = end
                return false
            }
            let byte = buffer[p]
            guard byte == ASCII.lineFeed || byte == ASCII.carriageReturn else { return true }
            p += 1
            if byte == ASCII.carriageReturn && p < end && buffer[p] == ASCII.lineFeed { p += 1 }
            position = p
            line += 1
        }
    }

    /// The offset after the line end at or after `p` (or the end of the
    /// input); counts the line.
    private mutating func endOfLine(from p: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Int {
        var p = p
        let end = buffer.count
        while p < end && buffer[p] != ASCII.lineFeed && buffer[p] != ASCII.carriageReturn { p += 1 }
        guard p < end else { return end }
        if buffer[p] == ASCII.carriageReturn && p + 1 < end && buffer[p + 1] == ASCII.lineFeed { p += 1 }
        line += 1
        return p + 1
    }

    /// Continues at the line after `line`, which starts at `lineStart`: used to
    /// resume after a record spoiled by a quote.
    mutating func resume(afterLine line: Int, startingAt lineStart: Int, in buffer: UnsafeBufferPointer<UInt8>) {
        let end = buffer.count
        var p = lineStart
        while p < end && buffer[p] != ASCII.lineFeed && buffer[p] != ASCII.carriageReturn { p += 1 }
        if p < end {
            if buffer[p] == ASCII.carriageReturn && p + 1 < end && buffer[p + 1] == ASCII.lineFeed { p += 1 }
            p += 1
        }
        position = p
        self.line = line + 1
    }

    /// Rewinds to `position` on `line`, e.g. to rescan a record differently.
    mutating func rewind(to position: Int, line: Int) {
        self.position = position
        self.line = line
    }

    /// Counts `,` and `;` outside quotes on the first non-blank line (the
    /// header) and picks the more frequent; a tie means `,`.
    static func detectDelimiter(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8 {
        var commas = 0
        var semicolons = 0
        var tabs = 0
        var inQuotes = false
        var sawContent = false
        var p = start
        while p < buffer.count {
            let byte = buffer[p]
            p += 1
            if byte == ASCII.quote {
                inQuotes.toggle()
            } else if inQuotes {
                continue
            } else if byte == ASCII.comma {
                commas += 1
            } else if byte == ASCII.semicolon {
                semicolons += 1
            } else if byte == ASCII.tab {
                tabs += 1
            } else if byte == ASCII.lineFeed || byte == ASCII.carriageReturn {
                if sawContent { break }
                continue
            }
            if byte != ASCII.space && byte != ASCII.tab { sawContent = true }
        }
        if tabs > commas && tabs > semicolons { return ASCII.tab }
        return semicolons > commas ? ASCII.semicolon : ASCII.comma
    }
}
