import RegelSyntax

extension Differ {
    /// ruleset name, version, source, effective, until, date field.
    mutating func compareHeader() {
        let o = oldSyntax.header, n = newSyntax.header
        let id = n?.name.value ?? o?.name.value ?? ""
        let text: (String) -> String = { $0 }
        append(valueChange(o?.name, n?.name, .header, id, .name, lead: "ruleset ", show: text))
        append(valueChange(o?.version, n?.version, .header, id, .version, lead: "version ", show: text))
        append(valueChange(o?.source, n?.source, .header, id, .source, lead: "source ", show: text))
        append(valueChange(o?.effective, n?.effective, .header, id, .effective, lead: "effective ", show: text))
        append(valueChange(o?.until, n?.until, .header, id, .until, lead: "until ", show: text))
        let dateField: (Header?) -> Located<String>? = { h in h?.dateField.map { Located(value: $0.text, span: $0.span) } }
        append(valueChange(dateField(o), dateField(n), .header, id, .dateField, lead: "date field ", show: text))
    }

    /// The record's name and fields: added, removed, retyped, made optional
    /// or required, enumeration codes added or removed. A renamed field is
    /// another column of the export: a removal and an addition.
    mutating func compareRecord() {
        let o = old.records.first, n = new.records.first
        switch (o, n) {
        case (nil, nil): return
        case (nil, let n?): append(declarationChange(.record, .added, id: n.name.text, newSpan: n.span, lead: "record ")); return
        case (let o?, nil): append(declarationChange(.record, .removed, id: o.name.text, oldSpan: o.span, lead: "record ")); return
        case let (o?, n?): compareRecord(o, n)
        }
    }

    private mutating func compareRecord(_ o: RecordDecl, _ n: RecordDecl) {
        let record = n.name.text
        append(
            valueChange(
                Located(value: o.name.text, span: o.name.span), Located(value: n.name.text, span: n.name.span),
                .record, record, .name, lead: "record ", show: { $0 }))
        compareByName(o.fields, n.fields, .field, parent: record, name: \.name, span: \.span) {
            $0.compareField($1, $2, record: record)
        }
    }

    private mutating func compareField(_ o: FieldDecl, _ n: FieldDecl, record: String) {
        func change(_ aspect: DiffChange.Aspect, _ old: String, _ new: String) -> DiffChange {
            var c = DiffChange(.field, .changed, id: n.name.text, parent: record)
            c.aspect = aspect
            c.old = old
            c.new = new
            c.oldSource = fragment(.old, o.span)
            c.newSource = fragment(.new, n.span)
            return c
        }
        if let (a, b) = Self.enumerationCodes(o.type, n.type) {
            let removed = a.filter { !b.contains($0) }, added = b.filter { !a.contains($0) }
            if !removed.isEmpty || !added.isEmpty {
                var c = change(.codes, SyntaxDump.type(o.type), SyntaxDump.type(n.type))
                c.addedItems = added
                c.removedItems = removed
                append(c)
            }
        } else if SyntaxDump.type(o.type) != SyntaxDump.type(n.type) {
            append(change(.type, SyntaxDump.type(o.type), SyntaxDump.type(n.type)))
        }
        if o.optional != n.optional {
            append(change(.optional, o.optional ? "optional" : "required", n.optional ? "optional" : "required"))
        }
    }

    /// The codes of two enumerations (`one of …`, or lists of them), without
    /// repetitions in their order; nil unless both are enumerations.
    static func enumerationCodes(_ a: TypeSyntax, _ b: TypeSyntax) -> ([String], [String])? {
        switch (a, b) {
        case let (.oneOf(x), .oneOf(y)): (unique(x.map(\.value)), unique(y.map(\.value)))
        case let (.list(x), .list(y)): enumerationCodes(x, y)
        default: nil
        }
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
