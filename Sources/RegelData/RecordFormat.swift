import RegelBuiltins

/// How the records of an input are laid out.
public enum RecordFormat: Sendable {
    case csv
    case jsonLines

    /// Decides by file extension first (`.jsonl`, `.ndjson`, `.json` → JSON Lines;
    /// `.csv`, `.txt` → CSV); otherwise an input whose first non-space byte is `{`
    /// is JSON Lines and anything else CSV.
    public static func guess(name: String, bytes: [UInt8]) -> RecordFormat {
        bytes.withUnsafeBufferPointer { guess(name: name, bytes: $0) }
    }

    public static func guess(name: String, bytes: UnsafeBufferPointer<UInt8>) -> RecordFormat {
        let lowercasedName = name.lowercased()
        for suffix in [".jsonl", ".ndjson", ".json"] where lowercasedName.hasSuffix(suffix) {
            return .jsonLines
        }
        for suffix in [".csv", ".txt"] where lowercasedName.hasSuffix(suffix) {
            return .csv
        }
        var index = ByteOrderMark.length(in: bytes)
        while index < bytes.count, ASCII.isWhitespace(bytes[index]) {
            index += 1
        }
        return index < bytes.count && bytes[index] == ASCII.openBrace ? .jsonLines : .csv
    }
}

/// The character encoding of CSV cells (JSON Lines is UTF-8 by definition, but
/// a `windows1252` export is transcoded before parsing).
public enum TextEncoding: Sendable {
    case utf8
    /// What "Latin-1" / "ANSI" exports from Swedish Windows systems really are.
    case windows1252
}
