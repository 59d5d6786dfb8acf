/// Turns a rule file into tokens. Never fails: a character it does not know
/// becomes an `.invalid` token and a diagnostic, and lexing goes on.
package struct Lexer {
    private let bytes: [UInt8]
    private var pos = 0
    private var atLineStart = true
    private var comments: [Comment] = []
    private var diagnostics: DiagnosticBag

    /// Characters a line may have. The shipped rule files stay under 700; the
    /// limit keeps a word, a string and every diagnostic's excerpt short.
    package static let maximumLineLength = 10_000

    init(file: SourceFile) {
        var diagnostics = DiagnosticBag(file: file)
        bytes = Lexer.blankingLongLines(file.bytes, &diagnostics)
        self.diagnostics = diagnostics
    }

    /// The bytes with every line longer than `maximumLineLength` characters
    /// turned into spaces (so offsets stay those of the file), each reported.
    private static func blankingLongLines(_ bytes: [UInt8], _ diagnostics: inout DiagnosticBag) -> [UInt8] {
        var result = bytes
        var lineStart = 0
        var characters = 0
        var cut: Int?
        for i in 0...bytes.count {
            if i == bytes.count || bytes[i] == 10 {
                if let cut {
                    diagnostics.report(.lineTooLong(characters: characters, maximum: maximumLineLength), at: Span(start: cut, end: cut + 1))
                    for j in lineStart..<i { result[j] = 32 }
                }
                lineStart = i + 1
                characters = 0
                cut = nil
            } else if bytes[i] & 0xC0 != 0x80 {
                characters += 1
                if characters == maximumLineLength + 1 { cut = i }
            }
        }
        return result
    }

    /// The comments of a file, for the formatter (the parser skips them).
    static func comments(_ file: SourceFile) -> [Comment] {
        var lexer = Lexer(file: file)
        while lexer.next().kind != .end {}
        return lexer.comments
    }

    package static func tokenize(_ file: SourceFile) -> ([Token], [Diagnostic]) {
        var lexer = Lexer(file: file)
        var tokens: [Token] = []
        while true {
            let t = lexer.next()
            tokens.append(t)
            if t.kind == .end { break }
        }
        return (tokens, lexer.diagnostics.items)
    }

    private static let twoCharSymbols = Set(Symbol.allCases.map(\.rawValue).filter { $0.utf8.count == 2 })
    private static let oneCharSymbols = Set(Symbol.allCases.compactMap { $0.rawValue.utf8.count == 1 ? $0.rawValue.utf8.first : nil })

    private mutating func next() -> Token {
        skipTrivia()
        let start = pos
        let startsLine = atLineStart
        atLineStart = false
        guard pos < bytes.count else { return Token(kind: .end, text: "", span: Span(start: pos, end: pos), startsLine: true) }
        let c = bytes[pos]
        func token(_ kind: Token.Kind, _ text: String) -> Token {
            Token(kind: kind, text: text, span: Span(start: start, end: pos), startsLine: startsLine)
        }
        if isWordStart(c) {
            while pos < bytes.count, isWordPart(bytes[pos]) { pos += 1 }
            return token(.word, String(decoding: bytes[start..<pos], as: UTF8.self))
        }
        if isDigit(c) { return number(start: start, startsLine: startsLine) }
        if c == UInt8(ascii: "\"") { return string(start: start, startsLine: startsLine) }
        if pos + 1 < bytes.count {
            let two = String(decoding: bytes[pos..<pos + 2], as: UTF8.self)
            if Lexer.twoCharSymbols.contains(two) { pos += 2; return token(.symbol, two) }
        }
        if Lexer.oneCharSymbols.contains(c) { pos += 1; return token(.symbol, String(UnicodeScalar(c))) }
        // Unknown character: consume the whole UTF-8 sequence.
        pos += 1
        while pos < bytes.count, bytes[pos] & 0xC0 == 0x80 { pos += 1 }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        diagnostics.report(.unexpectedCharacter(text), at: Span(start: start, end: pos))
        return token(.invalid, text)
    }

    private mutating func skipTrivia() {
        while pos < bytes.count {
            let c = bytes[pos]
            if c == 10 {
                atLineStart = true; pos += 1
            } else if c == 32 || c == 9 || c == 13 {
                pos += 1
            } else if c == UInt8(ascii: "#") {
                let start = pos
                while pos < bytes.count, bytes[pos] != 10 { pos += 1 }
                var end = pos
                // Every carriage return before the line feed: keeping all but one made each formatting drop one more.
                while end > start, bytes[end - 1] == 13 { end -= 1 }
                comments.append(
                    Comment(
                        span: Span(start: start, end: end), text: String(decoding: bytes[start..<end], as: UTF8.self),
                        ownLine: atLineStart))
            } else if c == 0xEF, pos + 2 < bytes.count, bytes[pos + 1] == 0xBB, bytes[pos + 2] == 0xBF {
                pos += 3  // byte order mark
            } else {
                break
            }
        }
    }

    /// INT, DECIMAL, DATE (dddd-dd-dd) or TIME (dd:dd, or d:dd as in 8:30).
    private mutating func number(start: Int, startsLine: Bool) -> Token {
        while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        let digits = pos - start
        func token(_ kind: Token.Kind) -> Token {
            Token(kind: kind, text: String(decoding: bytes[start..<pos], as: UTF8.self), span: Span(start: start, end: pos), startsLine: startsLine)
        }
        if digits == 4, matches(at: pos, "-dd-dd") { pos += 6; return token(.date) }
        if digits == 2 || digits == 1, matches(at: pos, ":dd") { pos += 3; return token(.time) }
        if pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "."), isDigit(bytes[pos + 1]) {
            pos += 1
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
            return token(.decimal)
        }
        return token(.integer)
    }

    private func matches(at p: Int, _ pattern: String) -> Bool {
        var i = p
        for ch in pattern.utf8 {
            guard i < bytes.count else { return false }
            if ch == UInt8(ascii: "d") { if !isDigit(bytes[i]) { return false } } else if bytes[i] != ch { return false }
            i += 1
        }
        return i >= bytes.count || !isWordPart(bytes[i])
    }

    private mutating func string(start: Int, startsLine: Bool) -> Token {
        pos += 1
        var value: [UInt8] = []
        while pos < bytes.count {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                return Token(kind: .string, text: String(decoding: value, as: UTF8.self), span: Span(start: start, end: pos), startsLine: startsLine)
            }
            if c == 10 { break }
            if c == UInt8(ascii: "\\"), pos + 1 < bytes.count {
                let e = bytes[pos + 1]
                switch e {
                case UInt8(ascii: "n"): value.append(10)
                case UInt8(ascii: "t"): value.append(9)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): value.append(e)
                default:
                    diagnostics.report(.unknownEscapeInString(UnicodeScalar(e)), at: Span(start: pos, end: pos + 2))
                    value.append(e)
                }
                pos += 2
                continue
            }
            value.append(c)
            pos += 1
        }
        diagnostics.report(.stringNotClosed(), at: Span(start: start, end: pos))
        return Token(kind: .string, text: String(decoding: value, as: UTF8.self), span: Span(start: start, end: pos), startsLine: startsLine)
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    private func isWordStart(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c >= 0xC0
    }
    private func isWordPart(_ c: UInt8) -> Bool { isWordStart(c) || isDigit(c) || (c >= 0x80) }
}
