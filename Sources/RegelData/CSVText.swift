import RegelBuiltins

/// How a CSV output is written: RFC 4180 (`,`, LF, no byte order mark,
/// decimal point), or as Swedish Excel opens a file by double-click (`;`,
/// CRLF, a UTF-8 byte order mark so å, ä and ö are read as UTF-8, decimal comma).
public struct CSVDialect: Sendable, Equatable {
    public var delimiter: UInt8
    public var lineEnd: String
    public var byteOrderMark: Bool
    public var decimalComma: Bool

    public static let standard = CSVDialect(delimiter: ASCII.comma, lineEnd: "\n", byteOrderMark: false, decimalComma: false)
    public static let excelSwedish = CSVDialect(delimiter: ASCII.semicolon, lineEnd: "\r\n", byteOrderMark: true, decimalComma: true)

    /// What the file starts with, before the header row.
    public var start: String { byteOrderMark ? "\u{FEFF}" : "" }

    /// A whole row of text cells, line end included.
    public func row(_ cells: [String]) -> String {
        cells.map { CSVText.field($0, delimiter: Character(Unicode.Scalar(delimiter))) }.joined(separator: String(Unicode.Scalar(delimiter))) + lineEnd
    }

    /// A number this program formatted from a numeric value (`-12`, `0.2500`),
    /// in the dialect's decimal separator. Never neutralised: a spreadsheet
    /// reads such a cell as a number constant, and digits, one minus and one
    /// separator cannot form a formula, a reference or a call, so a `'` would
    /// only turn the figure into text. Anything else that is not a plain
    /// number (`–` for missing) is written as a text field.
    public func number(_ formatted: String) -> String {
        guard CSVText.isPlainNumber(formatted) else { return CSVText.field(formatted, delimiter: Character(Unicode.Scalar(delimiter))) }
        return decimalComma ? String(formatted.map { $0 == "." ? "," : $0 }) : formatted
    }
}

/// Writing CSV fields, for CSV output.
public enum CSVText {
    /// `s` as one CSV text field: quoted when it holds the delimiter, a quote
    /// or a line break, with inner quotes doubled; and neutralised when a
    /// spreadsheet would take it for a formula (see `isFormulaLike`): a `'`
    /// is put in front and the field is quoted, as OWASP recommends against
    /// CSV injection.
    public static func field(_ s: String, delimiter: Character = ",") -> String {
        let formula = isFormulaLike(s)
        // Scan bytes, not Characters: this runs once per output cell.
        if !formula {
            if delimiter.isASCII, let d = delimiter.asciiValue {
                var copy = s
                let needsQuotes = copy.withUTF8 { bytes in
                    for b in bytes where b == d || b == ASCII.quote || b == ASCII.lineFeed || b == ASCII.carriageReturn {
                        return true
                    }
                    return false
                }
                guard needsQuotes else { return s }
            } else {
                let needsQuotes = s.contains { $0 == delimiter || $0 == "\"" || $0.isNewline }
                guard needsQuotes else { return s }
            }
        }
        var quoted = formula ? "\"'" : "\""
        for character in s {
            if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
        }
        quoted += "\""
        return quoted
    }

    /// `field` appended as UTF-8 to `out`.
    public static func appendField(_ s: String, delimiter: UInt8, to out: inout [UInt8]) {
        let formula = isFormulaLike(s)
        var s = s
        s.withUTF8 { bytes in
            // One pass over the bytes: this runs once per output cell.
            var needsQuotes = formula
            if !needsQuotes {
                for b in bytes where b == delimiter || b == ASCII.quote || b == ASCII.lineFeed || b == ASCII.carriageReturn {
                    needsQuotes = true
                    break
                }
            }
            guard needsQuotes else {
                out.append(contentsOf: bytes)
                return
            }
            out.append(ASCII.quote)
            if formula { out.append(UInt8(ascii: "'")) }
            for b in bytes {
                if b == ASCII.quote { out.append(ASCII.quote) }
                out.append(b)
            }
            out.append(ASCII.quote)
        }
    }

    /// A cell a spreadsheet may evaluate: its first character (after any
    /// spaces, which LibreOffice can be told to trim) is `=`, `+`, `-`, `@`,
    /// a tab, a line break or NUL, or the full-width `＝`, `＋`, `－`, `＠`.
    /// OWASP names `=`, `+`, `-`, `@`, tab and CR; the rest cost nothing to add.
    public static func isFormulaLike(_ s: String) -> Bool {
        for scalar in s.unicodeScalars {
            switch scalar {
            case " ": continue
            case "=", "+", "-", "@", "\t", "\r", "\n", "\u{0}", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}": return true
            default: return false
            }
        }
        return false
    }

    /// `-?[0-9]+(\.[0-9]+)?`
    public static func isPlainNumber(_ s: String) -> Bool {
        var bytes = Array(s.utf8)[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }
}
