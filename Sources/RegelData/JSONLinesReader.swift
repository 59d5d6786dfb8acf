import RegelBuiltins

/// Reads JSON Lines: one JSON object per line, keyed by column name.
/// `@unchecked`: the byte buffer is immutable and kept alive by `storage`.
struct JSONLinesReader: @unchecked Sendable {
    /// Every key seen in the file, in order of first appearance.
    let header: [String]
    let selected: [String]
    let missingColumns: [String]

    private let bytes: UnsafeBufferPointer<UInt8>
    /// Keeps `bytes` alive.
    private let storage: ByteStorage
    private let encoding: TextEncoding
    /// For each key, the positions in `selected` it fills.
    private let slotsByKey: [String: [Int]]
    private var lines: JSONLineSplitter
    /// Bytes before this offset have been read.
    var consumed: Int { lines.position }
    /// The key layout of the last object and where its members go: exports
    /// repeat one layout on every line, so the lookups are done once.
    private var cachedLayout = KeyLayout()
    private var cachedSlotsByMember: [[Int]] = []
    private var cachedDuplicateKey: String?

    init(source: DataSource, encoding: TextEncoding, select: [String]?) throws(HeaderProblem) {
        let bytes = source.bytes
        let lines = JSONLineSplitter(start: ByteOrderMark.length(in: bytes))
        self.bytes = bytes
        storage = source.storage
        self.encoding = encoding
        self.lines = lines

        // A first pass collects the header, since any line may add keys.
        var header: [String] = []
        var known: Set<String> = []
        var sawRecord = false
        bytes.withUnsafeBufferPointer { buffer in
            var firstPass = lines
            var previousKeys: [String] = []
            while let line = firstPass.next(in: buffer) {
                sawRecord = true
                guard line.bytes.count <= RecordLength.maximum, let keys = Self.withUTF8(line.bytes, encoding: encoding, JSONParser.topLevelKeys(buffer:)),
                    keys != previousKeys
                else { continue }
                previousKeys = keys
                for key in keys where known.insert(key).inserted {
                    header.append(key)
                }
            }
        }
        guard sawRecord else {
            throw HeaderProblem(message: "the file is empty; expected one JSON object per line", line: 1)
        }
        self.header = header
        let selected = select ?? header
        self.selected = selected
        var slotsByKey: [String: [Int]] = [:]
        for (slot, name) in selected.enumerated() { slotsByKey[source.columnAliases[name] ?? name, default: []].append(slot) }
        self.slotsByKey = slotsByKey
        var missing: [String] = []
        for name in selected where !known.contains(source.columnAliases[name] ?? name) && !missing.contains(name) {
            missing.append(name)
        }
        missingColumns = missing
    }

    /// Runs `body` on the line as UTF-8; Windows-1252 input is converted first.
    private static func withUTF8<T>(
        _ line: UnsafeBufferPointer<UInt8>, encoding: TextEncoding,
        _ body: (UnsafeBufferPointer<UInt8>) -> T
    ) -> T {
        if encoding == .windows1252 && !TextDecoding.isASCII(line) {
            return Array(Windows1252.decode(line).utf8).withUnsafeBufferPointer(body)
        }
        return body(line)
    }

    mutating func next() -> RawRecord? {
        let bytes = self.bytes
        return bytes.withUnsafeBufferPointer { buffer in
            guard let line = lines.next(in: buffer) else { return nil }
            if line.bytes.count > RecordLength.maximum {
                return RawRecord(
                    line: line.number, cells: [Cell](repeating: .missing, count: selected.count),
                    problem: RecordProblem(
                        kind: .tooLong, line: line.number,
                        message:
                            "the line is longer than \(RecordLength.limitText), the most one record may have, so it was skipped; a line that long is most "
                            + "likely damaged: look for line breaks missing from the export"
                    ))
            }
            return makeRecord(line: line.number, value: Self.withUTF8(line.bytes, encoding: encoding, JSONParser.parse(buffer:)))
        }
    }

    private mutating func makeRecord(line: Int, value: Result<JSONValue, JSONParseError>) -> RawRecord {
        var cells = [Cell](repeating: .missing, count: selected.count)
        let members: [(String, JSONValue)]
        switch value {
        case .success(.object(let objectMembers)):
            members = objectMembers
        case .success(let other):
            var message = "the line is valid JSON but not an object; each line must be one object like {\"column\": \"value\", ...}"
            if case .array = other {
                message += " (if the whole file is one JSON array, convert it to one object per line)"
            }
            return RawRecord(line: line, cells: cells, problem: RecordProblem(kind: .notAnObject, line: line, message: message))
        case .failure(let error):
            return RawRecord(line: line, cells: cells, problem: Self.problem(for: error, line: line))
        }

        if !cachedLayout.matches(members) { cacheLayout(of: members) }
        for (index, (_, value)) in members.enumerated() {
            for slot in cachedSlotsByMember[index] {
                cells[slot] = Self.cell(from: value)
            }
        }
        let problem = cachedDuplicateKey.map { key in
            RecordProblem(
                kind: .duplicateKey, line: line,
                message: "the key \"\(key)\" appears more than once in the object; keep only one")
        }
        return RawRecord(line: line, cells: cells, problem: problem)
    }

    /// Works out which selected columns each member fills; a repeated key
    /// fills nothing (the first one wins) and is remembered as the problem.
    private mutating func cacheLayout(of members: [(String, JSONValue)]) {
        cachedLayout = KeyLayout(members)
        cachedDuplicateKey = nil
        var seen: Set<String> = []
        cachedSlotsByMember = members.map { key, _ in
            guard seen.insert(key).inserted else {
                if cachedDuplicateKey == nil { cachedDuplicateKey = key }
                return []
            }
            return slotsByKey[key] ?? []
        }
    }

    private static func problem(for error: JSONParseError, line: Int) -> RecordProblem {
        switch error.kind {
        case .invalidUTF8:
            return RecordProblem(
                kind: .invalidEncoding, line: line,
                message: "the line is not valid UTF-8 (column \(error.offset + 1)); if the file was saved as Latin-1 or ANSI, use --encoding windows1252")
        case .syntax, .nestedTooDeep:
            return RecordProblem(
                kind: .invalidJSON, line: line,
                message: "the line is not valid JSON: \(error.reason) (column \(error.offset + 1)); each line must be one complete JSON object")
        }
    }

    static func cell(from value: JSONValue) -> Cell {
        switch value {
        case .null: return .missing
        case .bool(let flag): return .text(flag ? "true" : "false")
        case .number(let literal): return .text(literal)
        case .string(let text): return .text(text)
        case .object: return .text(value.jsonText)
        case .array(let items):
            var texts: [String] = []
            texts.reserveCapacity(items.count)
            for item in items {
                switch item {
                case .null: continue
                case .bool(let flag): texts.append(flag ? "true" : "false")
                case .number(let literal): texts.append(literal)
                case .string(let text): texts.append(text)
                case .array, .object: return .text(value.jsonText)
                }
            }
            return .list(texts)
        }
    }
}

/// The keys of an object in order, to recognise lines with the same layout.
struct KeyLayout {
    private var keys: [String] = []

    init() {}

    init(_ members: [(String, JSONValue)]) {
        keys = members.map(\.0)
    }

    func matches(_ members: [(String, JSONValue)]) -> Bool {
        guard members.count == keys.count else { return false }
        for index in members.indices where members[index].0 != keys[index] {
            return false
        }
        return true
    }
}

/// Splits JSON Lines input at raw line feeds (a `\r` before one is dropped),
/// skipping lines that hold only whitespace.
struct JSONLineSplitter {
    private(set) var position: Int
    private var lineNumber = 1

    init(start: Int) {
        position = start
    }

    mutating func next(in buffer: UnsafeBufferPointer<UInt8>) -> (number: Int, bytes: UnsafeBufferPointer<UInt8>)? {
        while position < buffer.count {
            let start = position
            let number = lineNumber
            var end = start
            var isBlank = true
            while end < buffer.count && buffer[end] != ASCII.lineFeed {
                if isBlank && !ASCII.isWhitespace(buffer[end]) { isBlank = false }
                end += 1
            }
            // Past the line feed; a last line without one ends at the end of the input.
            position = min(end + 1, buffer.count)
            lineNumber += 1
            if isBlank { continue }
            if end > start && buffer[end - 1] == ASCII.carriageReturn { end -= 1 }
            return (number, UnsafeBufferPointer(rebasing: buffer[start..<end]))
        }
        return nil
    }
}
