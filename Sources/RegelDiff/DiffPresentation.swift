import RegelSyntax

/// What the three renderers share: changes grouped by the declaration they
/// belong to, and each change said in a few words.
enum DiffPresentation {
    /// The changes of one declaration (a rule, a cap with its checks, the
    /// record with its fields). `whole` is set when the declaration itself
    /// was added, removed or renamed and that is all there is to say.
    struct Group {
        var key: String
        var label: String
        var whole: DiffChange?
        var changes: [DiffChange]
    }

    static func groups(_ changes: [DiffChange]) -> [Group] {
        var out: [Group] = []
        for c in changes {
            let key = entityKey(c)
            if let i = out.firstIndex(where: { $0.key == key }) {
                out[i].changes.append(c)
                out[i].whole = nil
            } else {
                out.append(Group(key: key, label: entityLabel(c), whole: isWhole(c) ? c : nil, changes: [c]))
            }
        }
        return out
    }

    static func isWhole(_ c: DiffChange) -> Bool {
        c.action != .changed && [.record, .codes, .param, .define, .note, .rule, .cap, .measure].contains(c.subject)
    }

    static func entityKey(_ c: DiffChange) -> String {
        switch c.subject {
        case .header: "header"
        case .record, .field: "record"
        case .capCheck: "cap \(c.parent ?? "")"
        case .measureValue: "measure \(c.parent ?? "")"
        default: "\(c.subject.rawValue) \(c.id)"
        }
    }

    static func entityLabel(_ c: DiffChange) -> String {
        switch c.subject {
        case .header: "header"
        case .record: "record \(c.id)"
        case .field: "record \(c.parent ?? "")"
        case .capCheck: "cap \(c.parent ?? "")"
        case .measureValue: "measure \(c.parent ?? "")"
        case .note: "note \(SyntaxDump.quote(shortened(c.id, 60)))"
        default: "\(c.subject.rawValue) \(c.id)"
        }
    }

    /// `field kontakttyp`, `check vecka`, `value andel`; nil for a change of
    /// the declaration itself.
    static func partLabel(_ c: DiffChange) -> String? {
        switch c.subject {
        case .field: "field \(c.id)"
        case .capCheck: "check \(c.id)"
        case .measureValue: "value \(c.id)"
        default: nil
        }
    }

    /// `added rule x`, `renamed rule a → b (content unchanged)`.
    static func wholeHeadline(_ c: DiffChange, label: String) -> String {
        switch c.action {
        case .renamed:
            let kind = label.prefix { $0 != " " }
            return "renamed \(kind) \(c.oldId ?? "") → \(c.id) (content unchanged)"
        default:
            return "\(c.action.rawValue) \(label)"
        }
    }

    /// One line for a change within a declaration: `check tolv_manader:
    /// threshold 10 → 8`, `severity warning → error`, `require changed: `30` → `14``.
    static func headline(_ c: DiffChange) -> String {
        if c.aspect == nil, let part = partLabel(c) {
            if c.action == .renamed {
                let kind = part.prefix { $0 != " " }
                return "renamed \(kind) \(c.oldId ?? "") → \(c.id) (content unchanged)"
            }
            return "\(c.action.rawValue) \(part)"
        }
        let text = summary(c)
        return partLabel(c).map { "\($0): \(text)" } ?? text
    }

    static func aspectLabel(_ a: DiffChange.Aspect) -> String {
        switch a {
        case .orderBy: "order by"
        case .groupBy: "group by"
        case .dateField: "date field"
        case .defaultValue: "default"
        default: a.rawValue
        }
    }

    static func isExpression(_ a: DiffChange.Aspect) -> Bool {
        [.when, .require, .value, .filter, .defaultValue, .per, .orderBy, .groupBy].contains(a)
    }

    static func summary(_ c: DiffChange) -> String {
        guard let aspect = c.aspect else { return c.action.rawValue }
        let label = aspectLabel(aspect)
        switch aspect {
        case .optional:
            return c.new == "optional" ? "made optional" : "made required"
        case .codes:
            var parts: [String] = []
            if !c.addedItems.isEmpty { parts.append("added " + c.addedItems.map(SyntaxDump.quote).joined(separator: ", ")) }
            if !c.removedItems.isEmpty { parts.append("removed " + c.removedItems.map(SyntaxDump.quote).joined(separator: ", ")) }
            return "codes " + parts.joined(separator: "; ")
        default:
            if c.old == nil { return "\(label) added" }
            if c.new == nil { return "\(label) removed" }
            if isExpression(aspect) || !c.differences.isEmpty { return "\(label) changed" + differenceSummary(c) }
            let quoted: Set<DiffChange.Aspect> = [.title, .message, .cites, .source, .version, .name]
            func show(_ s: String) -> String { quoted.contains(aspect) && aspect != .name ? SyntaxDump.quote(shortened(s, 48)) : s }
            if let old = c.old, let new = c.new, old.count > 48 || new.count > 48 {
                return "\(label) changed" + (wordDifference(old, new).map { ": `\($0.old)` → `\($0.new)`" } ?? "")
            }
            return "\(label) \(show(c.old ?? "")) → \(show(c.new ?? ""))"
        }
    }

    /// `: `30` → `14`` — the smallest parts that differ; nothing when the
    /// whole expression differs and is too long to repeat here.
    static func differenceSummary(_ c: DiffChange) -> String {
        let ds = c.differences
        if ds.isEmpty { return "" }
        if ds.count == 1, ds[0].old == c.old, ds[0].new == c.new,
            [ds[0].oldSource, ds[0].newSource].contains(where: { ($0.map { snippet($0) } ?? "").count > 30 })
        {
            return ""
        }
        let shown = ds.prefix(3).map { d -> String in
            switch (d.oldSource, d.newSource) {
            case let (o?, n?): "`\(snippet(o))` → `\(snippet(n))`"
            case let (o?, nil): "removed `\(snippet(o))`"
            case let (nil, n?): "added `\(snippet(n))`"
            default: ""
            }
        }
        return ": " + shown.joined(separator: "; ") + (ds.count > 3 ? "; and \(ds.count - 3) more" : "")
    }

    /// The words that differ between two texts, without the words they
    /// share at the start and the end: `tio` → `åtta`. Nil when that is
    /// not much shorter than the texts themselves.
    static func wordDifference(_ old: String, _ new: String) -> (old: String, new: String)? {
        let x = old.split(separator: " ", omittingEmptySubsequences: false), y = new.split(separator: " ", omittingEmptySubsequences: false)
        var prefix = 0
        while prefix < min(x.count, y.count), x[prefix] == y[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(x.count, y.count) - prefix, x[x.count - 1 - suffix] == y[y.count - 1 - suffix] { suffix += 1 }
        let a = x[prefix..<(x.count - suffix)].joined(separator: " "), b = y[prefix..<(y.count - suffix)].joined(separator: " ")
        guard a.count + b.count <= 60, a.count < old.count / 2 || b.count < new.count / 2 else { return nil }
        return ((prefix > 0 ? "…" : "") + a + (suffix > 0 ? "…" : ""), (prefix > 0 ? "…" : "") + b + (suffix > 0 ? "…" : ""))
    }

    /// A fragment on one line, shortened.
    static func snippet(_ f: SourceFragment, limit: Int = 60) -> String {
        shortened(f.text.split(separator: "\n").map { $0.trimmingSpacesAndTabs }.joined(separator: " "), limit)
    }

    static func shortened(_ s: String, _ limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }

    /// `rule a, rule b (through x → y), cap ersattning check innehall`.
    static func affectsText(_ affected: [AffectedDeclaration]) -> String {
        affected.map { a in
            let what =
                switch a.kind {
                case .rule: "rule \(a.id)"
                case .capCheck: "cap \(a.parent ?? "") check \(a.id)"
                case .measure: "measure \(a.id)"
                }
            return a.through.isEmpty ? what : "\(what) (through \(a.through.joined(separator: " → ")))"
        }.joined(separator: ", ")
    }

    /// `2 semantic changes: 1 changed, 1 renamed`.
    static func count(_ changes: [DiffChange]) -> String {
        let n = changes.count
        let parts = DiffChange.Action.allOrdered.compactMap { a -> String? in
            let k = changes.filter { $0.action == a }.count
            return k == 0 ? nil : "\(k) \(a.rawValue)"
        }
        return "\(n) semantic change\(n == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }

    static let noChange = "no semantic change (reformatting, reordering or comments only)"
    static let testsOnly = "the tests changed; tests are not part of the rules' meaning"
}

extension DiffChange.Action {
    static let allOrdered: [DiffChange.Action] = [.changed, .added, .removed, .renamed]
}

private extension Substring {
    var trimmingSpacesAndTabs: String {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
