import RegelSyntax

extension Differ {
    /// Rules matched by id; a rule whose id changed but nothing else is a rename.
    mutating func compareRules() {
        let same = { [self] (o: RuleDecl, n: RuleDecl) in sameRule(o, n) }
        compareByName(old.rules, new.rules, .rule, lead: "rule ", name: \.id, span: \.span, same: same) { $0.compareRule($1, $2) }
    }

    func sameRule(_ o: RuleDecl, _ n: RuleDecl) -> Bool {
        o.title?.value == n.title?.value && o.severity?.value == n.severity?.value && o.cites?.value == n.cites?.value
            && sameMessage(o.message, n.message) && comparison.same(o.when, n.when) && comparison.same(o.require, n.require)
    }

    func sameMessage(_ o: Located<String>?, _ n: Located<String>?) -> Bool {
        switch (o, n) {
        case (nil, nil): true
        case let (a?, b?): comparison.sameMessage(a.value, b.value)
        default: false
        }
    }

    private mutating func compareRule(_ o: RuleDecl, _ n: RuleDecl) {
        let id = n.id.text
        let text: (String) -> String = { $0 }
        append(valueChange(o.title, n.title, .rule, id, .title, lead: "title ", show: text))
        append(valueChange(o.severity, n.severity, .rule, id, .severity, lead: "severity ", show: \.rawValue))
        append(valueChange(o.cites, n.cites, .rule, id, .cites, lead: "cites ", show: text))
        append(expressionChange(o.when, n.when, .rule, id, .when, lead: "when "))
        append(expressionChange(o.require, n.require, .rule, id, .require, lead: "require "))
        append(valueChange(o.message, n.message, .rule, id, .message, lead: "message ", show: text, same: comparison.sameMessage))
    }
}
