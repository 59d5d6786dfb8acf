import RegelCheck
import RegelSyntax
import RegelValues

/// Where an expression is evaluated: the run (records, parameters, indexes),
/// the current record and, inside `where`, the other record.
public struct Frame {
    unowned(unsafe) let run: RunContext
    let cells: UnsafeMutablePointer<UnsafeMutablePointer<Value>>
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

/// What a run needs to build the index of one aggregate; the probe itself
/// is compiled into the aggregate's closure.
struct CompiledLookup: Sendable {
    var otherKeySlots: [Int]
    /// Evaluated with the candidate as both `row` and `other`.
    var prefilter: Compiled?
}

struct CompiledCapCheck: Sendable {
    enum Kind: Sendable {
        case require(Compiled)
        case rolling(Int, DurationUnit)
        case calendar(CalendarPeriod)
        case sinceLatest(Compiled)
    }
    var kind: Kind
    var message: [CompiledMessagePart]
}

struct CompiledCap: Sendable {
    var when: Compiled?
    var per: [Compiled]
    var orderBy: [Compiled]
    var checks: [CompiledCapCheck]
}

struct CompiledMeasure: Sendable {
    enum Output: Sendable {
        case count(Compiled?)
        case sum(Compiled, Compiled?)
        case derived(Compiled)
    }
    var when: Compiled?
    var groupBy: [Compiled]
    var outputs: [Output]
}

/// A checked ruleset compiled once; immutable and shareable across threads.
public struct CompiledRuleset: Sendable {
    public let checked: CheckedRuleset
    let defines: [Compiled]
    let rules: [CompiledRule]
    let lookups: [CompiledLookup]
    let caps: [CompiledCap]
    let measures: [CompiledMeasure]

    public init(_ checked: CheckedRuleset) {
        self.checked = checked
        var compiler = Compiler(defines: [])
        for d in checked.defines { compiler.defines.append(compiler.compile(d.expr)) }
        defines = compiler.defines
        lookups = checked.lookups.map { plan in
            CompiledLookup(otherKeySlots: plan.otherKeySlots, prefilter: plan.prefilter.map { compiler.compile($0) })
        }
        rules = checked.rules.map { r in
            CompiledRule(when: r.when.map { compiler.compile($0) }, require: compiler.compile(r.require), message: compiler.compile(r.message))
        }
        caps = checked.caps.map { c in
            CompiledCap(when: c.when.map { compiler.compile($0) }, per: c.per.map { compiler.compile($0) },
                        orderBy: c.orderBy.map { compiler.compile($0) },
                        checks: c.checks.map { check in
                            let kind: CompiledCapCheck.Kind = switch check.kind {
                            case .require(let e): .require(compiler.compile(e))
                            case .rolling(let n, let u): .rolling(n, u)
                            case .calendar(let p): .calendar(p)
                            case .sinceLatest(let e): .sinceLatest(compiler.compile(e))
                            }
                            return CompiledCapCheck(kind: kind, message: compiler.compile(check.message))
                        })
        }
        measures = checked.measures.map { m in
            CompiledMeasure(when: m.when.map { compiler.compile($0) }, groupBy: m.groupBy.map { compiler.compile($0.expr) },
                            outputs: m.values.map { v in
                                switch v.kind {
                                case .count(let f): .count(f.map { compiler.compile($0) })
                                case .sum(let e, let f): .sum(compiler.compile(e), f.map { compiler.compile($0) })
                                case .derived(let e): .derived(compiler.compile(e))
                                }
                            })
        }
    }
}
