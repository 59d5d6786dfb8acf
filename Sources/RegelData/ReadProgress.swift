import Foundation

/// How far the readers have come through a run's inputs, for a progress
/// line on a terminal: each reader adds what it read every few thousand
/// records (from any thread), the progress line reads the sums.
public final class ReadProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var records = 0
    private var bytes = 0

    public init() {}

    func add(records: Int, bytes: Int) {
        lock.lock()
        self.records += records
        self.bytes += bytes
        lock.unlock()
    }

    /// Records and bytes read so far.
    public var snapshot: (records: Int, bytes: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (records, bytes)
    }
}
