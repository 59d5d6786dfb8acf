import RegelBuiltins
import RegelSyntax
import RegelValues

/// What an expression may refer to where it stands.
struct Scope {
    /// Inside `where`: `other.f` is allowed.
    var allowOther = false
    /// Optional fields (`tid`, `other.tid`) or definitions proven present here.
    var present: Set<String> = []
    /// In a measure's derived value: the earlier values by name.
    var measureValues: [String: (index: Int, type: ValueType, optional: Bool)]?
}

extension Checker {
    // MARK: Narrowing

    static func factKey(_ e: Expr) -> String? {
        switch e.kind {
        case .name(let n): n
        case .otherField(let f, _): "other." + f
        default: nil
        }
    }

    /// Names an expression proves present when it is true. A definition
    /// proves what its own expression proves.
    func factsIfTrue(_ e: Expr, depth: Int = 0) -> Set<String> {
        switch e.kind {
        case .name(let n):
            guard depth < 20, let d = defineDecls[n] else { return [] }
            return factsIfTrue(d.value, depth: depth + 1)
        case .presence(let x, let isPresent): return isPresent ? Set(Checker.factKey(x).map { [$0] } ?? []) : []
        case .binary(.and, let a, let b): return factsIfTrue(a, depth: depth).union(factsIfTrue(b, depth: depth))
        case .binary(.or, let a, let b): return factsIfTrue(a, depth: depth).intersection(factsIfTrue(b, depth: depth))
        case .not(let a): return factsIfFalse(a, depth: depth)
        default: return []
        }
    }

    /// Names an expression proves present when it is false.
    func factsIfFalse(_ e: Expr, depth: Int = 0) -> Set<String> {
        switch e.kind {
        case .name(let n):
            guard depth < 20, let d = defineDecls[n] else { return [] }
            return factsIfFalse(d.value, depth: depth + 1)
        case .presence(let x, let isPresent): return isPresent ? [] : Set(Checker.factKey(x).map { [$0] } ?? [])
        case .binary(.or, let a, let b): return factsIfFalse(a, depth: depth).union(factsIfFalse(b, depth: depth))
        case .binary(.and, let a, let b): return factsIfFalse(a, depth: depth).intersection(factsIfFalse(b, depth: depth))
        case .not(let a): return factsIfTrue(a, depth: depth)
        default: return []
        }
    }

    static func mentionsOther(_ e: Expr) -> Bool {
        switch e.kind {
        case .otherField: return true
        case .integer, .decimal, .string, .date, .time, .bool, .missing, .duration, .name: return false
        case .list(let items): return items.contains(where: mentionsOther)
        case .call(_, let args): return args.contains(where: mentionsOther)
        case .negate(let a), .not(let a), .presence(let a, _): return mentionsOther(a)
        case .binary(_, let a, let b): return mentionsOther(a) || mentionsOther(b)
        case .within(let a, _, _, _, let b): return mentionsOther(a) || mentionsOther(b)
        case .conditional(let a, let b, let c): return mentionsOther(a) || mentionsOther(b) || mentionsOther(c)
        case .aggregate: return false
        }
    }

    // MARK: Optional values

    /// Reports a value that may be missing where a value is needed.
    @discardableResult
    mutating func reportOptional(_ e: Expr, _ t: TypedExpr) -> TypedExpr? {
        let name = diagnostics.file.slice(e.span)
        let example: String
        switch t.type {
        case .bool: example = "\(name) otherwise false"
        case .time: example = "\(name) otherwise 00:00"
        case .int, .decimal: example = "\(name) otherwise 0"
        default: example = "\(name) otherwise …"
        }
        diagnostics.error("T0301", "`\(name)` may be missing here, and the rule must say what a missing value means", at: e.span,
                          hint: "test it first (`\(name) is present and …`) or give a value for a missing one (`\(example)`)")
        return nil
    }

    mutating func need(_ e: Expr, _ scope: Scope) -> TypedExpr? {
        guard let t = checkExpression(e, scope) else { return nil }
        if t.optional { return reportOptional(e, t) }
        return t
    }

    // MARK: Expressions

    mutating func checkExpression(_ e: Expr, _ scope: Scope, allowOptional: Bool = true) -> TypedExpr? {
        switch e.kind {
        case .integer(let n): return TypedExpr(.constant(.int(n)), .int, e.span)
        case .decimal(let d): return TypedExpr(.constant(.decimal(d)), .decimal, e.span)
        case .string(let s): return TypedExpr(.constant(.text(s)), .text, e.span)
        case .bool(let b): return TypedExpr(.constant(.bool(b)), .bool, e.span)
        case .missing: return TypedExpr(.constant(.missing), .nothing, optional: true, e.span)
        case .date(let s):
            guard let d = Day.parse(s) else {
                diagnostics.error("T0002", "\(s) is not a real date", at: e.span)
                return nil
            }
            return TypedExpr(.constant(.date(d)), .date, e.span)
        case .time(let s):
            guard let t = ClockTime.parse(s) else {
                diagnostics.error("T0003", "\(s) is not a time of day (00:00–23:59)", at: e.span)
                return nil
            }
            return TypedExpr(.constant(.time(t)), .time, e.span)
        case .duration:
            diagnostics.error("T0004", "a duration such as `\(diagnostics.file.slice(e.span))` can only be added to or subtracted from a date", at: e.span,
                              hint: "e.g. `datum - 12 months`, or `other.datum within 12 months before datum`")
            return nil
        case .list(let items):
            return checkList(items, e.span, scope)
        case .name(let n):
            return checkName(n, e.span, scope)
        case .otherField(let f, let nameSpan):
            guard scope.allowOther else {
                diagnostics.error("T0101", "`other.\(f)` can only be used inside `where` of `exists other`, `count other` or `latest other.…`", at: e.span)
                return nil
            }
            guard let info = fields[f] else {
                diagnostics.error("T0102", "the other record has no field `\(f)`", at: nameSpan, hint: suggestion(f, Array(fields.keys)))
                return nil
            }
            return TypedExpr(.otherField(info.slot), info.type, optional: info.optional && !scope.present.contains("other." + f), e.span)
        case .call(let name, let args):
            return checkCall(name, args, e.span, scope)
        case .negate(let a):
            guard let t = need(a, scope) else { return nil }
            guard t.type.isNumeric else {
                diagnostics.error("T0201", "only a number can be negated; this is \(t.type)", at: a.span)
                return nil
            }
            if case .constant(.int(let n)) = t.kind { return TypedExpr(.constant(.int(-n)), .int, e.span) }
            if case .constant(.decimal(let d)) = t.kind { return TypedExpr(.constant(.decimal(-d)), .decimal, e.span) }
            return TypedExpr(.negate(t), t.type, e.span)
        case .not(let a):
            guard let t = need(a, scope) else { return nil }
            guard t.type == .bool else {
                diagnostics.error("T0202", "`not` needs a condition; this is \(t.type)", at: a.span)
                return nil
            }
            return TypedExpr(.not(t), .bool, e.span)
        case .binary(let op, let a, let b):
            return checkBinary(op, a, b, e.span, scope)
        case .presence(let a, let isPresent):
            guard let t = checkExpression(a, scope) else { return nil }
            if !t.optional {
                let what = isPresent ? "always true" : "always false"
                diagnostics.warning("T0302", "`\(diagnostics.file.slice(a.span))` is never missing here, so this test is \(what)", at: e.span,
                                    hint: "only optional fields can be missing")
            }
            return TypedExpr(.presence(t, isPresent: isPresent), .bool, e.span)
        case .within(let x, let n, let unit, let before, let d):
            guard let tx = need(x, scope), let td = need(d, scope) else { return nil }
            for (t, s) in [(tx, x.span), (td, d.span)] where t.type != .date {
                diagnostics.error("T0203", "a window is measured between dates; this is \(t.type)", at: s)
                return nil
            }
            if before {
                let start = TypedExpr(.shiftDate(td, -n, unit), .date, d.span)
                return TypedExpr(.and(TypedExpr(.compare(.greater, tx, start), .bool, e.span),
                                      TypedExpr(.compare(.lessOrEqual, tx, td), .bool, e.span)), .bool, e.span)
            }
            let end = TypedExpr(.shiftDate(td, n, unit), .date, d.span)
            return TypedExpr(.and(TypedExpr(.compare(.greaterOrEqual, tx, td), .bool, e.span),
                                  TypedExpr(.compare(.less, tx, end), .bool, e.span)), .bool, e.span)
        case .conditional(let c, let a, let b):
            guard let tc = need(c, scope) else { return nil }
            if tc.type != .bool {
                diagnostics.error("T0202", "`if` needs a condition; this is \(tc.type)", at: c.span)
                return nil
            }
            var thenScope = scope, elseScope = scope
            thenScope.present.formUnion(factsIfTrue(c))
            elseScope.present.formUnion(factsIfFalse(c))
            guard let ta = checkExpression(a, thenScope), let tb = checkExpression(b, elseScope) else { return nil }
            guard let type = unify(ta.type, tb.type) else {
                diagnostics.error("T0204", "the two branches of `if` have different types: \(ta.type) and \(tb.type)", at: e.span)
                return nil
            }
            return TypedExpr(.conditional(tc, ta, tb), type, optional: ta.optional || tb.optional, e.span)
        case .aggregate(let kind, let field, let condition):
            return checkAggregate(kind, field, condition, e.span, scope)
        }
    }

    /// The type two values share (`otherwise`, `if` branches, list items).
    /// An empty list (`[]`, a list of `.nothing`) fits a list of any type.
    func unify(_ a: ValueType, _ b: ValueType) -> ValueType? {
        if a == b { return a }
        if a == .nothing { return b }
        if b == .nothing { return a }
        if a.isNumeric && b.isNumeric { return .decimal }
        if a.isTextLike && b.isTextLike { return .text }
        if case .list(let x) = a, case .list(let y) = b { return unify(x, y).map { .list($0) } }
        return nil
    }

    mutating func checkList(_ items: [Expr], _ span: Span, _ scope: Scope) -> TypedExpr? {
        var typed: [TypedExpr] = []
        var type: ValueType = .nothing
        for item in items {
            guard let t = need(item, scope) else { return nil }
            guard let u = unify(type, t.type) else {
                diagnostics.error("T0205", "a list holds values of one type; this is \(t.type) among \(type)", at: item.span)
                return nil
            }
            type = u
            typed.append(t)
        }
        if typed.allSatisfy({ if case .constant = $0.kind { true } else { false } }) {
            let values = typed.map { t -> Value in if case .constant(let v) = t.kind { v } else { .missing } }
            return TypedExpr(.constant(.list(values)), .list(type), span)
        }
        return TypedExpr(.list(typed), .list(type), span)
    }

    mutating func checkName(_ n: String, _ span: Span, _ scope: Scope) -> TypedExpr? {
        if let values = scope.measureValues {
            if let v = values[n] {
                return TypedExpr(.measureValue(v.index), v.type, optional: v.optional && !scope.present.contains(n), span)
            }
            if let i = params[n] {
                used.insert(n)
                return TypedExpr(.param(i), paramList[i].type, span)
            }
            diagnostics.error("T0103", "`\(n)` is not a value of this measure (declare it above this line)", at: span,
                              hint: suggestion(n, Array(values.keys)))
            return nil
        }
        if let info = fields[n] {
            return TypedExpr(.field(info.slot), info.type, optional: info.optional && !scope.present.contains(n), span)
        }
        if let i = params[n] {
            used.insert(n)
            return TypedExpr(.param(i), paramList[i].type, span)
        }
        if let c = codeSets[n] {
            used.insert(n)
            return TypedExpr(.constant(.list(c.codes.map { .text($0.value) })), .list(.text), span)
        }
        if defineDecls[n] != nil {
            used.insert(n)
            guard let i = resolveDefine(n) else { return nil }
            let d = defineList[i]
            return TypedExpr(.define(i), d.expr.type, optional: d.expr.optional && !scope.present.contains(n), span)
        }
        if Builtin(rawValue: n) != nil {
            diagnostics.error("T0104", "`\(n)` is a function; call it with its arguments, e.g. `\(n)(…)`", at: span)
            return nil
        }
        let hint = suggestion(n, allNames) ?? (fields.isEmpty ? nil : "the record's fields are: " + fieldList.map(\.name).joined(separator: ", "))
        diagnostics.error("T0105", "unknown name `\(n)`", at: span, hint: hint)
        return nil
    }

    mutating func checkCall(_ name: String, _ args: [Expr], _ span: Span, _ scope: Scope) -> TypedExpr? {
        guard let builtin = Builtin(rawValue: name) else {
            diagnostics.error("T0106", "unknown function `\(name)`", at: span,
                              hint: suggestion(name, Builtin.allCases.map(\.rawValue)) ?? "see docs/language.md for the built-in functions")
            return nil
        }
        let (parameters, result) = builtin.signature
        guard args.count == parameters.count else {
            diagnostics.error("T0107", "`\(name)` takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s"), not \(args.count)", at: span,
                              hint: "usage: \(builtin.usage)")
            return nil
        }
        var typed: [TypedExpr] = []
        for (arg, expected) in zip(args, parameters) {
            guard let t = need(arg, scope) else { return nil }
            let fits: Bool
            if let expected { fits = t.type == expected || (expected == .text && t.type.isTextLike) }
            else if case .list = t.type { fits = true } else { fits = t.type.isTextLike }
            if !fits {
                diagnostics.error("T0108", "`\(name)` needs \(expected?.description ?? "text or a list") here, not \(t.type)", at: arg.span,
                                  hint: "usage: \(builtin.usage)")
                return nil
            }
            typed.append(t)
        }
        return TypedExpr(.call(builtin, typed), result, span)
    }

    mutating func checkBinary(_ op: BinaryOperator, _ a: Expr, _ b: Expr, _ span: Span, _ scope: Scope) -> TypedExpr? {
        switch op {
        case .and, .or:
            guard let ta = need(a, scope) else { return nil }
            var right = scope
            right.present.formUnion(op == .and ? factsIfTrue(a) : factsIfFalse(a))
            guard let tb = need(b, right) else { return nil }
            for (t, s) in [(ta, a.span), (tb, b.span)] where t.type != .bool {
                diagnostics.error("T0202", "`\(op.rawValue)` joins conditions; this is \(t.type)", at: s)
                return nil
            }
            return TypedExpr(op == .and ? .and(ta, tb) : .or(ta, tb), .bool, span)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let ta = need(a, scope), let tb = need(b, scope) else { return nil }
            guard ta.type.isComparable(with: tb.type) else {
                diagnostics.error("T0206", "cannot compare \(ta.type) with \(tb.type)", at: span,
                                  hint: comparisonHint(ta, tb))
                return nil
            }
            if op != .equal && op != .notEqual, !ta.type.isOrdered {
                diagnostics.error("T0207", "\(ta.type) values have no order; use `=` or `!=`", at: span)
                return nil
            }
            checkCodes(ta, against: tb, b.span)
            checkCodes(tb, against: ta, a.span)
            let cmp: Comparison = switch op {
            case .equal: .equal
            case .notEqual: .notEqual
            case .less: .less
            case .lessOrEqual: .lessOrEqual
            case .greater: .greater
            default: .greaterOrEqual
            }
            return TypedExpr(.compare(cmp, ta, tb), .bool, span)
        case .plus, .minus:
            if case .duration(let n, let unit) = b.kind {
                guard let ta = need(a, scope) else { return nil }
                guard ta.type == .date else {
                    diagnostics.error("T0208", "a duration is added to a date; this is \(ta.type)", at: a.span)
                    return nil
                }
                return TypedExpr(.shiftDate(ta, op == .plus ? n : -n, unit), .date, span)
            }
            guard let ta = need(a, scope), let tb = need(b, scope) else { return nil }
            if ta.type == .date && tb.type == .date && op == .minus {
                diagnostics.error("T0209", "dates are not subtracted directly", at: span,
                                  hint: "use days_between(\(diagnostics.file.slice(b.span)), \(diagnostics.file.slice(a.span))) or months_between(…)")
                return nil
            }
            return arithmetic(op == .plus ? .plus : .minus, ta, tb, a, b, span)
        case .times, .divide:
            guard let ta = need(a, scope), let tb = need(b, scope) else { return nil }
            return arithmetic(op == .times ? .times : .divide, ta, tb, a, b, span)
        case .isIn, .notIn:
            guard let ta = need(a, scope), let tb = need(b, scope) else { return nil }
            guard case .list(let element) = tb.type else {
                diagnostics.error("T0210", "`in` needs a list on its right, such as [\"VK\", \"KT\"] or a code set; this is \(tb.type)", at: b.span)
                return nil
            }
            guard element == .nothing || ta.type.isComparable(with: element) else {
                diagnostics.error("T0206", "cannot look for \(ta.type) in a list of \(element)", at: span)
                return nil
            }
            checkCodes(ta, against: tb, b.span)
            return TypedExpr(.member(ta, in: tb, negated: op == .notIn), .bool, span)
        case .contains:
            guard let ta = need(a, scope), let tb = need(b, scope) else { return nil }
            if case .list(let element) = ta.type {
                guard tb.type.isComparable(with: element) else {
                    diagnostics.error("T0206", "cannot look for \(tb.type) in a list of \(element)", at: span)
                    return nil
                }
                return TypedExpr(.member(tb, in: ta, negated: false), .bool, span)
            }
            guard ta.type.isTextLike, tb.type.isTextLike else {
                diagnostics.error("T0211", "`contains` looks for text in text or an item in a list; this is \(ta.type) and \(tb.type)", at: span)
                return nil
            }
            return TypedExpr(.textContains(ta, tb), .bool, span)
        case .startsWith:
            guard let ta = need(a, scope), let tb = need(b, scope) else { return nil }
            guard ta.type.isTextLike, tb.type.isTextLike else {
                diagnostics.error("T0211", "`starts with` compares text; this is \(ta.type) and \(tb.type)", at: span)
                return nil
            }
            return TypedExpr(.startsWith(ta, tb), .bool, span)
        case .otherwise:
            guard let ta = checkExpression(a, scope) else { return nil }
            if !ta.optional {
                diagnostics.warning("T0303", "`\(diagnostics.file.slice(a.span))` is never missing here, so `otherwise` has no effect", at: span)
            }
            guard let tb = checkExpression(b, scope) else { return nil }
            guard let type = unify(ta.type, tb.type) else {
                diagnostics.error("T0212", "the value for a missing \(ta.type) must also be \(ta.type); this is \(tb.type)", at: b.span)
                return nil
            }
            checkCodes(ta, against: tb, b.span)
            return TypedExpr(.otherwise(ta, tb), type, optional: tb.optional, span)
        }
    }

    func comparisonHint(_ a: TypedExpr, _ b: TypedExpr) -> String? {
        if a.type == .date && b.type == .text || a.type == .text && b.type == .date { return "write a date without quotes: 2024-03-01" }
        if a.type == .bool || b.type == .bool { return "a bool field is a condition by itself: write `journalford` or `not journalford`" }
        return nil
    }

    mutating func arithmetic(_ op: Arithmetic, _ ta: TypedExpr, _ tb: TypedExpr, _ a: Expr, _ b: Expr, _ span: Span) -> TypedExpr? {
        for (t, s) in [(ta, a.span), (tb, b.span)] where !t.type.isNumeric {
            diagnostics.error("T0213", "arithmetic needs numbers; this is \(t.type)", at: s,
                              hint: t.type == .date ? "add a duration to a date: `datum + 3 days`" : nil)
            return nil
        }
        let type: ValueType = (op == .divide || ta.type == .decimal || tb.type == .decimal) ? .decimal : .int
        return TypedExpr(.arithmetic(op, ta, tb), type, span)
    }

    /// A code written as text next to an enumeration must be one of its codes.
    mutating func checkCodes(_ coded: TypedExpr, against other: TypedExpr, _ span: Span) {
        guard let codes = coded.type.codes else { return }
        var written: [String] = []
        if case .constant(.text(let s)) = other.kind { written = [s] }
        if case .constant(.list(let items)) = other.kind { written = items.compactMap { if case .text(let s) = $0 { s } else { nil } } }
        for code in written where !codes.contains(code) {
            diagnostics.error("T0214", "\"\(code)\" is not one of the codes of this field (\(codes.map { "\"\($0)\"" }.joined(separator: ", ")))", at: span,
                              hint: suggestion(code, codes) ?? "codes are case-sensitive")
        }
    }

    // MARK: Across records

    mutating func checkAggregate(_ kind: AggregateKind, _ field: String?, _ condition: Expr, _ span: Span, _ scope: Scope) -> TypedExpr? {
        if scope.measureValues != nil {
            diagnostics.error("C0606", "a derived value is computed from the group's earlier values, so it cannot look at other records", at: span,
                              hint: "count the records with a value of its own (`value n = count where …`) and use that value here")
            return nil
        }
        guard !scope.allowOther else {
            diagnostics.error("A0401", "`\(kind.rawValue) other` cannot be nested inside another `where`", at: span,
                              hint: "nesting is not supported: split the rule into two rules, or restate the condition without the inner search")
            return nil
        }
        var keysOther: [Int] = []
        var keysCurrent: [TypedExpr] = []
        var residual: [Expr] = []
        for conjunct in conjuncts(condition) {
            if case .binary(.equal, let l, let r) = conjunct.kind {
                let pair: (Expr, Expr)? = {
                    if case .otherField = l.kind, !Checker.mentionsOther(r) { return (l, r) }
                    if case .otherField = r.kind, !Checker.mentionsOther(l) { return (r, l) }
                    return nil
                }()
                if let (o, c) = pair, case .otherField(let f, let nameSpan) = o.kind {
                    guard let info = fields[f] else {
                        diagnostics.error("T0102", "the other record has no field `\(f)`", at: nameSpan, hint: suggestion(f, Array(fields.keys)))
                        return nil
                    }
                    guard let tc = checkExpression(c, scope) else { return nil }
                    guard info.type.isComparable(with: tc.type) else {
                        diagnostics.error("T0206", "cannot compare \(info.type) with \(tc.type)", at: conjunct.span)
                        return nil
                    }
                    checkCodes(TypedExpr(.otherField(info.slot), info.type, o.span), against: tc, c.span)
                    // Keys compare as the field's own type: a code matches its text.
                    keysOther.append(info.slot)
                    keysCurrent.append(tc)
                    continue
                }
            }
            if !Checker.mentionsOther(conjunct), !isPresenceTest(conjunct) {
                diagnostics.warning("A0403", "this part of the `where` does not mention `other`, so it is tested inside the search", at: conjunct.span,
                                    hint: "if it is meant for this record, put the `\(kind.rawValue) other where …` in parentheses: `(\(kind.rawValue) other where …) and …`")
            }
            residual.append(conjunct)
        }
        guard !keysOther.isEmpty else {
            diagnostics.error("A0402", "a condition across records needs at least one equality between the other record and this one", at: condition.span,
                              hint: "e.g. `other.patient = patient and …`; it is used to find the matching records quickly")
            return nil
        }
        var inner = scope
        inner.allowOther = true
        // Narrowing flows left to right through the conjuncts, so the split
        // keeps a conjunct that needs an earlier one's facts in the residual.
        var prefilter: [Expr] = []
        var rest: [Expr] = []
        for conjunct in residual {
            if rest.isEmpty, Checker.mentionsOther(conjunct), !referencesCurrent(conjunct) { prefilter.append(conjunct) } else { rest.append(conjunct) }
        }
        func joined(_ parts: [Expr]) -> Expr {
            parts.dropFirst().reduce(parts[0]) { Expr(.binary(.and, $0, $1), $0.span.to($1.span)) }
        }
        var prefilterTyped: TypedExpr?
        var residualTyped: TypedExpr?
        if !prefilter.isEmpty {
            var s = inner
            s.present = []
            guard let t = checkCondition(joined(prefilter), s, what: "`where`") else { return nil }
            prefilterTyped = t
            inner.present.formUnion(factsIfTrue(joined(prefilter)))
        }
        if !rest.isEmpty {
            guard let t = checkCondition(joined(rest), inner, what: "`where`") else { return nil }
            residualTyped = t
        }
        let plan = LookupPlan(otherKeySlots: keysOther, currentKeys: keysCurrent, prefilter: prefilterTyped, residual: residualTyped)
        let index = lookups.count
        lookups.append(plan)
        switch kind {
        case .exists: return TypedExpr(.aggregate(.exists, field: nil, plan, index: index), .bool, span)
        case .count: return TypedExpr(.aggregate(.count, field: nil, plan, index: index), .int, span)
        case .latest, .earliest:
            guard let f = field, let info = fields[f] else {
                diagnostics.error("T0102", "the other record has no field `\(field ?? "")`", at: span, hint: suggestion(field ?? "", Array(fields.keys)))
                return nil
            }
            guard info.type.isOrdered else {
                diagnostics.error("T0207", "`\(kind.rawValue)` needs a field with an order (a date, time, number or text); `\(f)` is \(info.type)", at: span)
                return nil
            }
            return TypedExpr(.aggregate(kind, field: info.slot, plan, index: index), info.type, optional: true, span)
        }
    }

    /// Does the expression read anything of the current record (a field, a
    /// definition, a parameter)? Code sets and literals do not.
    func referencesCurrent(_ e: Expr) -> Bool {
        switch e.kind {
        case .name(let n): return codeSets[n] == nil
        case .integer, .decimal, .string, .date, .time, .bool, .missing, .duration, .otherField: return false
        case .list(let items): return items.contains(where: referencesCurrent)
        case .call(_, let args): return args.contains(where: referencesCurrent)
        case .negate(let a), .not(let a), .presence(let a, _): return referencesCurrent(a)
        case .binary(_, let a, let b), .within(let a, _, _, _, let b): return referencesCurrent(a) || referencesCurrent(b)
        case .conditional(let a, let b, let c): return referencesCurrent(a) || referencesCurrent(b) || referencesCurrent(c)
        case .aggregate: return true
        }
    }

    func isPresenceTest(_ e: Expr) -> Bool {
        if case .presence = e.kind { return true }
        return false
    }

    func conjuncts(_ e: Expr) -> [Expr] {
        if case .binary(.and, let a, let b) = e.kind { return conjuncts(a) + conjuncts(b) }
        return [e]
    }
}
