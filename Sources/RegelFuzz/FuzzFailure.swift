/// A property of the code under fuzzing that did not hold for one input. The
/// fuzzer stops on it and keeps the input; `swift test` replays the kept inputs.
package struct FuzzFailure: Error, CustomStringConvertible {
    package var description: String

    package init(_ description: String) { self.description = description }
}

/// Fails the input unless `condition` holds; `what` says what should have held.
func require(_ condition: Bool, _ what: @autoclosure () -> String) throws(FuzzFailure) {
    if !condition { throw FuzzFailure(what()) }
}
