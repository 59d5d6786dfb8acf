import Foundation

/// The bytes of one input. A regular file is mapped into memory rather than
/// copied, so a reader can hand back the pages it has finished with
/// (`release(upTo:)`) and a run's memory does not grow with the file.
public final class ByteStorage: @unchecked Sendable {
    public let buffer: UnsafeBufferPointer<UInt8>
    private let mapped: Bool
    private var releasedUpTo = 0
    /// A mapped file: its descriptor and what it was when mapped, to notice a change.
    private let descriptor: Int32
    private let mappedSize: Int
    private let mappedModification: timespec
    private let guardSlot: Int?

    /// A copy of `bytes` (standard input, tests).
    public init(copying bytes: [UInt8]) {
        let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        memory.initialize(from: bytes, count: bytes.count)
        buffer = UnsafeBufferPointer(start: memory, count: bytes.count)
        mapped = false
        descriptor = -1
        mappedSize = 0
        mappedModification = timespec()
        guardSlot = nil
    }

    /// Maps `count` bytes of an open file read-only; nil if the system refuses.
    init?(mapping descriptor: Int32, count: Int, status: stat) {
        guard count > 0, let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            return nil
        }
        _ = madvise(address, count, MADV_SEQUENTIAL)
        buffer = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: count)
        mapped = true
        self.descriptor = dup(descriptor)
        mappedSize = count
        mappedModification = status.st_mtim
        guardSlot = MappingGuard.register(address, count: count)
    }

    /// True when the mapped file was shortened or rewritten since it was mapped, so the
    /// bytes read may be a mix of old, new and zero-filled ones.
    public var changedSinceMapped: Bool {
        guard mapped else { return false }
        if let guardSlot, MappingGuard.didFault(guardSlot) { return true }
        var now = stat()
        guard descriptor >= 0, fstat(descriptor, &now) == 0 else { return false }
        return Int(now.st_size) != mappedSize || now.st_mtim.tv_sec != mappedModification.tv_sec
            || now.st_mtim.tv_nsec != mappedModification.tv_nsec
    }

    deinit {
        if let guardSlot { MappingGuard.unregister(guardSlot) }
        if descriptor >= 0 { close(descriptor) }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
        } else {
            buffer.baseAddress.map { UnsafeMutablePointer(mutating: $0).deallocate() }
        }
    }

    /// Tells the system that the bytes before `offset` will not be read
    /// again, so their pages need not stay in memory (mapped files only).
    public func release(upTo offset: Int) {
        guard mapped, let base = buffer.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = min(offset, buffer.count) / page * page
        guard end > releasedUpTo else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + releasedUpTo), end - releasedUpTo, MADV_DONTNEED)
        releasedUpTo = end
    }

    /// Like `release(upTo:)` for the whole pages within `range`: for parts of
    /// the input read on several threads at once, each handing back its own.
    public func release(_ range: Range<Int>) {
        guard mapped, let base = buffer.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page, end = min(range.upperBound, buffer.count) / page * page
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Lets code written for `[UInt8]` run on a mapped buffer unchanged.
    @inline(__always)
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(self)
    }
}
