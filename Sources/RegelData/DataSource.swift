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
    /// Where the readers of this input count what they read (nil: nobody asks).
    public var progress: ReadProgress?
    /// The bytes were checked to be UTF-8 as a whole (`InputDecoding`), so
    /// the readers need not check each cell again.
    public var isKnownValidUTF8 = false

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
        try load(path: path, streamLimit: streamLimit)
    }

    /// As `load(path:)`, with another limit for standard input, pipes and devices.
    public static func load(path: String, streamLimit: Int) throws(DataSourceError) -> DataSource {
        if path == "-" {
            return DataSource(name: "<stdin>", bytes: try readAll(fileDescriptor: 0, path: "<stdin>", limit: streamLimit))
        }
        let descriptor = open(path, O_RDONLY)
        if descriptor < 0 {
            throw DataSourceError(path: path, reason: currentErrnoText())
        }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
            let mapped = ByteStorage(mapping: descriptor, count: Int(status.st_size), status: status)
        {
            return DataSource(name: path, storage: mapped)
        }
        return DataSource(name: path, bytes: try readAll(fileDescriptor: descriptor, path: path, limit: streamLimit))
    }

    /// Throws when the file changed while it was read (truncated or rewritten by another
    /// program): what was read cannot be trusted, so the run must not report on it.
    public func checkUnchanged() throws(DataSourceError) {
        if storage.changedSinceMapped {
            throw DataSourceError(
                path: name,
                reason: "the file changed while it was being read (it was shortened or rewritten by another program); run again once the export is complete")
        }
    }

    /// Standard input, a pipe or a device is read into memory up to this size
    /// (a regular file is mapped and has no such limit); beyond it the read stops
    /// with an error rather than filling memory (`/dev/zero`, an endless pipe).
    public static let streamLimit = 4 << 30

    private static func readAll(fileDescriptor: Int32, path: String, limit: Int) throws(DataSourceError) -> [UInt8] {
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
            if bytes.count > limit {
                let size = limit >= 1 << 30 ? "\(limit >> 30) GiB" : "\(limit >> 20) MiB"
                throw DataSourceError(
                    path: path, reason: "more than \(size) from a pipe or device; save the export to a file and name the file (files have no such limit)")
            }
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
