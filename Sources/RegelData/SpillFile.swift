#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A scratch file for output that must be put in another order before it is
/// written (text findings grouped by rule): appended to, then read back in
/// pieces. It is created in the temporary folder (`TMPDIR`, else `/tmp`)
/// readable by its owner only, and removed from the folder at once, so it
/// disappears with the process however the process ends and no other user
/// can read the patient data in it.
public final class SpillFile {
    private let descriptor: Int32
    /// Bytes appended so far: the offset of the next append.
    public private(set) var size = 0

    public init() throws(OutputFileError) {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(folder)/regelverk-spill-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw OutputFileError("cannot create a temporary file in \(folder): \(String(cString: strerror(errno))); set TMPDIR to a writable folder")
        }
        _ = fchmod(fd, 0o600)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Appends `bytes`; returns where they start.
    @discardableResult
    public func append(_ bytes: [UInt8]) throws(OutputFileError) -> Int {
        let start = size
        var failure: OutputFileError?
        bytes.withUnsafeBytes { raw in
            guard var pointer = raw.baseAddress else { return }
            var left = raw.count
            while left > 0 {
                let n = pwrite(descriptor, pointer, left, off_t(size))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    failure = OutputFileError(
                        "cannot write the temporary file: \(String(cString: strerror(errno))); free space in the temporary folder or set TMPDIR to another one")
                    return
                }
                pointer += n
                left -= n
                size += n
            }
        }
        if let failure { throw failure }
        return start
    }

    /// The `count` bytes at `offset`.
    public func read(at offset: Int, count: Int) throws(OutputFileError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        var failure: OutputFileError?
        out.withUnsafeMutableBytes { raw in
            while done < count {
                let n = pread(descriptor, raw.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    failure = OutputFileError("cannot read back the temporary file: \(n < 0 ? String(cString: strerror(errno)) : "it is shorter than written")")
                    return
                }
                done += n
            }
        }
        if let failure { throw failure }
        return out
    }
}
