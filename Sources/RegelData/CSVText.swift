/// Writing CSV fields, for CSV output.
public enum CSVText {
    /// `s` as one CSV field: unchanged unless it holds the delimiter, a quote
    /// or a line break, in which case it is quoted with inner quotes doubled.
    public static func field(_ s: String, delimiter: Character = ",") -> String {
        // Scan bytes, not Characters: this runs once per output cell.
        if delimiter.isASCII, let d = delimiter.asciiValue {
            let needsQuotes = s.utf8.contains { $0 == d || $0 == ASCII.quote || $0 == ASCII.lineFeed || $0 == ASCII.carriageReturn }
            guard needsQuotes else { return s }
        } else {
            let needsQuotes = s.contains { $0 == delimiter || $0 == "\"" || $0.isNewline }
            guard needsQuotes else { return s }
        }
        var quoted = "\""
        for character in s {
            if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
        }
        quoted += "\""
        return quoted
    }
}
