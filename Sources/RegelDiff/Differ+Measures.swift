import RegelSyntax

extension Differ {
    /// Measures matched by name; their group keys and values by name.
    mutating func compareMeasures() {
        let same = { [self] (o: MeasureDecl, n: MeasureDecl) in sameMeasure(o, n) }
        compareByName(old.measures, new.measures, .measure, lead: "measure ", name: \.name, span: \.span, same: same) {
            $0.compareMeasure($1, $2)
        }
    }

    func sameMeasure(_ o: MeasureDecl, _ n: MeasureDecl) -> Bool {
        o.title?.value == n.title?.value && o.cites?.value == n.cites?.value && comparison.same(o.when, n.when)
            && sameGroups(o.groupBy, n.groupBy) && o.values.count == n.values.count
            && n.values.allSatisfy { v in o.values.contains { $0.name.text == v.name.text && sameValue($0.kind, v.kind) } }
    }

    /// Group keys by name: their order only orders the report's columns.
    func sameGroups(_ o: [GroupKeyDecl], _ n: [GroupKeyDecl]) -> Bool {
        o.count == n.count && n.allSatisfy { k in o.contains { $0.name.text == k.name.text && comparison.same($0.value, k.value) } }
    }

    func sameValue(_ a: MeasureValueDecl.Kind, _ b: MeasureValueDecl.Kind) -> Bool {
        switch (a, b) {
        case let (.count(x), .count(y)): comparison.same(x, y)
        case let (.sum(e, x), .sum(f, y)): comparison.same(e, f) && comparison.same(x, y)
        case let (.derived(e), .derived(f)): comparison.same(e, f)
        default: false
        }
    }

    private mutating func compareMeasure(_ o: MeasureDecl, _ n: MeasureDecl) {
        let measure = n.name.text
        let text: (String) -> String = { $0 }
        append(valueChange(o.title, n.title, .measure, measure, .title, lead: "title ", show: text))
        append(valueChange(o.cites, n.cites, .measure, measure, .cites, lead: "cites ", show: text))
        append(expressionChange(o.when, n.when, .measure, measure, .when, lead: "when "))
        if !sameGroups(o.groupBy, n.groupBy) {
            var c = DiffChange(.measure, .changed, id: measure)
            c.aspect = .groupBy
            c.old = Self.groupText(o.groupBy)
            c.new = Self.groupText(n.groupBy)
            if let first = o.groupBy.first, let last = o.groupBy.last { c.oldSource = fragment(.old, first.name.span.to(last.value.span), lead: "group by ") }
            if let first = n.groupBy.first, let last = n.groupBy.last { c.newSource = fragment(.new, first.name.span.to(last.value.span), lead: "group by ") }
            append(c)
        }
        compareByName(o.values, n.values, .measureValue, parent: measure, name: \.name, span: \.span) {
            $0.compareValue($1, $2, measure: measure)
        }
    }

    private mutating func compareValue(_ o: MeasureValueDecl, _ n: MeasureValueDecl, measure: String) {
        let id = n.name.text
        func change(_ a: Expr?, _ b: Expr?, _ aspect: DiffChange.Aspect) -> DiffChange? {
            expressionChange(a, b, .measureValue, id, parent: measure, aspect, lead: "", oldSpan: o.span, newSpan: n.span)
        }
        switch (o.kind, n.kind) {
        case let (.count(x), .count(y)):
            append(change(x, y, .filter))
        case let (.sum(e, x), .sum(f, y)):
            append(change(e, f, .value))
            append(change(x, y, .filter))
        case let (.derived(e), .derived(f)):
            append(change(e, f, .value))
        default:
            var c = DiffChange(.measureValue, .changed, id: id, parent: measure)
            c.aspect = .value
            c.old = Self.valueText(o.kind)
            c.new = Self.valueText(n.kind)
            c.oldSource = fragment(.old, o.span)
            c.newSource = fragment(.new, n.span)
            append(c)
        }
    }

    static func groupText(_ keys: [GroupKeyDecl]) -> String {
        keys.map { k in
            if case .name(let n) = k.value.kind, n == k.name.text { return n }
            return "\(k.name.text) = \(SyntaxDump.expr(k.value))"
        }.joined(separator: ", ")
    }

    static func valueText(_ kind: MeasureValueDecl.Kind) -> String {
        switch kind {
        case .count(let w): "count" + (w.map { " where \(SyntaxDump.expr($0))" } ?? "")
        case .sum(let e, let w): "sum \(SyntaxDump.expr(e))" + (w.map { " where \(SyntaxDump.expr($0))" } ?? "")
        case .derived(let e): SyntaxDump.expr(e)
        }
    }
}
