#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one run of a child process cost, from the kernel's own accounting
/// of the finished child (wait4): user and system CPU time and peak
/// resident memory; wall time from the monotonic clock around spawn and reap.
struct Measurement {
    var wall: Double
    var user: Double
    var sys: Double
    var peakMiB: Double
    var status: Int32

    var cpu: Double { user + sys }
}

enum Child {
    /// Runs `argv` (argv[0] a path, or a name looked up in PATH when
    /// `searchPath`), standard input from /dev/null, standard output and
    /// error to the given files (/dev/null when nil), and waits for it.
    static func run(
        _ argv: [String], stdout: String? = nil, stderr: String? = nil,
        searchPath: Bool = false
    ) -> Measurement {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let start = now()
        let rc =
            searchPath
            ? posix_spawnp(&pid, argv[0], &actions, nil, cArgs, environ)
            : posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ)
        if rc != 0 {
            return Measurement(wall: 0, user: 0, sys: 0, peakMiB: 0, status: 127)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = now() - start
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let sys = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        #if os(Linux)
            let peak = Double(usage.ru_maxrss) / 1024  // KiB on Linux
        #else
            let peak = Double(usage.ru_maxrss) / 1_048_576  // bytes on macOS
        #endif
        // WIFEXITED / WEXITSTATUS, written out (the C macros are not imported).
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Measurement(wall: wall, user: user, sys: sys, peakMiB: peak, status: exit)
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

func median(_ xs: [Double]) -> Double {
    if xs.isEmpty { return .nan }
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
