public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case word, integer, decimal, string, date, time, symbol, end, invalid
    }
    public var kind: Kind
    /// The word or symbol as written; a string's decoded value; a number's digits.
    public var text: String
    public var span: Span
    /// First token on its line: lets the parser resynchronise at a line that
    /// starts a new item after an error.
    public var startsLine: Bool

    func isWord(_ w: String) -> Bool { kind == .word && text == w }
    func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
}
