import Foundation

/// Locates the shared conformance data, which lives outside the project at
/// `<package root>/../shared/conformance` and is never copied into it.
enum ConformanceData {
    /// `<package root>/../shared/conformance`, found from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // RegelBuiltinsTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/conformance")
        .standardizedFileURL

    static let dateOracles = root.appendingPathComponent("date-oracles")
    static let personnummerMeta = root.appendingPathComponent("personnummer-meta/testdata")

    static var hasDateOracles: Bool { exists(dateOracles) }
    static var hasPersonnummerMeta: Bool { exists(personnummerMeta) }

    private static func exists(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The data rows of a CSV file with a header and no quoting, each split at commas.
    static func csvRows(_ name: String, expectedHeader: String) throws -> [[Substring]] {
        let text = try String(contentsOf: dateOracles.appendingPathComponent(name), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first, header == expectedHeader else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(name): unexpected header"])
        }
        lines.removeFirst()
        return lines.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    }

    static func personnummerJSON<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        let data = try Data(contentsOf: personnummerMeta.appendingPathComponent(name))
        return try JSONDecoder().decode(T.self, from: data)
    }
}
