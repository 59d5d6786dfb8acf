import Dispatch

/// Runs independent pieces of work on all cores and keeps their results in
/// order, so output stays deterministic whatever the scheduling.
enum Parallel {
    /// Slots written by exactly one iteration each.
    private final class Results<T>: @unchecked Sendable {
        var items: [T?]
        init(_ n: Int) { items = Array(repeating: nil, count: n) }
    }

    static func map<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        if count <= 1 { return (0..<count).map(body) }
        let results = Results<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let value = body(i)
            results.items[i] = value
        }
        return results.items.map { $0! }
    }

    /// `0..<total` cut into about `pieces` ranges of equal size.
    static func ranges(_ total: Int, pieces: Int) -> [Range<Int>] {
        let n = max(1, min(pieces, total / 4096 + 1))
        return (0..<n).map { i in (total * i / n)..<(total * (i + 1) / n) }
    }
}
