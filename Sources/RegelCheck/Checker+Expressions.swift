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
        diagnostics.report(.valueMayBeMissing(diagnostics.file.slice(e.span), type: t.type), at: e.span)
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
                diagnostics.report(.notARealDate(s), at: e.span)
                return nil
            }
            return TypedExpr(.constant(.date(d)), .date, e.span)
        case .time(let s):
            guard let t = ClockTime.parse(s) else {
                diagnostics.report(.notATimeOfDay(s), at: e.span)
                return nil
            }
            return TypedExpr(.constant(.time(t)), .time, e.span)
        case .duration:
            diagnostics.report(.durationOnItsOwn(diagnostics.file.slice(e.span)), at: e.span)
            return nil
        case .list(let items):
            return checkList(items, e.span, scope)
        case .name(let n):
            return checkName(n, e.span, scope)
        case .otherField(let f, let nameSpan):
            guard scope.allowOther else {
                diagnostics.report(.otherOutsideSearch(f), at: e.span)
                return nil
            }
            guard let info = fields[f] else {
                diagnostics.report(.otherRecordNoSuchField(f, near: closest(f, among: fields.keys)), at: nameSpan)
                return nil
            }
            return TypedExpr(.otherField(info.slot), info.type, optional: info.optional && !scope.present.contains("other." + f), e.span)
        case .call(let name, let args):
            return checkCall(name, args, e.span, scope)
        case .negate(let a):
            guard let t = need(a, scope) else { return nil }
            guard t.type.isNumeric else {
                diagnostics.report(.negatingNonNumber(t.type), at: a.span)
                return nil
            }
            if case .constant(.int(let n)) = t.kind { return TypedExpr(.constant(.int(-n)), .int, e.span) }
            if case .constant(.decimal(let d)) = t.kind { return TypedExpr(.constant(.decimal(-d)), .decimal, e.span) }
            return TypedExpr(.negate(t), t.type, e.span)
        case .not(let a):
            guard let t = need(a, scope) else { return nil }
            guard t.type == .bool else {
                diagnostics.report(.notNeedsCondition(t.type), at: a.span)
                return nil
            }
            return TypedExpr(.not(t), .bool, e.span)
        case .binary(let op, let a, let b):
            return checkBinary(op, a, b, e.span, scope)
        case .presence(let a, let isPresent):
            guard let t = checkExpression(a, scope) else { return nil }
            if !t.optional {
                diagnostics.report(.presenceTestAlwaysSame(diagnostics.file.slice(a.span), isPresent: isPresent), at: e.span)
            }
            return TypedExpr(.presence(t, isPresent: isPresent), .bool, e.span)
        case .within(let x, let n, let unit, let before, let d):
            guard checkDuration(n, unit, at: e.span), let tx = need(x, scope), let td = need(d, scope) else { return nil }
            for (t, s) in [(tx, x.span), (td, d.span)] where t.type != .date {
                diagnostics.report(.withinNeedsDates(t.type), at: s)
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
                diagnostics.report(.ifNeedsCondition(tc.type), at: c.span)
                return nil
            }
            var thenScope = scope, elseScope = scope
            thenScope.present.formUnion(factsIfTrue(c))
            elseScope.present.formUnion(factsIfFalse(c))
            guard let ta = checkExpression(a, thenScope), let tb = checkExpression(b, elseScope) else { return nil }
            guard let type = unify(ta.type, tb.type) else {
                diagnostics.report(.ifBranchesDifferentTypes(ta.type, tb.type), at: e.span)
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
                diagnostics.report(.listMixedTypes(t.type, among: type), at: item.span)
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
            diagnostics.report(.notAValueOfThisMeasure(n, near: closest(n, among: values.keys)), at: span)
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
            diagnostics.report(.functionUsedWithoutParentheses(n), at: span)
            return nil
        }
        diagnostics.report(.unknownName(n, near: closest(n, among: allNames), fields: fieldList.map(\.name)), at: span)
        return nil
    }

    mutating func checkCall(_ name: String, _ args: [Expr], _ span: Span, _ scope: Scope) -> TypedExpr? {
        guard let builtin = Builtin(rawValue: name) else {
            diagnostics.report(.unknownFunction(name), at: span)
            return nil
        }
        let (parameters, result) = builtin.signature
        guard args.count == parameters.count else {
            diagnostics.report(.wrongNumberOfArguments(builtin, given: args.count), at: span)
            return nil
        }
        var typed: [TypedExpr] = []
        for (arg, expected) in zip(args, parameters) {
            guard let t = need(arg, scope) else { return nil }
            let fits: Bool
            if let expected { fits = t.type == expected || (expected == .text && t.type.isTextLike) }
            else if case .list = t.type { fits = true } else { fits = t.type.isTextLike }
            if !fits {
                diagnostics.report(.wrongArgumentType(builtin, expected: expected, found: t.type), at: arg.span)
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
                diagnostics.report(.conditionsJoined(by: op, found: t.type), at: s)
                return nil
            }
            return TypedExpr(op == .and ? .and(ta, tb) : .or(ta, tb), .bool, span)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let ta = need(a, scope), let tb = need(b, scope) else { return nil }
            guard ta.type.isComparable(with: tb.type) else {
                diagnostics.report(.cannotCompare(ta.type, with: tb.type), at: span)
                return nil
            }
            if op != .equal && op != .notEqual, !ta.type.isOrdered {
                diagnostics.report(.valuesWithoutOrder(ta.type), at: span)
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
                guard checkDuration(n, unit, at: b.span), let ta = need(a, scope) else { return nil }
                guard ta.type == .date else {
                    diagnostics.report(.durationAddedToNonDate(ta.type), at: a.span)
                    return nil
                }
                return TypedExpr(.shiftDate(ta, op == .plus ? n : -n, unit), .date, span)
            }
            guard let ta = need(a, scope), let tb = need(b, scope) else { return nil }
            if ta.type == .date && tb.type == .date && op == .minus {
                diagnostics.report(.datesSubtracted(diagnostics.file.slice(a.span), diagnostics.file.slice(b.span)), at: span)
                return nil
            }
            return arithmetic(op == .plus ? .plus : .minus, ta, tb, a, b, span)
        case .times, .divide:
            guard let ta = need(a, scope), let tb = need(b, scope) else { return nil }
            return arithmetic(op == .times ? .times : .divide, ta, tb, a, b, span)
        case .isIn, .notIn:
            guard let ta = need(a, scope), let tb = need(b, scope) else { return nil }
            guard case .list(let element) = tb.type else {
                diagnostics.report(.inWithoutList(tb.type), at: b.span)
                return nil
            }
            guard element == .nothing || ta.type.isComparable(with: element) else {
                diagnostics.report(.cannotLookFor(ta.type, inListOf: element), at: span)
                return nil
            }
            checkCodes(ta, against: tb, b.span)
            return TypedExpr(.member(ta, in: tb, negated: op == .notIn), .bool, span)
        case .contains:
            guard let ta = need(a, scope), let tb = need(b, scope) else { return nil }
            if case .list(let element) = ta.type {
                guard tb.type.isComparable(with: element) else {
                    diagnostics.report(.cannotLookFor(tb.type, inListOf: element), at: span)
                    return nil
                }
                return TypedExpr(.member(tb, in: ta, negated: false), .bool, span)
            }
            guard ta.type.isTextLike, tb.type.isTextLike else {
                diagnostics.report(.containsOnNonText(ta.type, tb.type), at: span)
                return nil
            }
            return TypedExpr(.textContains(ta, tb), .bool, span)
        case .startsWith:
            guard let ta = need(a, scope), let tb = need(b, scope) else { return nil }
            guard ta.type.isTextLike, tb.type.isTextLike else {
                diagnostics.report(.startsWithOnNonText(ta.type, tb.type), at: span)
                return nil
            }
            return TypedExpr(.startsWith(ta, tb), .bool, span)
        case .otherwise:
            guard let ta = checkExpression(a, scope) else { return nil }
            if !ta.optional {
                diagnostics.report(.otherwiseHasNoEffect(diagnostics.file.slice(a.span)), at: span)
            }
            guard let tb = checkExpression(b, scope) else { return nil }
            guard let type = unify(ta.type, tb.type) else {
                diagnostics.report(.otherwiseOfAnotherType(ta.type, otherwise: tb.type), at: b.span)
                return nil
            }
            checkCodes(ta, against: tb, b.span)
            return TypedExpr(.otherwise(ta, tb), type, optional: tb.optional, span)
        }
    }

    mutating func arithmetic(_ op: Arithmetic, _ ta: TypedExpr, _ tb: TypedExpr, _ a: Expr, _ b: Expr, _ span: Span) -> TypedExpr? {
        for (t, s) in [(ta, a.span), (tb, b.span)] where !t.type.isNumeric {
            diagnostics.report(.arithmeticOnNonNumber(t.type), at: s)
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
            diagnostics.report(.notOneOfFieldCodes(code, codes: codes), at: span)
        }
    }

    // MARK: Across records

    mutating func checkAggregate(_ kind: AggregateKind, _ field: String?, _ condition: Expr, _ span: Span, _ scope: Scope) -> TypedExpr? {
        if scope.measureValues != nil {
            diagnostics.report(.searchInDerivedValue(), at: span)
            return nil
        }
        guard !scope.allowOther else {
            diagnostics.report(.nestedSearch(kind), at: span)
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
                        diagnostics.report(.otherRecordNoSuchField(f, near: closest(f, among: fields.keys)), at: nameSpan)
                        return nil
                    }
                    guard let tc = checkExpression(c, scope) else { return nil }
                    guard info.type.isComparable(with: tc.type) else {
                        diagnostics.report(.cannotCompareSearchKey(info.type, with: tc.type), at: conjunct.span)
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
                diagnostics.report(.whereClauseWithoutOther(kind), at: conjunct.span)
            }
            residual.append(conjunct)
        }
        guard !keysOther.isEmpty else {
            diagnostics.report(.searchWithoutEqualityKey(), at: condition.span)
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
            guard let t = checkCondition(joined(prefilter), s, as: .searchOrFilter) else { return nil }
            prefilterTyped = t
            inner.present.formUnion(factsIfTrue(joined(prefilter)))
        }
        if !rest.isEmpty {
            guard let t = checkCondition(joined(rest), inner, as: .searchOrFilter) else { return nil }
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
                diagnostics.report(.otherRecordNoSuchField(field ?? "", near: closest(field ?? "", among: fields.keys)), at: span)
                return nil
            }
            guard info.type.isOrdered else {
                diagnostics.report(.searchFieldWithoutOrder(kind, field: f, type: info.type), at: span)
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
