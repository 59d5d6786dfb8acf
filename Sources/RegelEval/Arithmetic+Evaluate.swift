import RegelCheck
import RegelValues

extension Arithmetic {
    /// `x op y` on boxed values, for the general path and `explain`: whole
    /// numbers stay whole where `integer` (the checked type) says so, an
    /// overflow, a division by zero or a result past Double's range is
    /// missing (there is no number), anything not a number is missing.
    package func evaluate(_ x: Value, _ y: Value, integer: Bool) -> Value {
        if integer, case .int(let m) = x, case .int(let n) = y {
            switch self {
            case .plus: let (r, o) = m.addingReportingOverflow(n); return o ? .missing : .int(r)
            case .minus: let (r, o) = m.subtractingReportingOverflow(n); return o ? .missing : .int(r)
            case .times: let (r, o) = m.multipliedReportingOverflow(by: n); return o ? .missing : .int(r)
            case .divide: return n == 0 ? .missing : .decimal(Double(m) / Double(n))
            }
        }
        guard let p = x.asDouble, let q = y.asDouble else { return .missing }
        let r: Double =
            switch self {
            case .plus: p + q
            case .minus: p - q
            case .times: p * q
            case .divide: q == 0 ? .nan : p / q
            }
        return r.isFinite ? .decimal(r) : .missing
    }
}
