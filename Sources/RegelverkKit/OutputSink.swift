import Foundation
import RegelCheck

/// Where a command's main output goes: a file (`--output`) or the console,
/// written in large chunks as it is produced rather than built up as one
/// string first.
final class OutputSink {
    private var buffer: [UInt8] = []
    private let file: FileHandle?
    private let console: Console
    private static let chunk = 1 << 20

    init(path: String?, console: Console) throws {
        self.console = console
        if let path {
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw InputError("cannot write '\(path)': check that the folder exists and is writable")
            }
            file = handle
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
        if let file {
            file.write(Data(buffer))
        } else {
            console.out(String(decoding: buffer, as: UTF8.self))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        flush()
        try? file?.close()
    }
}
