/// Turns the bytes of one cell into a `String` in the input's encoding.
enum TextDecoding {
    /// `nil` when `encoding` is UTF-8 and the bytes are not valid UTF-8.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, encoding: TextEncoding) -> String? {
        switch encoding {
        case .utf8:
            // Checked here because `String(validating:)` is not specialized
            // for buffers and costs a generic metadata lookup per cell.
            if !isASCII(bytes) && UTF8Validation.firstInvalidOffset(in: bytes, from: 0, to: bytes.count) != nil {
                return nil
            }
            return String(decoding: bytes, as: UTF8.self)
        case .windows1252:
            if isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
            return Windows1252.decode(bytes)
        }
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var combined: UInt8 = 0
        for byte in bytes { combined |= byte }
        return combined < 0x80
    }
}
