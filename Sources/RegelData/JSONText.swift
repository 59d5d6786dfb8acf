/// Writing JSON string literals, for JSON Lines output.
public enum JSONText {
    /// `s` as a JSON string literal: quotes, backslashes and control
    /// characters escaped; everything else kept as UTF-8.
    public static func quote(_ s: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(s.utf8.count + 2)
        output.append(ASCII.quote)
        for byte in s.utf8 {
            switch byte {
            case ASCII.quote: output.append(contentsOf: [ASCII.backslash, ASCII.quote])
            case ASCII.backslash: output.append(contentsOf: [ASCII.backslash, ASCII.backslash])
            case 0x08: output.append(contentsOf: [ASCII.backslash, UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [ASCII.backslash, UInt8(ascii: "f")])
            case ASCII.lineFeed: output.append(contentsOf: [ASCII.backslash, UInt8(ascii: "n")])
            case ASCII.carriageReturn: output.append(contentsOf: [ASCII.backslash, UInt8(ascii: "r")])
            case ASCII.tab: output.append(contentsOf: [ASCII.backslash, UInt8(ascii: "t")])
            case 0x00..<0x20:
                let hexDigits = Array("0123456789abcdef".utf8)
                output.append(contentsOf: [ASCII.backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                           hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
            default: output.append(byte)
            }
        }
        output.append(ASCII.quote)
        return String(decoding: output, as: UTF8.self)
    }
}
