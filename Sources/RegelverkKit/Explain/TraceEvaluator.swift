import RegelData
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
import RegelBuiltins

/// One sub-expression of a condition and what it came to for one record.
public struct TraceNode: Sendable {
    /// The expression as written in the rule file.
    public var text: String
    public var value: Value
    public var children: [TraceNode]
    /// For a condition across records: the other records with the same keys
    /// (those considered) and those for which the `where` held.
    public var across: AcrossRecords?
    /// A constant as written (`"KT"`, `3`): shown inside its parent only.
    public var isLiteral: Bool
    public var span: Span = .none
    /// `and`, `or` or `otherwise`: the operators whose operands are branches (for coverage).
    public var branching: String? = nil
}

public struct RecordRef: Sendable, Equatable {
    public var record: String
    public var file: String
    public var line: Int
}

public struct AcrossRecords: Sendable {
    public var considered: [RecordRef]
    public var matched: [RecordRef]
}

/// Evaluates a checked expression for one record, keeping the value of every
/// sub-expression. Slow and thorough where the compiled closures are fast:
/// every operand is evaluated (no short cut), and a condition across records
/// scans the whole table, so the explanation can list what it looked at.
/// The values agree with the compiled evaluator's, which `explain` checks
/// against the findings of a real run.
struct TraceEvaluator {
    let ruleset: CheckedRuleset
    let table: Table
    let params: [Value]

    func trace(_ e: TypedExpr, row: Int, other: Int? = nil) -> TraceNode {
        let text = ruleset.file.slice(e.span)
        func node(_ v: Value, _ children: [TraceNode], across: AcrossRecords? = nil) -> TraceNode {
            var n = TraceNode(text: text, value: v, children: children, across: across, isLiteral: false, span: e.span)
            switch e.kind {
            case .and: n.branching = "and"
            case .or: n.branching = "or"
            case .otherwise: n.branching = "otherwise"
            default: break
            }
            return n
        }
        func sub(_ x: TypedExpr) -> TraceNode { trace(x, row: row, other: other) }
        switch e.kind {
        case .constant(let v):
            let literal = text.first.map { $0 == "\"" || $0.isNumber || $0 == "-" } ?? true || text == "true" || text == "false"
            return TraceNode(text: text, value: v, children: [], across: nil, isLiteral: literal, span: e.span)
        case .field(let slot):
            return node(table.value(slot, row), [])
        case .otherField(let slot):
            return node(other.map { table.value(slot, $0) } ?? .missing, [])
        case .param(let i):
            return node(params[i], [])
        case .define(let i):
            let inner = sub(ruleset.defines[i].expr)
            return node(inner.value, [inner])
        case .measureValue:
            return node(.missing, [])
        case .list(let items):
            let cs = items.map(sub)
            return node(.list(cs.map(\.value)), cs)
        case .not(let a):
            let x = sub(a)
            if case .bool(let b) = x.value { return node(.bool(!b), [x]) }
            return node(.missing, [x])
        case .negate(let a):
            let x = sub(a)
            switch x.value {
            case .int(let n): return node(n == Int.min ? .missing : .int(-n), [x])
            case .decimal(let d): return node(.decimal(-d), [x])
            default: return node(.missing, [x])
            }
        case .and(let a, let b):
            let x = sub(a), y = sub(b)
            if x.value == .bool(false) || y.value == .bool(false) { return node(.bool(false), [x, y]) }
            if x.value == .bool(true) && y.value == .bool(true) { return node(.bool(true), [x, y]) }
            return node(.missing, [x, y])
        case .or(let a, let b):
            let x = sub(a), y = sub(b)
            if x.value == .bool(true) || y.value == .bool(true) { return node(.bool(true), [x, y]) }
            if x.value == .bool(false) && y.value == .bool(false) { return node(.bool(false), [x, y]) }
            return node(.missing, [x, y])
        case .compare(let op, let a, let b):
            let x = sub(a), y = sub(b)
            return node(TraceEvaluator.compare(op, x.value, y.value), [x, y])
        case .arithmetic(let op, let a, let b):
            let x = sub(a), y = sub(b)
            return node(op.evaluate(x.value, y.value, integer: e.type == .int), [x, y])
        case .shiftDate(let a, let n, let unit):
            let x = sub(a)
            guard case .date(let d) = x.value else { return node(.missing, [x]) }
            return node(.date(DateArithmetic.shift(d, n, unit)), [x])
        case .member(let item, let list, let negated):
            let x = sub(item), l = sub(list)
            guard !x.value.isMissing, case .list(let items) = l.value else { return node(.missing, [x, l]) }
            return node(.bool(items.contains { Value.equals($0, x.value) } != negated), [x, l])
        case .startsWith(let a, let b):
            let x = sub(a), y = sub(b)
            guard case .text(let s) = x.value, case .text(let p) = y.value else { return node(.missing, [x, y]) }
            return node(.bool(s.hasPrefix(p)), [x, y])
        case .textContains(let a, let b):
            let x = sub(a), y = sub(b)
            guard case .text(let s) = x.value, case .text(let p) = y.value else { return node(.missing, [x, y]) }
            return node(.bool(p.isEmpty || s.contains(p)), [x, y])
        case .presence(let a, let isPresent):
            let x = sub(a)
            return node(.bool(x.value.isMissing != isPresent), [x])
        case .otherwise(let a, let b):
            let x = sub(a), y = sub(b)
            return node(x.value.isMissing ? y.value : x.value, [x, y])
        case .conditional(let c, let a, let b):
            let k = sub(c), x = sub(a), y = sub(b)
            switch k.value {
            case .bool(true): return node(x.value, [k, x, y])
            case .bool(false): return node(y.value, [k, x, y])
            default: return node(.missing, [k, x, y])
            }
        case .call(let builtin, let args):
            let xs = args.map(sub)
            let values = xs.map(\.value)
            return node(values.contains(where: \.isMissing) ? .missing : builtin.implementation(values), xs)
        case .aggregate(let kind, let field, let plan, _):
            var n = aggregate(kind, field, plan, row: row, text: text)
            n.span = e.span
            return n
        }
    }

    /// Every other record is tried: same key values, the prefilter, then the
    /// `where` condition, as the index and the compiled probe do.
    private func aggregate(_ kind: AggregateKind, _ field: Int?, _ plan: LookupPlan, row: Int, text: String) -> TraceNode {
        let keys = plan.currentKeys.map { trace($0, row: row) }
        var considered: [RecordRef] = [], matched: [RecordRef] = []
        var count = 0
        var best: Value = .missing
        let keyValues = keys.map(\.value)
        if !keyValues.contains(where: \.isMissing) {
            for other in 0..<table.count where other != row {
                let same = zip(plan.otherKeySlots, keyValues).allSatisfy { slot, v in
                    let w = table.value(slot, other)
                    return !w.isMissing && Value.equals(w, v)
                }
                guard same else { continue }
                if let pre = plan.prefilter, trace(pre, row: other, other: other).value != .bool(true) { continue }
                considered.append(reference(other))
                if let residual = plan.residual, trace(residual, row: row, other: other).value != .bool(true) { continue }
                matched.append(reference(other))
                count += 1
                if let field, kind == .latest || kind == .earliest {
                    let v = table.value(field, other)
                    if v.isMissing { continue }
                    if best.isMissing { best = v; continue }
                    let c = Value.compare(v, best)
                    if kind == .latest ? c > 0 : c < 0 { best = v }
                }
            }
        }
        let value: Value =
            switch kind {
            case .exists: .bool(count > 0)
            case .count: .int(count)
            case .latest, .earliest: best
            }
        return TraceNode(
            text: text, value: value, children: keys.filter { !$0.isLiteral },
            across: AcrossRecords(considered: considered, matched: matched), isLiteral: false)
    }

    func reference(_ row: Int) -> RecordRef {
        var name = "line \(table.lines[row])"
        if let slot = ruleset.idSlot, !table.value(slot, row).isMissing { name = table.value(slot, row).description }
        return RecordRef(record: name, file: table.sourceName, line: table.lines[row])
    }

    static func compare(_ op: Comparison, _ x: Value, _ y: Value) -> Value {
        if x.isMissing || y.isMissing { return .missing }
        switch op {
        case .equal: return .bool(Value.equals(x, y))
        case .notEqual: return .bool(!Value.equals(x, y))
        case .less: return .bool(Value.compare(x, y) < 0)
        case .lessOrEqual: return .bool(Value.compare(x, y) <= 0)
        case .greater: return .bool(Value.compare(x, y) > 0)
        case .greaterOrEqual: return .bool(Value.compare(x, y) >= 0)
        }
    }
}
