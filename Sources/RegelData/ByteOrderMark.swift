enum ByteOrderMark {
    /// 3 when `bytes` starts with the UTF-8 byte order mark, else 0.
    static func length(in bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { length(in: $0) }
    }

    static func length(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }
}
