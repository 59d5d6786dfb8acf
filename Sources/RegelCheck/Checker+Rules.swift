import RegelSyntax

extension Checker {
    mutating func checkRule(_ r: RuleDecl) -> CheckedRule? {
        let idOK = claimId(r.id)
        if r.severity == nil {
            diagnostics.report(.ruleWithoutSeverity(r.id.text), at: r.id.span)
        }
        if r.cites == nil {
            diagnostics.report(.ruleWithoutCites(r.id.text), at: r.id.span)
        }
        if r.title == nil {
            diagnostics.report(.noTitle(rule: r.id.text), at: r.id.span)
        }
        guard let requireSyntax = r.require else {
            diagnostics.report(.noRequire(rule: r.id.text), at: r.id.span)
            return nil
        }
        var scope = Scope()
        var when: TypedExpr?
        if let w = r.when {
            when = checkCondition(w, scope, as: .when)
            scope.present.formUnion(factsIfTrue(w))
        }
        let require = checkCondition(requireSyntax, scope, as: .require)
        let message = r.message.map { checkMessage($0, scope, capPlaceholders: false) }
            ?? MessageTemplate(parts: [.literal(r.title?.value ?? r.id.text)])
        if r.message == nil {
            diagnostics.report(.noMessage(rule: r.id.text), at: r.id.span)
        }
        guard idOK, let require, r.severity != nil, r.when == nil || when != nil, let message else { return nil }
        var mask = fieldMask(require)
        if let when { mask |= fieldMask(when) }
        return CheckedRule(id: r.id.text, title: r.title?.value ?? r.id.text, severity: r.severity!.value,
                           citation: citation(r.cites), when: when, require: require, message: message, fieldMask: mask)
    }

    mutating func checkCondition(_ e: Expr, _ scope: Scope, as place: ConditionPlace) -> TypedExpr? {
        guard let t = checkExpression(e, scope) else { return nil }
        if t.type != .bool {
            diagnostics.report(.conditionExpected(place, found: t.type), at: e.span)
            return nil
        }
        if t.optional { return reportOptional(e, t) }
        return t
    }

    mutating func checkCap(_ c: CapDecl) -> CheckedCap? {
        var scope = Scope()
        var when: TypedExpr?
        var ok = true
        if let w = c.when {
            when = checkCondition(w, scope, as: .when)
            if when == nil { ok = false }
            scope.present.formUnion(factsIfTrue(w))
        }
        if c.per.isEmpty {
            diagnostics.report(.capWithoutPer(c.name.text), at: c.name.span)
            ok = false
        }
        if c.orderBy.isEmpty {
            diagnostics.report(.capWithoutOrder(c.name.text), at: c.name.span)
            ok = false
        }
        var per: [TypedExpr] = []
        for e in c.per {
            guard let t = checkExpression(e, scope) else { ok = false; continue }
            if t.optional { _ = reportOptional(e, t); ok = false }
            per.append(t)
        }
        var orderBy: [TypedExpr] = []
        for (i, e) in c.orderBy.enumerated() {
            guard let t = checkExpression(e, scope) else { ok = false; continue }
            if t.optional { _ = reportOptional(e, t); ok = false }
            if i == 0, t.type != .date {
                diagnostics.report(.capOrderKeyNotADate(t.type), at: e.span)
                ok = false
            } else if !t.type.isOrdered {
                diagnostics.report(.orderKeyWithoutOrder(t.type), at: e.span)
                ok = false
            }
            orderBy.append(t)
        }
        if c.checks.isEmpty {
            diagnostics.report(.capWithoutChecks(c.name.text), at: c.name.span)
            ok = false
        }
        var checks: [CheckedCapCheck] = []
        for check in c.checks {
            let idOK = claimId(check.id)
            let severity = check.severity?.value ?? c.severity?.value
            if severity == nil {
                diagnostics.report(.capCheckWithoutSeverity(check.id.text), at: check.id.span)
            }
            if check.cites == nil && c.cites == nil {
                diagnostics.report(.capCheckWithoutCites(check.id.text), at: check.id.span)
            }
            let kind: CheckedCapCheck.Kind?
            var limit = 0
            switch check.kind {
            case .require(let e):
                kind = checkCondition(e, scope, as: .capRequire).map { .require($0) }
            case .limit(let n, let window):
                limit = n.value  // never negative: the parser reads digits only (P0105)
                switch window {
                case .rolling(let k, let unit): kind = checkDuration(k, unit, at: check.span) ? .rolling(k, unit) : nil
                case .calendar(let p): kind = .calendar(p)
                case .sinceLatest(let e): kind = checkCondition(e, Scope(), as: .sinceLatest).map { .sinceLatest($0) }
                }
            }
            let message = check.message.map { checkMessage($0, scope, capPlaceholders: true) }
                ?? MessageTemplate(parts: [.literal(check.title?.value ?? c.title?.value ?? check.id.text)])
            guard idOK, let kind, let severity, let message else { ok = false; continue }
            let title = check.title?.value ?? c.title?.value ?? check.id.text
            checks.append(CheckedCapCheck(id: check.id.text, title: title, severity: severity,
                                          citation: citation(check.cites ?? c.cites), kind: kind, limit: limit, message: message))
        }
        guard ok else { return nil }
        var mask: UInt64 = 0
        for t in per + orderBy { mask |= fieldMask(t) }
        if let when { mask |= fieldMask(when) }
        for check in checks {
            switch check.kind {
            case .require(let e), .sinceLatest(let e): mask |= fieldMask(e)
            case .rolling, .calendar: break
            }
        }
        return CheckedCap(name: c.name.text, when: when, per: per, orderBy: orderBy, checks: checks, fieldMask: mask)
    }

    mutating func checkMeasure(_ m: MeasureDecl, existing: [CheckedMeasure]) -> CheckedMeasure? {
        if existing.contains(where: { $0.name == m.name.text }) {
            diagnostics.report(.measureDeclaredTwice(m.name.text), at: m.name.span)
            return nil
        }
        var ok = true
        var scope = Scope()
        var when: TypedExpr?
        if let w = m.when {
            when = checkCondition(w, scope, as: .when)
            if when == nil { ok = false }
            scope.present.formUnion(factsIfTrue(w))
        }
        var groups: [(String, TypedExpr)] = []
        for g in m.groupBy {
            guard let t = checkExpression(g.value, scope) else { ok = false; continue }
            groups.append((g.name.text, t))
        }
        var values: [CheckedMeasure.Output] = []
        var valueScope = scope
        for v in m.values {
            if values.contains(where: { $0.name == v.name.text }) || groups.contains(where: { $0.0 == v.name.text }) {
                diagnostics.report(.valueNameUsedTwice(v.name.text), at: v.name.span)
                ok = false
                continue
            }
            switch v.kind {
            case .count(let filter):
                let f = filter.flatMap { checkCondition($0, scope, as: .searchOrFilter) }
                if filter != nil && f == nil { ok = false; continue }
                values.append(.init(name: v.name.text, kind: .count(f), type: .int))
            case .sum(let e, let filter):
                var s = scope
                if let filter { s.present.formUnion(factsIfTrue(filter)) }
                let f = filter.flatMap { checkCondition($0, scope, as: .searchOrFilter) }
                guard let t = checkExpression(e, s) else { ok = false; continue }
                if !t.type.isNumeric {
                    diagnostics.report(.sumOfNonNumber(t.type), at: e.span)
                    ok = false
                    continue
                }
                if t.optional { _ = reportOptional(e, t); ok = false; continue }
                if filter != nil && f == nil { ok = false; continue }
                values.append(.init(name: v.name.text, kind: .sum(t, f), type: t.type))
            case .derived(let e):
                valueScope.measureValues = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1.name, ($0, $1.type, $1.optional)) })
                guard let t = checkExpression(e, valueScope) else { ok = false; continue }
                if !t.type.isNumeric {
                    diagnostics.report(.derivedValueNotNumber(t.type), at: e.span)
                    ok = false
                    continue
                }
                values.append(.init(name: v.name.text, kind: .derived(t), type: t.type, optional: t.optional || Checker.divides(t)))
            }
        }
        if m.values.isEmpty {
            diagnostics.report(.measureWithoutValues(m.name.text), at: m.name.span)
            ok = false
        }
        guard ok else { return nil }
        var mask: UInt64 = when.map(fieldMask) ?? 0
        for (_, g) in groups { mask |= fieldMask(g) }
        for v in values {
            switch v.kind {
            case .count(let f): mask |= f.map(fieldMask) ?? 0
            case .sum(let e, let f): mask |= fieldMask(e) | (f.map(fieldMask) ?? 0)
            case .derived: break
            }
        }
        return CheckedMeasure(name: m.name.text, title: m.title?.value ?? m.name.text, citation: citation(m.cites),
                              when: when, groupBy: groups.map { (name: $0.0, expr: $0.1) }, values: values, fieldMask: mask)
    }

    /// `{name}` placeholders: fields, definitions, parameters; in caps also
    /// `{count}` and `{limit}`. `{{` and `}}` are literal braces.
    mutating func checkMessage(_ message: Located<String>, _ scope: Scope, capPlaceholders: Bool) -> MessageTemplate? {
        // Each character of the message with the file offset it is written
        // at, read from the string token itself: an escape (`\"`, `\\`, `\n`)
        // is two bytes in the file but one character in the message.
        var chars = Checker.messageCharacters(diagnostics.file.slice(message.span), at: message.span.start)
        if String(chars.map(\.character)) != message.value {
            // Not the file's token (a message built in code): positions after
            // the opening quote as if nothing were escaped.
            var offset = message.span.start + 1
            chars = message.value.map { c in defer { offset += String(c).utf8.count }; return (c, offset) }
        }
        var parts: [MessageTemplate.Part] = []
        var literal = ""
        var i = 0
        var ok = true
        while i < chars.count {
            let c = chars[i].character
            if c == "{", i + 1 < chars.count, chars[i + 1].character == "{" { literal.append("{"); i += 2; continue }
            if c == "}", i + 1 < chars.count, chars[i + 1].character == "}" { literal.append("}"); i += 2; continue }
            if c == "{" {
                guard let close = chars[i...].firstIndex(where: { $0.character == "}" }) else {
                    diagnostics.report(.unclosedMessage(), at: message.span)
                    return nil
                }
                let inside = chars[(i + 1)..<close]
                let name = String(inside.map(\.character)).trimmingSpaces
                let first = inside.first(where: { $0.character != " " })?.offset ?? chars[close].offset
                let span = Span(start: first, end: first + name.utf8.count)
                if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
                if capPlaceholders && name == "count" { parts.append(.capCount) }
                else if capPlaceholders && name == "limit" { parts.append(.capLimit) }
                else if let t = checkExpression(Expr(.name(name), span), scope, allowOptional: true) {
                    parts.append(.value(t))
                } else { ok = false }
                i = close + 1
                continue
            }
            literal.append(c)
            i += 1
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return ok ? MessageTemplate(parts: parts) : nil
    }

    /// The characters of a string token's value, each with the file offset
    /// where it is written (an escape's backslash). `source` is the token as
    /// written, quotes included; `start` is its offset in the file. Escapes
    /// are read as the lexer reads them.
    static func messageCharacters(_ source: String, at start: Int) -> [(character: Character, offset: Int)] {
        var out: [(character: Character, offset: Int)] = []
        var offset = start
        var rest = Substring(source)
        if rest.first == "\"" { rest.removeFirst(); offset += 1 }
        while let c = rest.first {
            if c == "\"" { break }
            rest.removeFirst()
            if c == "\\", let e = rest.first {
                rest.removeFirst()
                let value: Character = switch e {
                case "n": "\n"
                case "t": "\t"
                default: e
                }
                out.append((value, offset))
                offset += 1 + String(e).utf8.count
                continue
            }
            out.append((c, offset))
            offset += String(c).utf8.count
        }
        return out
    }

    /// Which fields of the current record an expression reads (through
    /// definitions too).
    func fieldMask(_ t: TypedExpr) -> UInt64 {
        var mask: UInt64 = 0
        func visit(_ t: TypedExpr) {
            switch t.kind {
            case .field(let s): mask |= 1 << UInt64(s)
            case .define(let i): if i < defineMasks.count { mask |= defineMasks[i] }
            case .constant, .otherField, .param, .measureValue: break
            case .list(let items): items.forEach(visit)
            case .not(let a), .negate(let a), .presence(let a, _), .shiftDate(let a, _, _): visit(a)
            case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .arithmetic(_, let a, let b),
                 .member(let a, let b, _), .startsWith(let a, let b), .textContains(let a, let b), .otherwise(let a, let b):
                visit(a); visit(b)
            case .conditional(let a, let b, let c): visit(a); visit(b); visit(c)
            case .call(_, let args): args.forEach(visit)
            case .aggregate(_, _, let plan, _):
                plan.currentKeys.forEach(visit)
                if let r = plan.residual { visit(r) }
                if let p = plan.prefilter { visit(p) }
            }
        }
        visit(t)
        return mask
    }
}

extension String {
    package var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

extension Checker {
    /// Whether an expression divides: its value is missing when the
    /// divisor is 0, so a derived value built on it may be missing.
    static func divides(_ t: TypedExpr) -> Bool {
        switch t.kind {
        case .arithmetic(.divide, _, _): return true
        case .arithmetic(_, let a, let b), .conditional(_, let a, let b): return divides(a) || divides(b)
        case .negate(let a), .otherwise(_, let a): return divides(a)
        default: return false
        }
    }
}
