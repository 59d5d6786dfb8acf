/// A `#` comment as written: kept by the formatter, ignored by the parser.
public struct Comment: Sendable, Equatable {
    public var span: Span
    /// The text from `#` to the end of the line.
    public var text: String
    /// Nothing but white space before it on its line.
    public var ownLine: Bool
}
