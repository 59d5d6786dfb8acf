/// Windows-1252 as the WHATWG Encoding Standard defines it (which is what
/// "ISO-8859-1"/"Latin-1" labels mean in practice): 0x80–0x9F are the
/// typographic specials below, every other byte is the code point of the same
/// value. The five bytes Microsoft leaves undefined (0x81, 0x8D, 0x8F, 0x90,
/// 0x9D) map to the C1 controls of the same value, so every byte decodes.
public enum Windows1252 {
    private static let specials: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178
    ]

    /// The Unicode scalar a single Windows-1252 byte stands for.
    public static func scalar(for byte: UInt8) -> Unicode.Scalar {
        let value = (0x80...0x9F).contains(byte) ? specials[Int(byte) - 0x80] : UInt32(byte)
        return Unicode.Scalar(value)!  // every table entry is a valid scalar
    }

    public static func decode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // At most 3 UTF-8 bytes per input byte (the specials are all below U+FFFF).
        String(unsafeUninitializedCapacity: bytes.count * 3) { output in
            var written = 0
            for byte in bytes {
                if byte < 0x80 {
                    output[written] = byte
                    written += 1
                    continue
                }
                for unit in UTF8.encode(scalar(for: byte))! {
                    output[written] = unit
                    written += 1
                }
            }
            return written
        }
    }
}

extension Windows1252 {
    /// A whole Windows-1252 input as UTF-8 bytes.
    static func transcode(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        for byte in bytes {
            if byte < 0x80 { out.append(byte); continue }
            out.append(contentsOf: UTF8.encode(scalar(for: byte))!)
        }
        return out
    }
}
