import RegelBuiltins

/// Why a JSON text was rejected, and where (0-based byte offset into the input).
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        case syntax
        case invalidUTF8
        case nestedTooDeep
    }

    public var kind: Kind
    public var offset: Int
    /// What was wrong, without the position, e.g. "expected ':' after the key".
    public var reason: String

    public init(kind: Kind, offset: Int, reason: String) {
        self.kind = kind
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "\(reason) at byte \(offset)" }
}

/// A strict RFC 8259 parser: exactly one value with optional surrounding
/// whitespace, numbers checked against the grammar and kept as written,
/// strings with every escape (an unpaired surrogate escape becomes U+FFFD),
/// invalid UTF-8 rejected, and nesting limited to `maximumDepth` so that deep
/// input fails with an error rather than overflowing the stack.
public enum JSONParser {
    public static let maximumDepth = 512

    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let result =
            bytes.withContiguousStorageIfAvailable { parse(buffer: $0) }
            ?? Array(bytes).withUnsafeBufferPointer { parse(buffer: $0) }
        return try result.get()
    }

    static func parse(buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONParseError> {
        var parser = Parser(buffer: buffer)
        do {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }

    /// The keys of a JSON text that is an object, in order (duplicates
    /// included); `nil` when the text is not valid JSON or not an object.
    /// Checks the whole text like `parse` but builds no values, which makes it
    /// several times faster for collecting a JSON Lines header.
    static func topLevelKeys(buffer: UnsafeBufferPointer<UInt8>) -> [String]? {
        var parser = Parser(buffer: buffer, buildsValues: false)
        guard let value = try? parser.parseDocument(), case .object = value else { return nil }
        return parser.topLevelKeys
    }
}

private struct Parser {
    let buffer: UnsafeBufferPointer<UInt8>
    var position = 0
    var depth = 0
    /// Reused while unescaping strings.
    var scratch: [UInt8] = []
    /// When false the input is only checked: strings and numbers come back
    /// empty and containers empty, except that the keys of a top-level object
    /// are collected in `topLevelKeys`.
    let buildsValues: Bool
    var topLevelKeys: [String] = []

    init(buffer: UnsafeBufferPointer<UInt8>, buildsValues: Bool = true) {
        self.buffer = buffer
        self.buildsValues = buildsValues
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if position < buffer.count {
            throw syntaxError("unexpected text after the end of the JSON value")
        }
        return value
    }

    private func syntaxError(_ reason: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(kind: .syntax, offset: offset ?? position, reason: reason)
    }

    private var describedCurrentByte: String {
        guard position < buffer.count else { return "the end of the input" }
        let byte = buffer[position]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    private mutating func skipWhitespace() {
        while position < buffer.count {
            let byte = buffer[position]
            guard byte == ASCII.space || byte == ASCII.lineFeed || byte == ASCII.carriageReturn || byte == ASCII.tab else { return }
            position += 1
        }
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard position < buffer.count else { throw syntaxError("unexpected end of input where a value was expected") }
        switch buffer[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case ASCII.quote: return .string(try parseString(building: buildsValues))
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw syntaxError("expected a value but found \(describedCurrentByte)")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let start = position
        let length = word.utf8CodeUnitCount
        let matches =
            position + length <= buffer.count
            && (0..<length).allSatisfy { buffer[position + $0] == word.utf8Start[$0] }
        guard matches else { throw syntaxError("expected a value (such as '\(word)')", at: start) }
        position += length
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw JSONParseError(
                kind: .nestedTooDeep, offset: position,
                reason: "arrays and objects are nested more than \(JSONParser.maximumDepth) levels deep")
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if position < buffer.count && buffer[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            let item = try parseValue()
            if buildsValues { items.append(item) }
            skipWhitespace()
            guard position < buffer.count else { throw syntaxError("unexpected end of input inside an array; expected ',' or ']'") }
            let byte = buffer[position]
            position += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "]") { break }
            position -= 1
            throw syntaxError("expected ',' or ']' in an array but found \(describedCurrentByte)")
        }
        depth -= 1
        return .array(items)
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if position < buffer.count && buffer[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < buffer.count, buffer[position] == ASCII.quote else {
                throw syntaxError("expected a key in double quotes but found \(describedCurrentByte)")
            }
            let isTopLevelKey = !buildsValues && depth == 1
            let key = try parseString(building: buildsValues || isTopLevelKey)
            if isTopLevelKey { topLevelKeys.append(key) }
            skipWhitespace()
            guard position < buffer.count, buffer[position] == UInt8(ascii: ":") else {
                throw syntaxError("expected ':' after the key \"\(key)\" but found \(describedCurrentByte)")
            }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            if buildsValues { members.append((key, value)) }
            skipWhitespace()
            guard position < buffer.count else { throw syntaxError("unexpected end of input inside an object; expected ',' or '}'") }
            let byte = buffer[position]
            position += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "}") { break }
            position -= 1
            throw syntaxError("expected ',' or '}' in an object but found \(describedCurrentByte)")
        }
        depth -= 1
        return .object(members)
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, returned as written.
    private mutating func parseNumber() throws(JSONParseError) -> String {
        let start = position
        if buffer[position] == UInt8(ascii: "-") { position += 1 }
        guard position < buffer.count, isDigit(buffer[position]) else {
            throw syntaxError("a number needs a digit after '-'")
        }
        if buffer[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            skipDigits()
        }
        if position < buffer.count && buffer[position] == UInt8(ascii: ".") {
            position += 1
            guard position < buffer.count, isDigit(buffer[position]) else {
                throw syntaxError("a number needs a digit after the decimal point")
            }
            skipDigits()
        }
        if position < buffer.count && (buffer[position] == UInt8(ascii: "e") || buffer[position] == UInt8(ascii: "E")) {
            position += 1
            if position < buffer.count && (buffer[position] == UInt8(ascii: "+") || buffer[position] == UInt8(ascii: "-")) {
                position += 1
            }
            guard position < buffer.count, isDigit(buffer[position]) else {
                throw syntaxError("a number needs a digit in its exponent")
            }
            skipDigits()
        }
        guard buildsValues else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<position]), as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while position < buffer.count && isDigit(buffer[position]) { position += 1 }
    }

    /// With `building` false the string is checked but `""` is returned.
    private mutating func parseString(building: Bool) throws(JSONParseError) -> String {
        let openingQuote = position
        let contentStart = position + 1
        var p = contentStart
        var hasEscape = false
        var hasNonASCII = false
        while true {
            guard p < buffer.count else {
                throw syntaxError("a string opened here is never closed", at: openingQuote)
            }
            let byte = buffer[p]
            if byte == ASCII.quote { break }
            if byte == ASCII.backslash {
                hasEscape = true
                p += 2
                continue
            }
            if byte < 0x20 {
                throw syntaxError(
                    "a control character (byte 0x\(String(byte, radix: 16, uppercase: true))) must be written as an escape inside a string", at: p)
            }
            if byte >= 0x80 { hasNonASCII = true }
            p += 1
        }
        let closingQuote = p
        if hasNonASCII, let bad = UTF8Validation.firstInvalidOffset(in: buffer, from: contentStart, to: closingQuote) {
            throw JSONParseError(kind: .invalidUTF8, offset: bad, reason: "a string holds bytes that are not valid UTF-8")
        }
        position = closingQuote + 1
        guard hasEscape else {
            guard building else { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[contentStart..<closingQuote]), as: UTF8.self)
        }
        return try unescape(from: contentStart, to: closingQuote, building: building)
    }

    private mutating func unescape(from start: Int, to end: Int, building: Bool) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var p = start
        while p < end {
            let byte = buffer[p]
            guard byte == ASCII.backslash else {
                scratch.append(byte)
                p += 1
                continue
            }
            let escape = buffer[p + 1]
            switch escape {
            case ASCII.quote, ASCII.backslash, UInt8(ascii: "/"): scratch.append(escape)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(ASCII.lineFeed)
            case UInt8(ascii: "r"): scratch.append(ASCII.carriageReturn)
            case UInt8(ascii: "t"): scratch.append(ASCII.tab)
            case UInt8(ascii: "u"):
                var unit = try hexUnit(at: p + 2, end: end)
                p += 6
                var scalar: Unicode.Scalar
                if (0xD800...0xDBFF).contains(unit) {
                    // A high surrogate must be followed by a low one; if not, it stands alone.
                    if p + 1 < end, buffer[p] == ASCII.backslash, buffer[p + 1] == UInt8(ascii: "u"),
                        let low = try? hexUnit(at: p + 2, end: end), (0xDC00...0xDFFF).contains(low)
                    {
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        p += 6
                        scalar = Unicode.Scalar(unit)!
                    } else {
                        scalar = "\u{FFFD}"
                    }
                } else {
                    scalar = Unicode.Scalar(unit) ?? "\u{FFFD}"  // a lone low surrogate
                }
                scratch.append(contentsOf: UTF8.encode(scalar)!)
                continue
            default:
                throw syntaxError("'\\' must be followed by one of \" \\ / b f n r t u inside a string", at: p)
            }
            p += 2
        }
        return building ? String(decoding: scratch, as: UTF8.self) : ""
    }

    private func hexUnit(at start: Int, end: Int) throws(JSONParseError) -> UInt32 {
        guard start + 4 <= end else { throw syntaxError("'\\u' must be followed by four hex digits", at: start - 2) }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = buffer[start + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw syntaxError("'\\u' must be followed by four hex digits", at: start - 2)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
