#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keeps a mapped input from killing the process when the file shrinks while
/// it is read (another program truncates or rewrites the export): touching a
/// page past the new end raises SIGBUS. The handler puts zero-filled memory
/// over the rest of that mapping, so the readers go on, and marks the input;
/// the command then refuses the run with a clear message (`DataSource.checkUnchanged`).
/// The state lives in plain memory allocated once, as a signal handler may
/// not allocate or take locks.
enum MappingGuard {
    private static let capacity = 256
    /// Start and end address per slot; 0 is a free slot.
    nonisolated(unsafe) private static let ranges: UnsafeMutablePointer<Int> = {
        let p = UnsafeMutablePointer<Int>.allocate(capacity: capacity * 2)
        p.initialize(repeating: 0, count: capacity * 2)
        return p
    }()
    nonisolated(unsafe) private static let faulted: UnsafeMutablePointer<Int> = {
        let p = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        p.initialize(repeating: 0, count: capacity)
        return p
    }()
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let p = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(p, nil)
        return p
    }()
    private static let installed: Bool = {
        _ = ranges; _ = faulted; _ = pageSize
        #if os(Linux)
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = busHandler
            action.sa_flags = SA_SIGINFO
            sigemptyset(&action.sa_mask)
            return sigaction(SIGBUS, &action, nil) == 0
        #else
            return false
        #endif
    }()

    /// Watches `count` bytes at `start`; the slot to ask and release later, nil if all are taken.
    static func register(_ start: UnsafeRawPointer, count: Int) -> Int? {
        _ = installed
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        for slot in 0..<capacity where ranges[slot * 2] == 0 {
            faulted[slot] = 0
            ranges[slot * 2 + 1] = Int(bitPattern: start) + count
            ranges[slot * 2] = Int(bitPattern: start)
            return slot
        }
        return nil
    }

    static func unregister(_ slot: Int) {
        pthread_mutex_lock(lock)
        ranges[slot * 2] = 0
        ranges[slot * 2 + 1] = 0
        pthread_mutex_unlock(lock)
    }

    /// True once a read of this mapping hit the end of a file that had become shorter.
    static func didFault(_ slot: Int) -> Bool { faulted[slot] != 0 }

    #if os(Linux)
        private static let busHandler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = { _, info, _ in
            guard let info else { signal(SIGBUS, SIG_DFL); return }
            let address = Int(bitPattern: info.pointee._sifields._sigfault.si_addr)
            for slot in 0..<MappingGuard.capacity {
                let start = MappingGuard.ranges[slot * 2], end = MappingGuard.ranges[slot * 2 + 1]
                guard start != 0, address >= start, address < end else { continue }
                let page = address & ~(MappingGuard.pageSize - 1)
                let zeros = mmap(
                    UnsafeMutableRawPointer(bitPattern: page), end - page, PROT_READ,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
                if zeros == MAP_FAILED { break }
                MappingGuard.faulted[slot] = 1
                return
            }
            // Not one of ours: the default action (the fault repeats and ends the process).
            signal(SIGBUS, SIG_DFL)
        }
    #endif
}
