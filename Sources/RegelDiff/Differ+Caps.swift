import RegelSyntax

extension Differ {
    /// Caps matched by name, their checks by id like rules. A cap's title,
    /// citation and severity are inherited by the checks that have none of
    /// their own; a change of one names those checks.
    mutating func compareCaps() {
        let same = { [self] (o: CapDecl, n: CapDecl) in sameCap(o, n) }
        compareByName(old.caps, new.caps, .cap, lead: "cap ", name: \.name, span: \.span, same: same) { $0.compareCap($1, $2) }
    }

    func sameCap(_ o: CapDecl, _ n: CapDecl) -> Bool {
        guard o.title?.value == n.title?.value, o.cites?.value == n.cites?.value, o.severity?.value == n.severity?.value,
            comparison.same(o.when, n.when), samePer(o.per, n.per), comparison.same(o.orderBy, n.orderBy),
            o.checks.count == n.checks.count
        else { return false }
        return n.checks.allSatisfy { k in o.checks.contains { $0.id.text == k.id.text && sameCheck($0, k) } }
    }

    /// `per` groups: the order of its keys does not matter.
    func samePer(_ o: [Expr], _ n: [Expr]) -> Bool {
        o.allSatisfy { a in n.contains { comparison.same(a, $0) } } && n.allSatisfy { b in o.contains { comparison.same($0, b) } }
    }

    func sameCheck(_ o: CapCheckDecl, _ n: CapCheckDecl) -> Bool {
        let sameKind: Bool =
            switch (o.kind, n.kind) {
            case let (.require(a), .require(b)): comparison.same(a, b)
            case let (.limit(x, v), .limit(y, w)): x.value == y.value && sameWindow(v, w)
            default: false
            }
        return sameKind && o.title?.value == n.title?.value && o.cites?.value == n.cites?.value
            && o.severity?.value == n.severity?.value && sameMessage(o.message, n.message)
    }

    func sameWindow(_ a: CapWindow, _ b: CapWindow) -> Bool {
        switch (a, b) {
        case let (.sinceLatest(x), .sinceLatest(y)): comparison.same(x, y)
        default: a == b
        }
    }

    private mutating func compareCap(_ o: CapDecl, _ n: CapDecl) {
        let cap = n.name.text
        let text: (String) -> String = { $0 }
        func inheriting(_ own: (CapCheckDecl) -> Bool) -> [String] { n.checks.filter { !own($0) }.map(\.id.text) }
        if var c = valueChange(o.title, n.title, .cap, cap, .title, lead: "title ", show: text) {
            c.inheritedBy = inheriting { $0.title != nil }
            append(c)
        }
        if var c = valueChange(o.severity, n.severity, .cap, cap, .severity, lead: "severity ", show: \.rawValue) {
            c.inheritedBy = inheriting { $0.severity != nil }
            append(c)
        }
        if var c = valueChange(o.cites, n.cites, .cap, cap, .cites, lead: "cites ", show: text) {
            c.inheritedBy = inheriting { $0.cites != nil }
            append(c)
        }
        append(expressionChange(o.when, n.when, .cap, cap, .when, lead: "when "))
        if !samePer(o.per, n.per) {
            var c = listChange(o.per, n.per, cap, .per, lead: "per ")
            let removed = o.per.filter { a in !n.per.contains { comparison.same(a, $0) } }
            let added = n.per.filter { b in !o.per.contains { comparison.same($0, b) } }
            c.differences = removed.map { expressionDifference((old: $0, new: nil)) } + added.map { expressionDifference((old: nil, new: $0)) }
            append(c)
        }
        if !comparison.same(o.orderBy, n.orderBy) {
            var c = listChange(o.orderBy, n.orderBy, cap, .orderBy, lead: "order by ")
            c.differences = ExpressionDiff(comparison: comparison).aligned(o.orderBy, n.orderBy).map(expressionDifference)
            append(c)
        }
        let same = { [self] (a: CapCheckDecl, b: CapCheckDecl) in sameCheck(a, b) }
        compareByName(o.checks, n.checks, .capCheck, parent: cap, name: \.id, span: Self.wholeSpan, renameSpan: \.span, same: same) {
            $0.compareCheck($1, $2, cap: cap)
        }
    }

    /// A change of a list of expressions (`per`, `order by`), shown whole.
    private func listChange(_ o: [Expr], _ n: [Expr], _ cap: String, _ aspect: DiffChange.Aspect, lead: String) -> DiffChange {
        var c = DiffChange(.cap, .changed, id: cap)
        c.aspect = aspect
        c.old = o.map(SyntaxDump.expr).joined(separator: ", ")
        c.new = n.map(SyntaxDump.expr).joined(separator: ", ")
        if let first = o.first, let last = o.last { c.oldSource = fragment(.old, first.span.to(last.span), lead: lead) }
        if let first = n.first, let last = n.last { c.newSource = fragment(.new, first.span.to(last.span), lead: lead) }
        return c
    }

    /// A check's line (`limit vecka: at most 1 per iso week`) with its title,
    /// citation, severity and message lines.
    static func wholeSpan(_ k: CapCheckDecl) -> Span {
        [k.title?.span, k.cites?.span, k.severity?.span, k.message?.span].compactMap { $0 }.reduce(k.span) { $0.to($1) }
    }

    private mutating func compareCheck(_ o: CapCheckDecl, _ n: CapCheckDecl, cap: String) {
        let id = n.id.text
        func change(_ aspect: DiffChange.Aspect, _ old: String, _ new: String) -> DiffChange {
            var c = DiffChange(.capCheck, .changed, id: id, parent: cap)
            c.aspect = aspect
            c.old = old
            c.new = new
            c.oldSource = fragment(.old, o.span)
            c.newSource = fragment(.new, n.span)
            return c
        }
        switch (o.kind, n.kind) {
        case let (.require(a), .require(b)):
            append(expressionChange(a, b, .capCheck, id, parent: cap, .require, lead: "", oldSpan: o.span, newSpan: n.span))
        case let (.limit(x, v), .limit(y, w)):
            if x.value != y.value { append(change(.threshold, String(x.value), String(y.value))) }
            if !sameWindow(v, w) {
                var c = change(.window, SyntaxDump.window(v), SyntaxDump.window(w))
                if case .sinceLatest(let a) = v, case .sinceLatest(let b) = w { c.differences = differences(a, b) }
                append(c)
            }
        default:
            append(change(.kind, Self.checkText(o), Self.checkText(n)))
        }
        let text: (String) -> String = { $0 }
        append(valueChange(o.title, n.title, .capCheck, id, parent: cap, .title, lead: "title ", show: text))
        append(valueChange(o.severity, n.severity, .capCheck, id, parent: cap, .severity, lead: "severity ", show: \.rawValue))
        append(valueChange(o.cites, n.cites, .capCheck, id, parent: cap, .cites, lead: "cites ", show: text))
        append(valueChange(o.message, n.message, .capCheck, id, parent: cap, .message, lead: "message ", show: text, same: comparison.sameMessage))
    }

    static func checkText(_ k: CapCheckDecl) -> String {
        switch k.kind {
        case .require(let e): "require \(SyntaxDump.expr(e))"
        case .limit(let n, let w): "at most \(n.value) \(SyntaxDump.window(w))"
        }
    }
}
