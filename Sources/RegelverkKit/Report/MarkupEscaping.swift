/// Escaping for the markup outputs: HTML pages and JUnit XML differ only in
/// the apostrophe's entity and in which characters they cannot carry.
enum MarkupEscaping {
    enum Dialect {
        /// Tab and newline kept; other control characters replaced.
        case html
        /// XML 1.0: tab, newline and carriage return kept; other control
        /// characters and the non-characters U+FFFE/U+FFFF replaced.
        case xml
    }

    static func escape(_ s: String, for dialect: Dialect) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += dialect == .html ? "&#39;" : "&apos;"
            default:
                if cannotCarry(c.value, dialect) { out += "\u{FFFD}" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    private static func cannotCarry(_ v: UInt32, _ dialect: Dialect) -> Bool {
        switch dialect {
        case .html: v < 0x20 && v != 0x9 && v != 0xA
        case .xml: (v < 0x20 && v != 0x9 && v != 0xA && v != 0xD) || v == 0xFFFE || v == 0xFFFF
        }
    }
}
