import RegelBuiltins

/// Decides what encoding an export is in and hands back its text as UTF-8,
/// so that the readers only ever see UTF-8 and a misread file is reported
/// once, for the whole file, instead of on every record.
///
/// Without a forced encoding: a UTF-8 or UTF-16 byte order mark decides;
/// otherwise valid UTF-8 is UTF-8, and anything else is Windows-1252 (every
/// byte decodes there; it is what "ANSI" exports from Swedish Windows
/// systems are). A forced encoding that does not fit the bytes is refused.
public enum InputDecoding {
    public struct Decoded: Sendable {
        public var source: DataSource
        /// What was decided, for a notice on standard error (nil: plain UTF-8).
        public var notice: String?
    }

    public static func utf8(_ source: DataSource, forced: TextEncoding? = nil) throws(InputDecodingError) -> Decoded {
        let bytes = source.bytes
        let name = source.name
        if let utf16 = UTF16Text.byteOrder(of: bytes) {
            if let forced {
                throw InputDecodingError(
                    "\(name): the file is UTF-16 (it starts with a UTF-16 byte order mark), not \(forced.label); leave out --encoding and it is read as UTF-16")
            }
            guard let text = UTF16Text.transcode(bytes, order: utf16) else {
                throw InputDecodingError(
                    "\(name): the file starts with a UTF-16 byte order mark but is not valid UTF-16 (an odd number of bytes or a broken surrogate pair); "
                        + "export it again, preferably as UTF-8"
                )
            }
            return Decoded(
                source: rebuilt(source, text), notice: "\(name): read as UTF-16 (\(utf16 == .littleEndian ? "little" : "big")-endian, from its byte order mark)"
            )
        }
        let hasUTF8Mark = ByteOrderMark.length(in: bytes) == 3
        let invalidAt = UTF8Validation.firstInvalidOffset(in: bytes, from: 0, to: bytes.count)
        if let zero = firstZeroByte(bytes) {
            throw InputDecodingError(
                "\(name):\(line(at: zero, in: bytes)): the file contains zero bytes, as UTF-16 without a byte order mark does; export it again as UTF-8 (or "
                    + "UTF-16 with a byte order mark)"
            )
        }
        switch forced {
        case .utf8?:
            if let invalidAt {
                throw InputDecodingError(
                    "\(name):\(line(at: invalidAt, in: bytes)): the file is not valid UTF-8 (byte 0x\(hex(bytes[invalidAt]))), although --encoding utf8 was "
                        + "given; it looks like Windows-1252 (ANSI): use --encoding windows1252, or leave out --encoding"
                )
            }
            return Decoded(source: validated(source), notice: nil)
        case .windows1252?:
            if hasUTF8Mark {
                throw InputDecodingError("\(name): the file starts with a UTF-8 byte order mark, so it is UTF-8, not Windows-1252; leave out --encoding")
            }
            if invalidAt == nil, let sample = Mojibake.firstUTF8Letter(in: bytes) {
                throw InputDecodingError(
                    "\(name):\(line(at: sample.offset, in: bytes)): the file is valid UTF-8 with letters such as '\(sample.letter)', which Windows-1252 would "
                        + "read as '\(sample.misread)'; it is UTF-8: leave out --encoding (or use --encoding utf8)"
                )
            }
            return Decoded(source: rebuilt(source, Windows1252.transcode(bytes)), notice: nil)
        case nil:
            guard let invalidAt else { return Decoded(source: validated(source), notice: nil) }
            if hasUTF8Mark {
                throw InputDecodingError(
                    "\(name):\(line(at: invalidAt, in: bytes)): the file starts with a UTF-8 byte order mark but is not valid UTF-8 there (byte "
                        + "0x\(hex(bytes[invalidAt]))); the file mixes encodings: export it again as UTF-8"
                )
            }
            return Decoded(
                source: rebuilt(source, Windows1252.transcode(bytes)),
                notice:
                    "\(name): not valid UTF-8 (first at line \(line(at: invalidAt, in: bytes))), so read as Windows-1252 (ANSI); give --encoding windows1252 "
                    + "to say so and silence this notice"
            )
        }
    }

    static func validated(_ source: DataSource) -> DataSource {
        var copy = source
        copy.isKnownValidUTF8 = true
        return copy
    }

    static func rebuilt(_ source: DataSource, _ bytes: [UInt8]) -> DataSource {
        var copy = DataSource(name: source.name, bytes: bytes)
        copy.delimiter = source.delimiter
        copy.columnAliases = source.columnAliases
        copy.progress = source.progress
        // Both transcoders write valid UTF-8.
        copy.isKnownValidUTF8 = true
        return copy
    }

    static func firstZeroByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        // Only the start: a UTF-16 export without a mark has zeros in its first line.
        let end = min(bytes.count, 4096)
        for i in 0..<end where bytes[i] == 0 { return i }
        return nil
    }

    static func line(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        for i in 0..<offset where bytes[i] == ASCII.lineFeed { line += 1 }
        return line
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}

/// Why an export's bytes cannot be read as text, for administrators.
public struct InputDecodingError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension TextEncoding {
    public var label: String {
        switch self {
        case .utf8: "UTF-8"
        case .windows1252: "Windows-1252"
        }
    }
}

/// Telling a UTF-8 file from one meant as Windows-1252: a valid UTF-8
/// multi-byte letter read as Windows-1252 becomes two or three odd
/// characters (`å` → `Ã¥`), which no Swedish export means.
enum Mojibake {
    static func firstUTF8Letter(in bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, letter: String, misread: String)? {
        var p = 0
        while p < bytes.count {
            let lead = bytes[p]
            if lead < 0x80 { p += 1; continue }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            let end = min(bytes.count, p + length)
            let piece = UnsafeBufferPointer(rebasing: bytes[p..<end])
            return (p, String(decoding: piece, as: UTF8.self), Windows1252.decode(piece))
        }
        return nil
    }
}
