/// Booleans as written in a data contract, and as Swedish Excel writes them. Accepted,
/// ASCII case-insensitive, nothing else (no "yes"/"no", no surrounding spaces):
/// `ja`/`nej`, `true`/`false`, `j`/`n`, `1`/`0`, `sant`/`falskt`.
public enum ContractBool {
    @inlinable
    public static func parse(_ text: some StringProtocol) -> Bool? {
        if let value = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) {
            return value
        }
        var copy = String(text)
        return copy.withUTF8 { parse(bytes: $0) }
    }

    /// Same as `parse(_:)`, from UTF-8 bytes; does not allocate.
    public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch bytes.count {
        case 1:
            switch ASCII.lowercased(bytes[0]) {
            case UInt8(ascii: "j"), UInt8(ascii: "1"): return true
            case UInt8(ascii: "n"), UInt8(ascii: "0"): return false
            default: return nil
            }
        case 2:
            return matches(bytes, "ja") ? true : nil
        case 3:
            return matches(bytes, "nej") ? false : nil
        case 4:
            return matches(bytes, "true") || matches(bytes, "sant") ? true : nil
        case 5:
            return matches(bytes, "false") ? false : nil
        case 6:
            return matches(bytes, "falskt") ? false : nil
        default:
            return nil
        }
    }

    /// `bytes` equals the lowercase ASCII `word`, ignoring ASCII case in `bytes`.
    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for index in 0..<bytes.count where ASCII.lowercased(bytes[index]) != expected[index] {
            return false
        }
        return true
    }
}
