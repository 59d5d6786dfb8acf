/// Why one record could not be read reliably. The reader reports it and goes
/// on with the next record; the caller counts the record as rejected.
public struct RecordProblem: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case wrongFieldCount, unterminatedQuote, invalidJSON, notAnObject, invalidEncoding, duplicateKey, tooLong
    }

    public var kind: Kind
    /// 1-based physical line where the record starts.
    public var line: Int
    /// Plain English for an administrator: what is wrong and how to fix it.
    public var message: String

    public init(kind: Kind, line: Int, message: String) {
        self.kind = kind
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// One record as raw text cells.
public struct RawRecord: Sendable {
    /// 1-based physical line where the record starts (in CSV the header is line 1).
    public var line: Int
    /// Parallel to the reader's `selected` columns.
    public var cells: [Cell]
    /// Non-nil when the record could not be read reliably; `cells` may then be
    /// partial, and the caller must reject the record.
    public var problem: RecordProblem?

    public init(line: Int, cells: [Cell], problem: RecordProblem? = nil) {
        self.line = line
        self.cells = cells
        self.problem = problem
    }
}

/// The input cannot be read at all: empty, or a header the records cannot be
/// matched against (duplicate or empty column names, unreadable header).
public struct HeaderProblem: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int

    public init(message: String, line: Int) {
        self.message = message
        self.line = line
    }

    public var description: String { "line \(line): \(message)" }
}
