import RegelSyntax

/// What the rules cost once every definition is written out in place of its
/// name. Caps, measures, `explain` and `sql` evaluate or print a definition
/// again at every use, so definitions that each use the next one twice double
/// at every level: 30 of them are a billion parts, which `check` accepted in a
/// millisecond and `validate` never finished. The limits refuse that at check
/// time and are far above any real rule file (the shipped ones stay under
/// 50 parts an expression and 400 a file).
extension Checker {
    /// Parts one expression may have when written out (a `when`, a `require`,
    /// a message's value, a measure's value, a definition).
    static let maximumExpressionCost = 10_000
    /// Parts all of a file's expressions may have together.
    static let maximumFileCost = 1_000_000
    /// Sizes are counted up to here and no further, so they cannot overflow.
    static let costCeiling = 1_000_000_000

    /// Reports definitions, rules, caps and measures whose written-out size
    /// is beyond the limits; a definition too large is reported once, at the
    /// definition, not again at each expression that uses it.
    mutating func checkCost(rules: [CheckedRule], caps: [CheckedCap], measures: [CheckedMeasure]) {
        var defineCosts: [Int] = []
        var tooLarge: [Bool] = []
        for define in defineList {
            // A definition comes after those it uses (resolveDefine appends them first).
            let cost = Self.cost(define.expr, defineCosts)
            let usesOneTooLarge = Self.definesUsed(by: define.expr).contains { tooLarge[$0] }
            defineCosts.append(cost)
            tooLarge.append(cost > Self.maximumExpressionCost)
            if cost > Self.maximumExpressionCost, !usesOneTooLarge, let decl = defineDecls[define.name] {
                diagnostics.report(.definitionTooLarge(define.name, cost: cost), at: decl.name.span)
            }
        }

        let expressions = Self.expressions(rules: rules, caps: caps, measures: measures)
        // The total is reported once, and not after a part of it was reported as too large.
        var total = 0
        var reported = tooLarge.contains(true)
        for e in expressions {
            let cost = Self.cost(e, defineCosts)
            total = min(Self.costCeiling, total + cost)
            if Self.definesUsed(by: e).contains(where: { tooLarge[$0] }) { continue }
            if cost > Self.maximumExpressionCost {
                reported = true
                diagnostics.report(.expressionTooLarge(cost: cost), at: e.span)
            } else if total > Self.maximumFileCost && !reported {
                reported = true
                diagnostics.report(.rulesTooLargeTogether(), at: e.span)
            }
        }
    }

    /// Every expression that is evaluated on its own: a rule's `when`,
    /// `require` and message values, a cap's, a measure's.
    static func expressions(rules: [CheckedRule], caps: [CheckedCap], measures: [CheckedMeasure]) -> [TypedExpr] {
        var expressions: [TypedExpr] = []
        for rule in rules {
            expressions += [rule.when, rule.require].compactMap { $0 } + values(rule.message)
        }
        for cap in caps {
            expressions += [cap.when].compactMap { $0 } + cap.per + cap.orderBy
            for check in cap.checks {
                switch check.kind {
                case .require(let e), .sinceLatest(let e): expressions.append(e)
                case .rolling, .calendar: break
                }
                expressions += values(check.message)
            }
        }
        for measure in measures {
            expressions += [measure.when].compactMap { $0 } + measure.groupBy.map(\.expr)
            for value in measure.values {
                switch value.kind {
                case .count(let e): expressions += [e].compactMap { $0 }
                case .sum(let e, let condition): expressions += [e] + [condition].compactMap { $0 }
                case .derived(let e): expressions.append(e)
                }
            }
        }
        return expressions
    }

    /// The written-out size of each definition and of each expression of a
    /// checked ruleset (to compare rule files with the limits).
    package static func costs(of ruleset: CheckedRuleset) -> (defines: [Int], expressions: [Int]) {
        var defineCosts: [Int] = []
        for define in ruleset.defines { defineCosts.append(cost(define.expr, defineCosts)) }
        let all = expressions(rules: ruleset.rules, caps: ruleset.caps, measures: ruleset.measures)
        return (defineCosts, all.map { cost($0, defineCosts) })
    }

    static func values(_ message: MessageTemplate) -> [TypedExpr] {
        message.parts.compactMap { if case .value(let e) = $0 { e } else { nil } }
    }

    /// The number of parts of `e` with every definition written out: each
    /// value, field, operator and call is one part.
    static func cost(_ e: TypedExpr, _ defineCosts: [Int]) -> Int {
        var sum = 1
        func add(_ n: Int) { sum = min(costCeiling, sum + n) }
        switch e.kind {
        case .constant, .field, .otherField, .param, .measureValue: break
        case .define(let i): sum = i < defineCosts.count ? defineCosts[i] : 1
        case .list(let items) where items.allSatisfy({ if case .constant = $0.kind { true } else { false } }):
            break  // a list of codes is one lookup in a set, however long
        case .list(let items), .call(_, let items): for item in items { add(cost(item, defineCosts)) }
        case .not(let a), .negate(let a), .shiftDate(let a, _, _), .presence(let a, _): add(cost(a, defineCosts))
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .arithmetic(_, let a, let b),
             .member(let a, let b, _), .startsWith(let a, let b), .textContains(let a, let b), .otherwise(let a, let b):
            add(cost(a, defineCosts))
            add(cost(b, defineCosts))
        case .conditional(let c, let a, let b):
            for part in [c, a, b] { add(cost(part, defineCosts)) }
        case .aggregate(_, _, let plan, _):
            for part in plan.currentKeys + [plan.prefilter, plan.residual].compactMap({ $0 }) { add(cost(part, defineCosts)) }
        }
        return sum
    }

    /// The definitions `e` names directly.
    static func definesUsed(by e: TypedExpr) -> [Int] {
        switch e.kind {
        case .constant, .field, .otherField, .param, .measureValue: return []
        case .define(let i): return [i]
        case .list(let items), .call(_, let items): return items.flatMap(definesUsed)
        case .not(let a), .negate(let a), .shiftDate(let a, _, _), .presence(let a, _): return definesUsed(by: a)
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .arithmetic(_, let a, let b),
             .member(let a, let b, _), .startsWith(let a, let b), .textContains(let a, let b), .otherwise(let a, let b):
            return definesUsed(by: a) + definesUsed(by: b)
        case .conditional(let c, let a, let b): return [c, a, b].flatMap(definesUsed)
        case .aggregate(_, _, let plan, _):
            return (plan.currentKeys + [plan.prefilter, plan.residual].compactMap { $0 }).flatMap(definesUsed)
        }
    }
}
