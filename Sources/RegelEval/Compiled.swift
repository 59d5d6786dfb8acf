import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues
/// Where an expression is evaluated: the run (records, parameters, indexes),
/// the current record and, inside `where`, the other record.
public struct Frame {
    unowned(unsafe) let run: RunContext
    unowned(unsafe) let table: Table
    let row: Int
    let other: Int
}

/// An expression compiled to a closure: names are slots, operators are the
/// concrete operation for their types. No lookups by name at run time.
typealias Compiled = @Sendable (Frame) -> Value

struct CompiledRule: Sendable {
    var when: Compiled?
    var require: Compiled
    var message: [CompiledMessagePart]
}

enum CompiledMessagePart: Sendable {
    case literal(String)
    case value(Compiled)
    case capCount, capLimit
}

/// What a cap check tests; its conditions are kernels (`RulesetKernels.Cap`).
struct CompiledCapCheck: Sendable {
    enum Kind: Sendable {
        case require
        case rolling(Int, DurationUnit)
        case calendar(CalendarPeriod)
        case sinceLatest
    }
    var kind: Kind
    var message: [CompiledMessagePart]
}

/// The closures a cap needs record by record: the order keys after the date
/// (compared only on the same date) and the checks' messages.
struct CompiledCap: Sendable {
    var orderBy: [Compiled]
    var checks: [CompiledCapCheck]
}

/// The closures a measure needs group by group: the group keys (the values
/// shown for a group) and the derived values (nil for counts and sums,
/// which are kernels in `RulesetKernels.Measure`).
struct CompiledMeasure: Sendable {
    var groupBy: [Compiled]
    var derived: [Compiled?]
}

/// A checked ruleset compiled once; immutable and shareable across threads.
public struct CompiledRuleset: Sendable {
    public let checked: CheckedRuleset
    let defines: [Compiled]
    let rules: [CompiledRule]
    /// The batch kernels of defines, rules' `when` / `require` and messages.
    let kernels: RulesetKernels
    let caps: [CompiledCap]
    let measures: [CompiledMeasure]

    public init(_ checked: CheckedRuleset) {
        self.checked = checked
        var compiler = Compiler(defines: [])
        for d in checked.defines { compiler.defines.append(compiler.compile(d.expr)) }
        defines = compiler.defines
        rules = checked.rules.map { r in
            CompiledRule(when: r.when.map { compiler.compile($0) }, require: compiler.compile(r.require), message: compiler.compile(r.message))
        }
        caps = checked.caps.map { c in
            CompiledCap(
                orderBy: c.orderBy.map { compiler.compile($0) },
                checks: c.checks.map { check in
                    let kind: CompiledCapCheck.Kind =
                        switch check.kind {
                        case .require: .require
                        case .rolling(let n, let u): .rolling(n, u)
                        case .calendar(let p): .calendar(p)
                        case .sinceLatest: .sinceLatest
                        }
                    return CompiledCapCheck(kind: kind, message: compiler.compile(check.message))
                })
        }
        measures = checked.measures.map { m in
            CompiledMeasure(
                groupBy: m.groupBy.map { compiler.compile($0.expr) },
                derived: m.values.map { v in
                    if case .derived(let e) = v.kind { return compiler.compile(e) }
                    return nil
                })
        }
        kernels = RulesetKernels(checked, scalar: compiler)
    }
}
