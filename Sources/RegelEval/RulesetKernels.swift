import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues
/// A ruleset's expressions compiled to batch kernels: the per-record path.
struct RulesetKernels: @unchecked Sendable {
    struct Rule {
        var when: Kernel?
        var require: Kernel
        var message: [Part]
        /// Fields whose unreadable cells skip the rule for a record.
        var fieldSlots: [Int]
    }

    enum Part {
        case literal(String)
        case value(Kernel)
        case capCount, capLimit
    }

    /// A cap's grouping and ordering expressions, and per check the
    /// condition of a `require` or `since latest` (nil for the limits).
    struct Cap {
        var per: [Kernel]
        var date: Kernel
        var when: Kernel?
        var conditions: [Kernel?]
    }

    /// A measure's filter and group keys, and per value what it adds up
    /// (derived values are computed from the groups' figures, not per record).
    struct Measure {
        enum Output {
            case count(Kernel?)
            case sum(Kernel, Kernel?)
            case derived
        }
        var when: Kernel?
        var groupBy: [Kernel]
        var outputs: [Output]
    }

    let defines: [Kernel]
    let rules: [Rule]
    let caps: [Cap]
    let measures: [Measure]
    /// One plan per search (`CheckedRuleset.lookups`), by number.
    let searches: [SearchPlan]

    init(_ checked: CheckedRuleset, scalar: Compiler) {
        let registry = SearchRegistry()
        var compiler = KernelCompiler(scalar: scalar, fields: checked.fields, registry: registry)
        for d in checked.defines { compiler.defines.append(compiler.compile(d.expr)) }
        defines = compiler.defines
        let c = compiler
        rules = checked.rules.map { r in
            Rule(
                when: r.when.map { c.compile($0) }, require: c.compile(r.require), message: RulesetKernels.parts(r.message, c),
                fieldSlots: (0..<64).filter { r.fieldMask & (1 << UInt64($0)) != 0 })
        }
        caps = checked.caps.map { cap in
            Cap(
                per: cap.per.map { c.compile($0) }, date: c.compile(cap.orderBy[0]), when: cap.when.map { c.compile($0) },
                conditions: cap.checks.map { check in
                    switch check.kind {
                    case .require(let e), .sinceLatest(let e): c.compile(e)
                    case .rolling, .calendar: nil
                    }
                })
        }
        // Searches used only by caps, measures or cap messages get their plans too.
        for cap in checked.caps {
            for e in [cap.when].compactMap({ $0 }) + cap.per + cap.orderBy { _ = c.compile(e) }
            for check in cap.checks {
                _ = RulesetKernels.parts(check.message, c)
                switch check.kind {
                case .require(let e), .sinceLatest(let e): _ = c.compile(e)
                case .rolling, .calendar: break
                }
            }
        }
        measures = checked.measures.map { m in
            Measure(
                when: m.when.map { c.compile($0) }, groupBy: m.groupBy.map { c.compile($0.expr) },
                outputs: m.values.map { v in
                    switch v.kind {
                    case .count(let f): return .count(f.map { c.compile($0) })
                    case .sum(let e, let f): return .sum(c.compile(e), f.map { c.compile($0) })
                    case .derived(let e):
                        // Over the groups' table, not the records; compiled for the searches it may hold.
                        _ = c.compile(e)
                        return .derived
                    }
                })
        }
        // A search no expression uses any more (a test copy with a `require`
        // replaced) still has an index number: give it a plan that is never probed.
        searches = checked.lookups.enumerated().map { i, lookup in
            registry.plans[i] ?? SearchPlan(kind: .exists, field: nil, plan: lookup, fields: checked.fields, compiler: c)
        }
    }

    static func parts(_ template: MessageTemplate, _ c: KernelCompiler) -> [Part] {
        template.parts.map { part in
            switch part {
            case .literal(let s): .literal(s)
            case .value(let e): .value(c.compile(e))
            case .capCount: .capCount
            case .capLimit: .capLimit
            }
        }
    }
}

/// Collects the plan of each search as the kernels are compiled.
final class SearchRegistry: @unchecked Sendable {
    var plans: [Int: SearchPlan] = [:]
}
