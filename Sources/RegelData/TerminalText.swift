/// Text from the data on its way to a terminal: a cell may hold control
/// characters and escape sequences (ESC, BEL, CSI …) that would move the
/// cursor, recolour or retitle the window, or hide what follows. They are
/// shown in a visible form instead, `\u{1B}` for ESC, so what a person reads
/// is what the cell holds. Our own colouring is added after escaping.
public enum TerminalText {
    /// `s` with C0 controls (tab and line breaks included), DEL, C1 controls,
    /// the line and paragraph separators and the bidirectional overrides and
    /// isolates (which reorder what is shown) written as `\u{…}`.
    /// With `keepingLineBreaks`, `\n` stays (for messages of several lines).
    public static func escape(_ s: String, keepingLineBreaks: Bool = false) -> String {
        guard s.utf8.contains(where: mayStartEscape) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if needsEscape(scalar) && !(keepingLineBreaks && scalar == "\n") {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The first byte of every UTF-8 sequence `needsEscape` is true for:
    /// C0 and DEL, 0xC2 (U+0080…U+00BF), 0xE2 (U+2000…U+2FFF).
    @inline(__always) static func mayStartEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 }
}
