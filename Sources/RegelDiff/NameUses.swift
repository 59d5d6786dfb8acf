import RegelSyntax

/// Which rules, cap checks and measures use a name — a definition, a code
/// set or a parameter — directly, or through definitions that use it.
struct NameUses {
    private var definitions: [(name: String, mentions: Set<String>)] = []
    private var users: [(declaration: AffectedDeclaration, mentions: Set<String>)] = []

    init(_ index: DeclarationIndex) {
        definitions = index.defines.map { ($0.name.text, Self.names(in: $0.value)) }
        for r in index.rules {
            var m = Self.names(in: [r.when, r.require].compactMap { $0 })
            if let message = r.message { m.formUnion(MessagePlaceholders.names(message.value)) }
            users.append((AffectedDeclaration(kind: .rule, id: r.id.text, through: []), m))
        }
        for c in index.caps {
            let shared = Self.names(in: (c.when.map { [$0] } ?? []) + c.per + c.orderBy)
            for k in c.checks {
                var m = shared
                switch k.kind {
                case .require(let e): m.formUnion(Self.names(in: e))
                case .limit(_, .sinceLatest(let e)): m.formUnion(Self.names(in: e))
                case .limit: break
                }
                if let message = k.message { m.formUnion(MessagePlaceholders.names(message.value)) }
                users.append((AffectedDeclaration(kind: .capCheck, id: k.id.text, parent: c.name.text, through: []), m))
            }
        }
        for x in index.measures {
            var exprs = (x.when.map { [$0] } ?? []) + x.groupBy.map(\.value)
            for v in x.values {
                switch v.kind {
                case .count(let w): exprs += w.map { [$0] } ?? []
                case .sum(let e, let w): exprs += [e] + (w.map { [$0] } ?? [])
                case .derived(let e): exprs.append(e)
                }
            }
            users.append((AffectedDeclaration(kind: .measure, id: x.name.text, through: []), Self.names(in: exprs)))
        }
    }

    /// The users of `name`, in the order they were declared, each with the
    /// shortest chain of definitions that leads to it.
    func affected(by name: String) -> [AffectedDeclaration] {
        var chain: [String: [String]] = [name: []]
        var frontier = [name]
        while !frontier.isEmpty {
            let n = frontier.removeFirst()
            for d in definitions where chain[d.name] == nil && d.mentions.contains(n) {
                chain[d.name] = [d.name] + chain[n]!
                frontier.append(d.name)
            }
        }
        return users.compactMap { user in
            let best = user.mentions.compactMap { chain[$0] }.min { $0.count < $1.count || ($0.count == $1.count && $0.lexicographicallyPrecedes($1)) }
            guard let best else { return nil }
            var d = user.declaration
            d.through = best
            return d
        }
    }

    static func names(in exprs: [Expr]) -> Set<String> {
        exprs.reduce(into: Set<String>()) { $0.formUnion(names(in: $1)) }
    }

    static func names(in e: Expr) -> Set<String> {
        switch e.kind {
        case .name(let n): [n]
        case .integer, .decimal, .string, .date, .time, .bool, .missing, .duration, .otherField: []
        case .list(let items), .call(_, let items): names(in: items)
        case .negate(let a), .not(let a), .presence(let a, _), .aggregate(_, _, let a): names(in: a)
        case .binary(_, let a, let b), .within(let a, _, _, _, let b): names(in: [a, b])
        case .conditional(let c, let a, let b): names(in: [c, a, b])
        }
    }
}
