import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the program with standard error on a pseudo-terminal, as in a
/// terminal window, and returns what it wrote there.
enum Terminal {
    static func run(_ args: [String], environment: [String: String] = [:]) throws -> String {
        var master: Int32 = 0, slave: Int32 = 0
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw POSIXError(.ENXIO) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: args[0])
        process.arguments = Array(args.dropFirst())
        process.currentDirectoryURL = Binary.repository
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.merge(environment) { _, given in given }
        process.environment = env
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardError = terminal
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        // Read while it runs: a full terminal buffer would block the program.
        let output = Output()
        let fd = master
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
                if n <= 0 { break }
                output.append(buffer[0..<n])
            }
            output.finish()
        }
        try process.run()
        close(slave)
        reader.start()
        process.waitUntilExit()
        output.wait()
        close(master)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    final class Output: @unchecked Sendable {
        private(set) var bytes: [UInt8] = []
        private let lock = NSLock()
        private let done = DispatchSemaphore(value: 0)
        func append(_ b: ArraySlice<UInt8>) { lock.lock(); bytes += b; lock.unlock() }
        func finish() { done.signal() }
        func wait() { done.wait() }
    }
}
