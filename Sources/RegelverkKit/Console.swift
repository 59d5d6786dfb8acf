#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// Where a command writes. The real one is the terminal; tests pass one that
/// collects the text.
public final class Console: @unchecked Sendable {
    public private(set) var output = ""
    public private(set) var errors = ""
    /// Why standard output could not be written (a full disk, a closed pipe), once it failed;
    /// the command then ends with status 2 instead of looking successful.
    public private(set) var outputFailure: String?
    let capture: Bool
    public let colourOut: Bool
    public let colourErr: Bool

    public init(capture: Bool) {
        self.capture = capture
        let env = getenv("NO_COLOR") == nil
        colourOut = !capture && env && isatty(1) != 0
        colourErr = !capture && env && isatty(2) != 0
    }

    public func out(_ s: String) {
        if capture { output += s } else if outputFailure == nil { write(1, s) }
    }

    public func err(_ s: String) {
        if capture { errors += s } else { write(2, s) }
    }

    private func write(_ fd: Int32, _ s: String) {
        let bytes = Array(s.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Console.systemWrite(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                if fd == 1 && outputFailure == nil {
                    outputFailure = "cannot write to standard output: " + (n < 0 ? String(cString: strerror(errno)) : "nothing was written")
                }
                return
            }
            offset += n
        }
    }

    /// write(2) from the C library of the platform (the method above has the
    /// same name, so the call is qualified by module).
    static func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            return Glibc.write(fd, buffer, count)
        #elseif canImport(Darwin)
            return Darwin.write(fd, buffer, count)
        #elseif canImport(Musl)
            return Musl.write(fd, buffer, count)
        #endif
    }
}
