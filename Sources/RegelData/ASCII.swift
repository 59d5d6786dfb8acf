/// Byte constants used by the scanners.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let comma: UInt8 = 0x2C
    static let semicolon: UInt8 = 0x3B
    static let backslash: UInt8 = 0x5C
    static let openBrace: UInt8 = 0x7B

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == lineFeed || byte == carriageReturn
    }
}

enum ByteOrderMark {
    /// 3 when `bytes` starts with the UTF-8 byte order mark, else 0.
    static func length(in bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { length(in: $0) }
    }

    static func length(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }
}
