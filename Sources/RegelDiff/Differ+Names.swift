import RegelSyntax

extension Differ {
    /// Code sets, parameters and definitions. Renames are found first and
    /// recorded, so that every later comparison sees through them.
    mutating func compareNames() {
        comparison.oldDefinitions = Dictionary(old.defines.map { ($0.name.text, $0.value) }, uniquingKeysWith: { a, _ in a })
        comparison.newDefinitions = Dictionary(new.defines.map { ($0.name.text, $0.value) }, uniquingKeysWith: { a, _ in a })
        let codes = KeyedMatching.match(old.codes, new.codes, key: \.name.text) {
            Set($0.codes.map(\.value)) == Set($1.codes.map(\.value))
        }
        record(codes, old.codes.map(\.name.text), new.codes.map(\.name.text))
        let params = KeyedMatching.match(old.params, new.params, key: \.name.text) { [comparison] o, n in
            SyntaxDump.type(o.type) == SyntaxDump.type(n.type) && comparison.same(o.defaultValue, n.defaultValue)
        }
        record(params, old.params.map(\.name.text), new.params.map(\.name.text))
        // A definition may use another that was renamed: match until no new rename turns up.
        var defines: KeyedMatch
        var known = -1
        repeat {
            known = comparison.renames.count
            defines = KeyedMatching.match(old.defines, new.defines, key: \.name.text) { [comparison] in comparison.same($0.value, $1.value) }
            record(defines, old.defines.map(\.name.text), new.defines.map(\.name.text))
        } while comparison.renames.count > known

        let uses = NameUses(new)
        let codeChanges = emit(codes, old.codes, new.codes, .codes, name: \.name, span: \.span, lead: "") { o, n in
            let a = Self.unique(o.codes.map(\.value)), b = Self.unique(n.codes.map(\.value))
            let removed = a.filter { !b.contains($0) }, added = b.filter { !a.contains($0) }
            guard !removed.isEmpty || !added.isEmpty else { return [] }
            var c = DiffChange(.codes, .changed, id: n.name.text)
            c.aspect = .codes
            c.old = a.map(SyntaxDump.quote).joined(separator: ", ")
            c.new = b.map(SyntaxDump.quote).joined(separator: ", ")
            c.oldSource = fragment(.old, o.span)
            c.newSource = fragment(.new, n.span)
            c.addedItems = added
            c.removedItems = removed
            c.affects = uses.affected(by: n.name.text)
            return [c]
        }
        let paramChanges = emit(params, old.params, new.params, .param, name: \.name, span: \.span, lead: "") { o, n in
            var out: [DiffChange] = []
            if SyntaxDump.type(o.type) != SyntaxDump.type(n.type) {
                var c = DiffChange(.param, .changed, id: n.name.text)
                c.aspect = .type
                c.old = SyntaxDump.type(o.type)
                c.new = SyntaxDump.type(n.type)
                c.oldSource = fragment(.old, o.span)
                c.newSource = fragment(.new, n.span)
                out.append(c)
            }
            if var c = expressionChange(o.defaultValue, n.defaultValue, .param, n.name.text, .defaultValue, lead: "", oldSpan: o.span, newSpan: n.span) {
                c.affects = uses.affected(by: n.name.text)
                out.append(c)
            }
            return out
        }
        let defineChanges = emit(defines, old.defines, new.defines, .define, name: \.name, span: \.span, lead: "") { o, n in
            guard var c = expressionChange(o.value, n.value, .define, n.name.text, .value, lead: "", oldSpan: o.span, newSpan: n.span) else { return [] }
            c.affects = uses.affected(by: n.name.text)
            return [c]
        }
        changes += codeChanges + paramChanges + defineChanges
    }

    private mutating func record(_ m: KeyedMatch, _ oldNames: [String], _ newNames: [String]) {
        for (j, i) in m.renamedFrom.enumerated() {
            if let i { comparison.renames[oldNames[i]] = newNames[j] }
        }
    }

    /// The changes of one kind of named declaration, in the new file's
    /// order, then the removed ones in the old file's order.
    private func emit<T>(
        _ m: KeyedMatch, _ olds: [T], _ news: [T], _ subject: DiffChange.Subject,
        name: KeyPath<T, Name>, span: KeyPath<T, Span>, lead: String,
        changed: (T, T) -> [DiffChange]
    ) -> [DiffChange] {
        var out: [DiffChange] = []
        for (j, n) in news.enumerated() {
            if let i = m.sameName[j] {
                out += changed(olds[i], n)
            } else if let i = m.renamedFrom[j] {
                out.append(
                    declarationChange(
                        subject, .renamed, id: n[keyPath: name].text, oldId: olds[i][keyPath: name].text,
                        oldSpan: olds[i][keyPath: name].span, newSpan: n[keyPath: name].span, lead: "\(subject.rawValue) "))
            } else {
                out.append(declarationChange(subject, .added, id: n[keyPath: name].text, newSpan: n[keyPath: span], lead: lead))
            }
        }
        for i in m.removed {
            out.append(declarationChange(subject, .removed, id: olds[i][keyPath: name].text, oldSpan: olds[i][keyPath: span], lead: lead))
        }
        return out
    }

    /// Notes have no name: one is the same when its text and citation are.
    /// A note whose text stayed but whose citation changed is a change of
    /// its citation; any other edit is a removal and an addition.
    mutating func compareNotes() {
        var unmatchedOld = Array(old.notes.indices)
        var unmatchedNew: [Int] = []
        for (j, n) in new.notes.enumerated() {
            if let k = unmatchedOld.firstIndex(where: { old.notes[$0].text.value == n.text.value && old.notes[$0].cites?.value == n.cites?.value }) {
                unmatchedOld.remove(at: k)
            } else {
                unmatchedNew.append(j)
            }
        }
        var added: [Int] = []
        for j in unmatchedNew {
            let n = new.notes[j]
            if let k = unmatchedOld.firstIndex(where: { old.notes[$0].text.value == n.text.value }) {
                let o = old.notes[unmatchedOld.remove(at: k)]
                var c = DiffChange(.note, .changed, id: n.text.value)
                c.aspect = .cites
                c.old = o.cites?.value
                c.new = n.cites?.value
                c.oldSource = fragment(.old, o.span)
                c.newSource = fragment(.new, n.span)
                append(c)
            } else {
                added.append(j)
            }
        }
        for j in added { append(declarationChange(.note, .added, id: new.notes[j].text.value, newSpan: new.notes[j].span)) }
        for i in unmatchedOld { append(declarationChange(.note, .removed, id: old.notes[i].text.value, oldSpan: old.notes[i].span)) }
    }
}
