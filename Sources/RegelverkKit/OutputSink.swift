import Foundation
import RegelCheck
import RegelData

/// Where a command's main output goes: a file (`--output`) or the console,
/// written in large chunks as it is produced rather than built up as one
/// string first. A file is replaced only when `close()` succeeds; the first
/// write error stops further writing and is thrown by `close()`.
final class OutputSink {
    private var buffer: [UInt8] = []
    private let file: OutputFile?
    private let console: Console
    private var failure: OutputFileError?
    private static let chunk = 1 << 20

    /// - Parameter inputs: the run's data files, which `path` may not name.
    init(path: String?, inputs: [String] = [], console: Console) throws {
        self.console = console
        if let path {
            do { file = try OutputFile(path: path, inputs: inputs) } catch { throw InputError(error.description) }
        } else {
            file = nil
        }
        buffer.reserveCapacity(OutputSink.chunk + 4096)
    }

    func write(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= OutputSink.chunk { flush() }
    }

    func write(_ text: String) { write(text.utf8) }

    /// Lets a writer append straight into the buffer.
    func append(_ body: (inout [UInt8]) -> Void) {
        body(&buffer)
        if buffer.count >= OutputSink.chunk { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        if let file {
            do { try file.write(buffer) } catch { failure = error }
        } else {
            console.out(String(decoding: buffer, as: UTF8.self))
        }
    }

    /// Writes what is left and puts the file in place; throws the first write error.
    func close() throws {
        flush()
        if let failure {
            file?.abandon()
            throw InputError(failure.description)
        }
        do { try file?.commit() } catch { throw InputError(error.description) }
    }

    /// Leaves an existing file as it was (the run failed before its output was complete).
    func abandon() {
        file?.abandon()
    }
}
