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

    func isWord(_ word: some Keyword) -> Bool { kind == .word && text == word.rawValue }
    func isSymbol(_ symbol: Symbol) -> Bool { kind == .symbol && text == symbol.rawValue }
    /// The case of `K` this word is spelt as; nil for a symbol, a string or another word.
    func keyword<K: Keyword>(_: K.Type) -> K? { kind == .word ? K(rawValue: text) : nil }
    var symbol: Symbol? { kind == .symbol ? Symbol(rawValue: text) : nil }
}
