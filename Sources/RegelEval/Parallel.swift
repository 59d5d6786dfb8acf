import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues
import Dispatch

/// Runs independent pieces of work on all cores and keeps their results in
/// order, so output stays deterministic whatever the scheduling.
enum Parallel {
    /// One slot per iteration in memory that no Swift collection owns: each
    /// thread initialises only its own slot, so no copy-on-write check or
    /// reference count is shared between threads.
    private final class Slots<T>: @unchecked Sendable {
        let base: UnsafeMutablePointer<T>
        init(_ n: Int) { base = .allocate(capacity: max(1, n)) }
        deinit { base.deallocate() }
    }

    static func map<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        if count <= 1 { return (0..<count).map(body) }
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            (slots.base + i).initialize(to: body(i))
        }
        let results = Array(UnsafeBufferPointer(start: slots.base, count: count))
        slots.base.deinitialize(count: count)
        return results
    }

    /// `0..<total` cut into about `pieces` ranges of equal size.
    static func ranges(_ total: Int, pieces: Int) -> [Range<Int>] {
        let n = max(1, min(pieces, total / 4096 + 1))
        return (0..<n).map { i in (total * i / n)..<(total * (i + 1) / n) }
    }
}
