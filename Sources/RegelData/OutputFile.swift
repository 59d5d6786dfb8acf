#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file a command writes (`--output`, `format --write`) without ever
/// damaging what is already there: the bytes go to a temporary file in the
/// same folder, which replaces the old file only once everything has been
/// written and flushed to disk. Until `commit()`, the old file is untouched;
/// if the run fails, or the object goes away uncommitted, the temporary file
/// is removed. A terminal or `/dev/null` is written directly. Anything else
/// that is not a regular file (a FIFO, a device, a folder), and a file that
/// is one of the run's inputs, is refused before anything is written.
public final class OutputFile {
    /// The path as the user gave it, for messages.
    public let path: String
    private var descriptor: Int32
    private let temporaryPath: String?
    private let finalPath: String
    private var finished = false

    /// - Parameter inputs: the files the run reads; the output may not be one of them.
    public init(path: String, inputs: [String] = []) throws(OutputFileError) {
        self.path = path
        let target = OutputFile.resolvingLinks(path)
        var existing = stat()
        let exists = stat(target, &existing) == 0
        if exists {
            for input in inputs where input != "-" {
                var status = stat()
                if stat(input, &status) == 0, status.st_dev == existing.st_dev, status.st_ino == existing.st_ino {
                    throw OutputFileError(
                        "--output '\(path)' is the same file as the input '\(input)'; writing findings there would destroy the export. Choose another "
                            + "output file"
                    )
                }
            }
            let kind = existing.st_mode & S_IFMT
            if kind != S_IFREG {
                // Only a character device can be a terminal; opening a FIFO would wait for a reader.
                let direct = kind == S_IFCHR ? open(target, O_WRONLY | O_NOCTTY | O_NONBLOCK) : -1
                if direct >= 0, isatty(direct) != 0 || OutputFile.isNullDevice(existing) {
                    descriptor = direct
                    temporaryPath = nil
                    finalPath = target
                    return
                }
                if direct >= 0 { close(direct) }
                throw OutputFileError(
                    "cannot write '\(path)': it is \(OutputFile.describe(kind)), not a regular file; name a file to write (it is created, or replaced only "
                        + "when the run succeeds)"
                )
            }
        } else if errno != ENOENT {
            throw OutputFileError("cannot write '\(path)': \(OutputFile.errnoText())")
        }
        let folder = OutputFile.folder(of: target)
        let name = target.split(separator: "/").last.map(String.init) ?? target
        var template = Array("\(folder)/.\(name).regelverk-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 {
            throw OutputFileError("cannot write '\(path)': \(OutputFile.errnoText()); check that the folder exists and is writable")
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        if exists {
            _ = fchmod(fd, existing.st_mode & 0o7777)
            _ = fchown(fd, existing.st_uid, existing.st_gid)
        } else {
            let mask = umask(0)
            umask(mask)
            _ = fchmod(fd, 0o666 & ~mask)
        }
        descriptor = fd
        temporaryPath = temporary
        finalPath = target
    }

    deinit {
        if !finished { abandon() }
    }

    /// Writes all of `bytes`; throws with the system's reason (e.g. no space left on device).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputFileError) {
        guard var pointer = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = systemWrite(descriptor, pointer, left)
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputFileError("cannot write '\(path)': \(OutputFile.errnoText())" + OutputFile.keptNote(temporaryPath != nil))
            }
            pointer += n
            left -= n
        }
    }

    public func write(_ bytes: [UInt8]) throws(OutputFileError) {
        var failure: OutputFileError?
        bytes.withUnsafeBytes { raw in
            do throws(OutputFileError) { try write(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Flushes to disk and puts the new file in place of the old one.
    public func commit() throws(OutputFileError) {
        guard !finished else { return }
        finished = true
        guard let temporaryPath else {
            close(descriptor)
            return
        }
        let synced = fsync(descriptor) == 0
        let syncError = errno
        let closed = close(descriptor) == 0
        if !synced || !closed {
            errno = synced ? errno : syncError
            let reason = OutputFile.errnoText()
            unlink(temporaryPath)
            throw OutputFileError("cannot write '\(path)': \(reason)" + OutputFile.keptNote(true))
        }
        if rename(temporaryPath, finalPath) != 0 {
            let reason = OutputFile.errnoText()
            unlink(temporaryPath)
            throw OutputFileError("cannot write '\(path)': \(reason)" + OutputFile.keptNote(true))
        }
    }

    /// Removes the temporary file; the old file stays as it was.
    public func abandon() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        if let temporaryPath { unlink(temporaryPath) }
    }

    private static func keptNote(_ replacing: Bool) -> String {
        replacing ? "; nothing was written, and an existing file of that name is unchanged" : ""
    }

    private static func isNullDevice(_ status: stat) -> Bool {
        var null = stat()
        return stat("/dev/null", &null) == 0 && null.st_rdev == status.st_rdev && (status.st_mode & S_IFMT) == S_IFCHR
    }

    private static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFCHR: "a device"
        case S_IFBLK: "a disk device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }

    /// A symbolic link is followed, so the file it points to is replaced and the link stays.
    private static func resolvingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { return current }
            let target = buffer[0..<n].withUnsafeBufferPointer { String(decoding: UnsafeRawBufferPointer($0), as: UTF8.self) }
            current = target.hasPrefix("/") ? target : folder(of: current) + "/" + target
        }
        return current
    }

    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(fd, buffer, count)
    #else
        Darwin.write(fd, buffer, count)
    #endif
}

/// Why an output could not be written; the old file, if any, is unchanged.
public struct OutputFileError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
