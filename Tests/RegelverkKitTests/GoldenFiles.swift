import Foundation
import Testing

/// Golden files sit next to the tests: `X.regel` and its expected output
/// `X.regel.<kind>`. To re-record after an intended change, run the tests
/// with REGELVERK_RECORD=1: the files are rewritten and the test fails, so a
/// run never passes by rewriting itself.
enum GoldenFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["REGELVERK_RECORD"] != nil

    static func cases(_ folder: String) -> [String] {
        let dir = root.appendingPathComponent(folder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".regel") }.sorted()
    }

    static func input(_ folder: String, _ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(folder).appendingPathComponent(name), encoding: .utf8)
    }

    /// Compares `actual` with the golden file, or records it.
    static func verify(_ actual: String, _ folder: String, _ name: String, kind: String) throws {
        let url = root.appendingPathComponent(folder).appendingPathComponent(name + "." + kind)
        if recording {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(url.lastPathComponent); run again without REGELVERK_RECORD")
            return
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing golden file \(url.lastPathComponent)>"
        #expect(actual == expected, "golden file \(folder)/\(url.lastPathComponent) differs")
    }

    /// Paths in rendered diagnostics are shown relative to the golden folder.
    static func displayPath(_ folder: String, _ name: String) -> String { "\(folder)/\(name)" }
}
