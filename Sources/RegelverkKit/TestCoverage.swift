import RegelData
import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
/// What a ruleset's own tests exercise: for every rule and cap check
/// whether some test record breaks it and some passes it, and for every
/// `and` / `or` operand whether it was seen true and false, and for every
/// `otherwise` whether the fallback was used and not used.
public struct RuleCoverage: Sendable {
    public struct Branch: Sendable {
        /// The operand as written, and what it is (`and` operand, `otherwise`).
        public var text: String
        public var kind: String
        public var line: Int
        var span: Span
        /// The two outcomes: true / false, or fallback used / not used.
        public var seen: (Bool, Bool)
    }
    public var rule: String
    public var line: Int
    public var breaks: Bool
    public var passes: Bool
    public var branches: [Branch]

    public var covered: Int { (breaks ? 1 : 0) + (passes ? 1 : 0) + branches.map { ($0.seen.0 ? 1 : 0) + ($0.seen.1 ? 1 : 0) }.reduce(0, +) }
    public var total: Int { 2 + branches.count * 2 }
}

public struct FileCoverage: Sendable {
    public var file: String
    public var ruleset: String
    public var rules: [RuleCoverage]
    public var covered: Int { rules.map(\.covered).reduce(0, +) }
    public var total: Int { rules.map(\.total).reduce(0, +) }
    public var percent: Double { total == 0 ? 100 : Double(covered) * 100 / Double(total) }
}

public enum TestCoverage {
    public static func measure(_ ruleset: CheckedRuleset) -> FileCoverage {
        let program = CompiledRuleset(ruleset)
        var rules = ruleset.rules.map { r in
            RuleCoverage(
                rule: r.id, line: line(ruleset, r.when?.span ?? r.require.span), breaks: false, passes: false,
                branches: (r.when.map { branches($0, ruleset) } ?? []) + branches(r.require, ruleset))
        }
        var checks = ruleset.caps.flatMap { cap in
            cap.checks.map { check -> RuleCoverage in
                var bs: [RuleCoverage.Branch] = []
                if case .require(let e) = check.kind { bs = branches(e, ruleset) }
                return RuleCoverage(rule: check.id, line: line(ruleset, cap.orderBy[0].span), breaks: false, passes: false, branches: bs)
            }
        }
        for test in ruleset.tests {
            var params = ruleset.params.map(\.defaultValue)
            for (i, v) in test.params { params[i] = v }
            let table = TestRunner.table(test, ruleset)
            let tracer = TraceEvaluator(ruleset: ruleset, table: table, params: params)
            let findings = Engine(program: program, params: params).findings(in: table)
            for row in 0..<table.count {
                for (i, r) in ruleset.rules.enumerated() where table.badMask(row) & r.fieldMask == 0 {
                    let when = r.when.map { tracer.trace($0, row: row) }
                    let require = tracer.trace(r.require, row: row)
                    var traces = [require]
                    if let when { traces.insert(when, at: 0) }
                    mark(&rules[i].branches, traces)
                    guard when == nil || when?.value == .bool(true) else { continue }
                    if require.value == .bool(false) { rules[i].breaks = true } else { rules[i].passes = true }
                }
                var k = 0
                for cap in ruleset.caps {
                    let capped = cap.when.map { tracer.trace($0, row: row).value == .bool(true) } ?? true
                    for check in cap.checks {
                        defer { k += 1 }
                        guard capped else { continue }
                        if case .require(let e) = check.kind { mark(&checks[k].branches, [tracer.trace(e, row: row)]) }
                        if findings.contains(where: { $0.line == row + 1 && $0.rule == check.id }) { checks[k].breaks = true } else { checks[k].passes = true }
                    }
                }
            }
        }
        return FileCoverage(file: ruleset.file.path, ruleset: ruleset.name, rules: rules + checks)
    }

    /// The branches of an expression, in the order `mark` visits a trace of it.
    static func branches(_ e: TypedExpr, _ r: CheckedRuleset) -> [RuleCoverage.Branch] {
        var out: [RuleCoverage.Branch] = []
        func walk(_ e: TypedExpr) {
            func branch(_ x: TypedExpr, _ kind: String) {
                out.append(.init(text: flat(r.file.slice(x.span)), kind: kind, line: line(r, x.span), span: x.span, seen: (false, false)))
            }
            switch e.kind {
            case .and(let a, let b): branch(a, "and"); branch(b, "and")
            case .or(let a, let b): branch(a, "or"); branch(b, "or")
            case .otherwise(let a, _): branch(a, "otherwise")
            default: break
            }
            for c in children(e) { walk(c) }
        }
        walk(e)
        return out
    }

    /// Marks the outcomes each branch had in these traces; a branch is
    /// found by its operand's place in the file.
    static func mark(_ branches: inout [RuleCoverage.Branch], _ traces: [TraceNode]) {
        func find(_ span: Span, _ kind: String) -> Int? { branches.firstIndex { $0.span == span && $0.kind == kind } }
        func step(_ n: TraceNode) {
            switch n.branching {
            case "and", "or":
                for c in n.children.prefix(2) {
                    guard let i = find(c.span, n.branching!) else { continue }
                    if c.value == .bool(true) { branches[i].seen.0 = true }
                    if c.value == .bool(false) { branches[i].seen.1 = true }
                }
            case "otherwise":
                if let first = n.children.first, let i = find(first.span, "otherwise") {
                    if first.value.isMissing { branches[i].seen.1 = true } else { branches[i].seen.0 = true }
                }
            default: break
            }
            n.children.forEach(step)
        }
        traces.forEach(step)
    }

    static func children(_ e: TypedExpr) -> [TypedExpr] {
        switch e.kind {
        case .constant, .field, .otherField, .param, .define, .measureValue: return []
        case .list(let xs): return xs
        case .not(let a), .negate(let a), .shiftDate(let a, _, _), .presence(let a, _): return [a]
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .arithmetic(_, let a, let b),
            .member(let a, let b, _), .startsWith(let a, let b), .textContains(let a, let b), .otherwise(let a, let b):
            return [a, b]
        case .conditional(let c, let a, let b): return [c, a, b]
        case .call(_, let xs): return xs
        case .aggregate(_, _, let plan, _): return plan.currentKeys
        }
    }

    static func line(_ r: CheckedRuleset, _ span: Span) -> Int { r.file.location(of: span.start).line }
    static func flat(_ s: String) -> String { s.split(whereSeparator: { $0 == "\n" || $0 == " " }).joined(separator: " ") }
}
