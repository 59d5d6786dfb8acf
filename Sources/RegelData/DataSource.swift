import Foundation

/// The whole input of one run, in memory (a regular file is mapped) so that
/// both readers can scan bytes without I/O in their loops.
public struct DataSource: Sendable {
    /// The path as the user gave it, or `<stdin>` when the path was `-`.
    public let name: String
    public let storage: ByteStorage
    public var bytes: UnsafeBufferPointer<UInt8> { storage.buffer }
    /// CSV: the delimiter the user forced (`--delimiter`); nil detects it.
    public var delimiter: UInt8?
    /// Header names to read for selected names that the export spells
    /// differently (`--column`, near misses): selected name → header name.
    public var columnAliases: [String: String] = [:]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        storage = ByteStorage(copying: bytes)
    }

    init(name: String, storage: ByteStorage) {
        self.name = name
        self.storage = storage
    }

    /// Reads a file, or all of standard input when `path` is `-`.
    public static func load(path: String) throws(DataSourceError) -> DataSource {
        if path == "-" {
            return DataSource(name: "<stdin>", bytes: try readAll(fileDescriptor: 0, path: "<stdin>"))
        }
        let descriptor = open(path, O_RDONLY)
        if descriptor < 0 {
            throw DataSourceError(path: path, reason: currentErrnoText())
        }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
           let mapped = ByteStorage(mapping: descriptor, count: Int(status.st_size)) {
            return DataSource(name: path, storage: mapped)
        }
        return DataSource(name: path, bytes: try readAll(fileDescriptor: descriptor, path: path))
    }

    private static func readAll(fileDescriptor: Int32, path: String) throws(DataSourceError) -> [UInt8] {
        var bytes: [UInt8] = []
        var status = stat()
        if fstat(fileDescriptor, &status) == 0, status.st_size > 0 {
            bytes.reserveCapacity(Int(status.st_size) + 1)
        }
        let chunkSize = 1 << 20
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, chunkSize) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw DataSourceError(path: path, reason: currentErrnoText())
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    private static func currentErrnoText() -> String {
        String(cString: strerror(errno))
    }
}

/// Why an input could not be read, e.g. `cannot read 'x.csv': No such file or directory`.
public struct DataSourceError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot read '\(path)': \(reason)" }
}
