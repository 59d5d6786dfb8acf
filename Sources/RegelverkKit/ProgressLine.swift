import Foundation
import RegelData
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// One line on standard error that tells how far a long run has come
/// (records read, records per second, share of the input read), redrawn
/// in place. Only on a terminal, and only once the run has taken longer
/// than a second (`REGELVERK_PROGRESS_AFTER` seconds, if set): a pipe, a
/// file or a short run gets nothing.
final class ProgressLine: @unchecked Sendable {
    let counts = ReadProgress()
    private let totalBytes: Int
    private let delay: Double
    private let started = Date()
    private let lock = NSLock()
    private var running = true
    private var drawn = false
    private let done = DispatchSemaphore(value: 0)

    /// nil when standard error is not a terminal (or the console is captured).
    static func start(for sources: [DataSource], _ console: Console) -> ProgressLine? {
        guard !console.capture, isatty(2) != 0 else { return nil }
        let delay = ProcessInfo.processInfo.environment["REGELVERK_PROGRESS_AFTER"].flatMap(Double.init) ?? 1
        let line = ProgressLine(totalBytes: sources.reduce(0) { $0 + $1.bytes.count }, delay: max(0, delay))
        if line.delay == 0 {
            // Shown at once, so that a run of any length draws it (for checking it on a terminal).
            line.lock.lock()
            line.draw()
            line.lock.unlock()
        }
        Thread.detachNewThread { line.tick() }
        return line
    }

    private init(totalBytes: Int, delay: Double) {
        self.totalBytes = totalBytes
        self.delay = delay
    }

    /// The inputs, counting into this line as they are read.
    func counting(_ sources: [DataSource]) -> [DataSource] {
        sources.map { s in
            var s = s
            s.progress = counts
            return s
        }
    }

    private func tick() {
        while true {
            Thread.sleep(forTimeInterval: 0.25)
            lock.lock()
            let go = running
            if go && Date().timeIntervalSince(started) >= delay { draw() }
            lock.unlock()
            if !go { break }
        }
        done.signal()
    }

    /// The rate at which the input was read, once it all was.
    private var readingRate: Int?

    /// Called with the lock held.
    private func draw() {
        let (records, bytes) = counts.snapshot
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        let share = totalBytes == 0 ? 100 : min(100, bytes * 100 / totalBytes)
        if share == 100 && readingRate == nil { readingRate = Int(Double(records) / seconds) }
        let text =
            readingRate.map { "\(records) records read (\($0) records/s), checking" }
            ?? "\(records) records, \(Int(Double(records) / seconds)) records/s, \(share) % of the input read"
        write("\r\u{1B}[K" + text)
        drawn = true
    }

    /// A message during the run, written above the progress line.
    func interject(_ message: String) {
        lock.lock()
        if drawn { write("\r\u{1B}[K"); drawn = false }
        write(message)
        lock.unlock()
    }

    /// Clears the line; the summary follows on a clean line.
    func stop() {
        lock.lock()
        running = false
        if drawn { write("\r\u{1B}[K"); drawn = false }
        lock.unlock()
        done.wait()
    }

    private func write(_ s: String) {
        let bytes = Array(s.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Console.systemWrite(2, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }
}
