/// UTF-16 exports (Excel's "Unicode text" and some Windows tools): always
/// with a byte order mark, which tells the byte order.
enum UTF16Text {
    enum Order { case littleEndian, bigEndian }

    static func byteOrder(of bytes: UnsafeBufferPointer<UInt8>) -> Order? {
        guard bytes.count >= 2 else { return nil }
        if bytes[0] == 0xFF && bytes[1] == 0xFE { return .littleEndian }
        if bytes[0] == 0xFE && bytes[1] == 0xFF { return .bigEndian }
        return nil
    }

    /// The text after the mark as UTF-8; nil when it is not valid UTF-16.
    static func transcode(_ bytes: UnsafeBufferPointer<UInt8>, order: Order) -> [UInt8]? {
        guard bytes.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(order == .littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count + units.count / 4)
        let failed = Swift.transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) { out.append($0) }
        return failed ? nil : out
    }
}
