import Foundation
import RegelData

/// Locates the shared conformance data, which lives outside the project at
/// `../shared/conformance` relative to the package root and is never copied in.
enum ConformanceData {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // RegelDataTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/conformance")

    static func folder(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    static func isAvailable(_ relativePath: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder(relativePath).path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// Names of the files in `relativePath` with the given prefix and suffix,
    /// sorted; empty when the folder is absent.
    static func fileNames(in relativePath: String, prefix: String = "", suffix: String = "") -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder(relativePath).path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted()
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder(relativePath)))
    }
}

/// Reads every record of `text` (or `bytes`) into an array.
func readAll(
    _ text: String, name: String = "test.csv", format: RecordFormat? = nil,
    encoding: TextEncoding = .utf8, select: [String]? = nil
) throws -> (reader: RecordReader, records: [RawRecord]) {
    try readAll(bytes: Array(text.utf8), name: name, format: format, encoding: encoding, select: select)
}

func readAll(
    bytes: [UInt8], name: String = "test.csv", format: RecordFormat? = nil,
    encoding: TextEncoding = .utf8, select: [String]? = nil
) throws -> (reader: RecordReader, records: [RawRecord]) {
    var reader = try RecordReader(source: DataSource(name: name, bytes: bytes), format: format, encoding: encoding, select: select)
    var records: [RawRecord] = []
    while let record = reader.next() { records.append(record) }
    return (reader, records)
}

/// The cells of a record as optional strings (`nil` = missing), for short expectations.
func texts(_ record: RawRecord) -> [String?] {
    record.cells.map { cell in
        switch cell {
        case .missing: return nil
        case .text(let text): return text
        case .list(let items): return "list:" + items.joined(separator: "|")
        }
    }
}
