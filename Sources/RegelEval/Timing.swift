import Foundation

/// Phase timings on standard error when REGELVERK_TIMING is set: how the
/// benchmark's figures in docs/performance.md were split into phases.
package enum Timing {
    static let enabled = ProcessInfo.processInfo.environment["REGELVERK_TIMING"] != nil
    nonisolated(unsafe) private static var last = DispatchTime.now().uptimeNanoseconds

    package static func mark(_ phase: @autoclosure () -> String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let elapsed = now >= last ? Double(now - last) / 1e6 : 0
        FileHandle.standardError.write(Data("timing: \(phase()) \(elapsed) ms\n".utf8))
        last = now
    }
}
