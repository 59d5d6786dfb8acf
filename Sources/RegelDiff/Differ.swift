import RegelCheck
import RegelSyntax

/// Computes the semantic diff of two versions of a ruleset. Declarations are
/// matched by name (rules and cap checks by id), never by position, so
/// reordering is no change; expressions are compared as trees, so layout and
/// comments are no change. Code sets, parameters and definitions are matched
/// first: one renamed with its uses updated is one rename, not a change to
/// every rule that uses it.
public struct Differ {
    enum Side { case old, new }

    let oldFile: SourceFile
    let newFile: SourceFile
    let oldSyntax: RulesetSyntax
    let newSyntax: RulesetSyntax
    let old: DeclarationIndex
    let new: DeclarationIndex
    var comparison = ExpressionComparison()
    var changes: [DiffChange] = []

    init(oldFile: SourceFile, oldSyntax: RulesetSyntax, newFile: SourceFile, newSyntax: RulesetSyntax) {
        self.oldFile = oldFile
        self.newFile = newFile
        self.oldSyntax = oldSyntax
        self.newSyntax = newSyntax
        old = DeclarationIndex(oldSyntax)
        new = DeclarationIndex(newSyntax)
    }

    public static func diff(old: CheckedRuleset, new: CheckedRuleset) -> RulesetDiff {
        var differ = Differ(oldFile: old.file, oldSyntax: old.syntax, newFile: new.file, newSyntax: new.syntax)
        differ.compareAll()
        return RulesetDiff(
            old: RulesetSide(old), new: RulesetSide(new), changes: differ.changes,
            testsChanged: differ.old.canonicalTests != differ.new.canonicalTests)
    }

    /// In the order a reader meets them in a rule file.
    mutating func compareAll() {
        compareHeader()
        compareRecord()
        compareNames()
        compareNotes()
        compareRules()
        compareCaps()
        compareMeasures()
    }

    // MARK: Building changes

    func fragment(_ side: Side, _ span: Span, lead: String = "") -> SourceFragment {
        SourceFragment(side == .old ? oldFile : newFile, span, lead: lead)
    }

    mutating func append(_ change: DiffChange?) {
        if let change { changes.append(change) }
    }

    /// A change of a single value (a title, a severity, a version), or nil
    /// when it is the same.
    func valueChange<T: Equatable>(
        _ o: Located<T>?, _ n: Located<T>?, _ subject: DiffChange.Subject, _ id: String, parent: String? = nil,
        _ aspect: DiffChange.Aspect, lead: String, show: (T) -> String,
        same: ((T, T) -> Bool)? = nil
    ) -> DiffChange? {
        switch (o, n) {
        case (nil, nil): return nil
        case let (a?, b?) where (same ?? { $0 == $1 })(a.value, b.value): return nil
        default: break
        }
        var c = DiffChange(subject, .changed, id: id, parent: parent)
        c.aspect = aspect
        c.old = o.map { show($0.value) }
        c.new = n.map { show($0.value) }
        c.oldSource = o.map { fragment(.old, $0.span, lead: lead) }
        c.newSource = n.map { fragment(.new, $0.span, lead: lead) }
        return c
    }

    /// A change of an expression (a `when`, a `require`, a default), or nil
    /// when the two are the same tree. The fragments are the expressions
    /// after `lead`, unless whole spans are given.
    func expressionChange(
        _ o: Expr?, _ n: Expr?, _ subject: DiffChange.Subject, _ id: String, parent: String? = nil,
        _ aspect: DiffChange.Aspect, lead: String, oldSpan: Span? = nil, newSpan: Span? = nil
    ) -> DiffChange? {
        if comparison.same(o, n) { return nil }
        var c = DiffChange(subject, .changed, id: id, parent: parent)
        c.aspect = aspect
        c.old = o.map(SyntaxDump.expr)
        c.new = n.map(SyntaxDump.expr)
        c.oldSource = oldSpan.map { fragment(.old, $0) } ?? o.map { fragment(.old, $0.span, lead: lead) }
        c.newSource = newSpan.map { fragment(.new, $0) } ?? n.map { fragment(.new, $0.span, lead: lead) }
        if let o, let n { c.differences = differences(o, n) }
        return c
    }

    func differences(_ o: Expr, _ n: Expr) -> [ExpressionDifference] {
        ExpressionDiff(comparison: comparison).differences(o, n).map(expressionDifference)
    }

    func expressionDifference(_ d: (old: Expr?, new: Expr?)) -> ExpressionDifference {
        ExpressionDifference(
            old: d.old.map(SyntaxDump.expr), new: d.new.map(SyntaxDump.expr),
            oldSource: d.old.map { fragment(.old, $0.span) }, newSource: d.new.map { fragment(.new, $0.span) })
    }

    /// A whole declaration added, removed or renamed.
    /// Matches the declarations of one kind by name: pairs with the same
    /// name go to `compare`; the rest are renamed (same content under a new
    /// name, when `same` is given), added or removed.
    mutating func compareByName<T>(
        _ old: [T], _ new: [T], _ subject: DiffChange.Subject, parent: String? = nil, lead: String = "",
        name: (T) -> Name, span: (T) -> Span, renameSpan: ((T) -> Span)? = nil,
        same: ((T, T) -> Bool)? = nil, compare: (inout Differ, T, T) -> Void
    ) {
        let m = withoutActuallyEscaping(name) { name in KeyedMatching.match(old, new, key: { name($0).text }, sameContent: same) }
        for (j, n) in new.enumerated() {
            if let i = m.sameName[j] {
                compare(&self, old[i], n)
            } else if let i = m.renamedFrom[j] {
                let oldSpan = renameSpan?(old[i]) ?? name(old[i]).span, newSpan = renameSpan?(n) ?? name(n).span
                append(
                    declarationChange(
                        subject, .renamed, id: name(n).text, oldId: name(old[i]).text, parent: parent,
                        oldSpan: oldSpan, newSpan: newSpan, lead: lead))
            } else {
                append(declarationChange(subject, .added, id: name(n).text, parent: parent, newSpan: span(n), lead: lead))
            }
        }
        for i in m.removed {
            append(declarationChange(subject, .removed, id: name(old[i]).text, parent: parent, oldSpan: span(old[i]), lead: lead))
        }
    }

    func declarationChange(
        _ subject: DiffChange.Subject, _ action: DiffChange.Action, id: String, oldId: String? = nil, parent: String? = nil,
        oldSpan: Span? = nil, newSpan: Span? = nil, lead: String = ""
    ) -> DiffChange {
        var c = DiffChange(subject, action, id: id, parent: parent)
        c.oldId = oldId
        if action == .renamed { c.old = oldId; c.new = id }
        c.oldSource = oldSpan.map { fragment(.old, $0, lead: lead) }
        c.newSource = newSpan.map { fragment(.new, $0, lead: lead) }
        return c
    }
}
