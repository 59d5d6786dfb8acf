import Foundation
import RegelData
import Testing

/// An export that another program shortens or rewrites while it is read must
/// give an error, never SIGBUS (the file is memory-mapped).
@Suite struct ChangingInputTests {
    private func temporaryFile(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("regeldata-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return url
    }

    @Test func truncatedWhileMappedReadsZerosAndIsReported() throws {
        let size = 256 * 1024
        let url = try temporaryFile(Array(repeating: UInt8(ascii: "a"), count: size))
        defer { try? FileManager.default.removeItem(at: url) }
        let source = try DataSource.load(path: url.path)
        #expect(throws: Never.self) { try source.checkUnchanged() }
        #expect(truncate(url.path, 0) == 0)
        // Each page past the new end would raise SIGBUS without the guard.
        var sum = 0
        for i in stride(from: 0, to: size, by: 4096) { sum += Int(source.bytes[i]) }
        sum += Int(source.bytes[size - 1])
        #expect(sum == 0)
        #expect(throws: DataSourceError.self) { try source.checkUnchanged() }
        do { try source.checkUnchanged() } catch {
            #expect(error.description.contains("changed while it was being read"))
        }
    }

    @Test func rewrittenInPlaceIsReported() throws {
        let url = try temporaryFile(Array("a,b\n1,2\n".utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        let source = try DataSource.load(path: url.path)
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data("a,b\n3,4\n5,6\n".utf8))
        try handle.close()
        #expect(throws: DataSourceError.self) { try source.checkUnchanged() }
    }

    @Test func endlessDeviceStopsAtTheLimit() throws {
        guard FileManager.default.fileExists(atPath: "/dev/zero") else { return }
        do {
            _ = try DataSource.load(path: "/dev/zero", streamLimit: 8 << 20)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("more than 8 MiB from a pipe or device"))
        }
    }
}
