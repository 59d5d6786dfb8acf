import RegelBuiltins

/// Writing JSON string literals, for JSON Lines output.
public enum JSONText {
    /// `s` as a JSON string literal: quotes, backslashes and control
    /// characters escaped; everything else kept as UTF-8. Besides the C0
    /// controls JSON requires, DEL, the C1 controls, the line and paragraph
    /// separators and the bidirectional overrides are written as `\uXXXX`
    /// too (`TerminalText.needsEscape`), so JSON Lines read on a terminal
    /// cannot carry an escape sequence from a cell.
    public static func quote(_ s: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(s.utf8.count + 2)
        output.append(ASCII.quote)
        let hexDigits = Array("0123456789abcdef".utf8)
        func unicodeEscape(_ value: UInt32) {
            output.append(contentsOf: [ASCII.backslash, UInt8(ascii: "u")])
            for shift in [12, 8, 4, 0] { output.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)]) }
        }
        guard s.utf8.contains(where: TerminalText.mayStartEscape) || s.utf8.contains(where: { $0 == ASCII.quote || $0 == ASCII.backslash }) else {
            output.append(contentsOf: s.utf8)
            output.append(ASCII.quote)
            return String(decoding: output, as: UTF8.self)
        }
        for scalar in s.unicodeScalars {
            guard scalar.isASCII || !TerminalText.needsEscape(scalar) else { unicodeEscape(scalar.value); continue }
            guard scalar.isASCII else { UTF8.encode(scalar) { output.append($0) }; continue }
            let byte = UInt8(scalar.value)
            switch byte {
            case ASCII.quote: output.append(contentsOf: [ASCII.backslash, ASCII.quote])
            case ASCII.backslash: output.append(contentsOf: [ASCII.backslash, ASCII.backslash])
            case 0x08: output.append(contentsOf: [ASCII.backslash, UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [ASCII.backslash, UInt8(ascii: "f")])
            case ASCII.lineFeed: output.append(contentsOf: [ASCII.backslash, UInt8(ascii: "n")])
            case ASCII.carriageReturn: output.append(contentsOf: [ASCII.backslash, UInt8(ascii: "r")])
            case ASCII.tab: output.append(contentsOf: [ASCII.backslash, UInt8(ascii: "t")])
            case 0x00..<0x20, 0x7F: unicodeEscape(UInt32(byte))
            default: output.append(byte)
            }
        }
        output.append(ASCII.quote)
        return String(decoding: output, as: UTF8.self)
    }
}
