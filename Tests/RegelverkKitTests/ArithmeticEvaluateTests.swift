import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelValues

/// The one boxed arithmetic, which the general path and `explain` share: no
/// number past Int or Double's range, none for a division by zero.
@Suite struct ArithmeticEvaluateTests {
    @Test func wholeNumbersStayWholeAndOverflowIsMissing() {
        #expect(Arithmetic.plus.evaluate(.int(2), .int(3), integer: true) == .int(5))
        #expect(Arithmetic.times.evaluate(.int(Int.max), .int(2), integer: true) == .missing)
        #expect(Arithmetic.divide.evaluate(.int(3), .int(2), integer: false) == .decimal(1.5))
        #expect(Arithmetic.divide.evaluate(.int(3), .int(0), integer: false) == .missing)
    }

    @Test func decimalsPastDoublesRangeAreMissing() {
        #expect(Arithmetic.times.evaluate(.decimal(1e200), .decimal(1e200), integer: false) == .missing)
        #expect(Arithmetic.minus.evaluate(.decimal(-1.7e308), .decimal(1.7e308), integer: false) == .missing)
        #expect(Arithmetic.divide.evaluate(.decimal(1), .decimal(0), integer: false) == .missing)
        #expect(Arithmetic.plus.evaluate(.decimal(0.5), .int(1), integer: false) == .decimal(1.5))
        #expect(Arithmetic.plus.evaluate(.missing, .int(1), integer: false) == .missing)
    }
}
