/// Strict UTF-8 checking (no overlong forms, no encoded surrogates, nothing
/// above U+10FFFF) that says where the first bad byte is.
enum UTF8Validation {
    /// Offset of the first byte that does not start a valid UTF-8 sequence in
    /// `buffer[start..<end]`, or `nil` when the range is valid.
    static func firstInvalidOffset(in buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard start < end, let base = buffer.baseAddress else { return nil }
        var p = start
        while p < end {
            // Exports are mostly ASCII: skip eight such bytes at a time.
            while end - p >= 8,
                UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                p += 8
            }
            guard p < end else { break }
            let lead = buffer[p]
            if lead < 0x80 {
                p += 1
                continue
            }
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; secondRange = 0x80...0x9F
            case 0xF0: length = 4; secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; secondRange = 0x80...0x8F
            default: return p
            }
            guard p + length <= end, secondRange.contains(buffer[p + 1]) else { return p }
            for offset in 2..<length where !(0x80...0xBF).contains(buffer[p + offset]) {
                return p
            }
            p += length
        }
        return nil
    }
}
