/// A plain-text rendering of a syntax tree, one node a line, for golden
/// tests of the parser, for `regelverk format` to prove the tree unchanged,
/// and for the diff to show an expression.
public enum SyntaxDump {
    public static func render(_ s: RulesetSyntax) -> String {
        var out = ""
        if let h = s.header {
            out += "ruleset \(quote(h.name.value))\n"
            if let v = h.version { out += "  version \(quote(v.value))\n" }
            if let v = h.source { out += "  source \(quote(v.value))\n" }
            if let v = h.effective { out += "  effective \(v.value)\n" }
            if let v = h.until { out += "  until \(v.value)\n" }
            if let v = h.dateField { out += "  date field \(v.text)\n" }
        }
        for d in s.declarations { out += declaration(d) }
        return out
    }

    package static func quote(_ s: String) -> String { "\"" + s.replacingOccurrences("\"", "\\\"") + "\"" }

    package static func declaration(_ d: Declaration) -> String {
        switch d {
        case .record(let r):
            return "record \(r.name.text)\n" + r.fields.map { "  field \($0.name.text)\($0.optional ? " optional" : "") \(type($0.type))\n" }.joined()
        case .codes(let c): return "codes \(c.name.text) = \(c.codes.map { quote($0.value) }.joined(separator: ", "))\n"
        case .param(let p): return "param \(p.name.text): \(type(p.type)) = \(expr(p.defaultValue))\n"
        case .define(let d): return "define \(d.name.text) = \(expr(d.value))\n"
        case .note(let n): return "note \(quote(n.text.value))" + (n.cites.map { " cites \(quote($0.value))" } ?? "") + "\n"
        case .rule(let r):
            var out = "rule \(r.id.text)\n"
            if let t = r.title { out += "  title \(quote(t.value))\n" }
            if let s = r.severity { out += "  severity \(s.value.rawValue)\n" }
            if let c = r.cites { out += "  cites \(quote(c.value))\n" }
            if let w = r.when { out += "  when \(expr(w))\n" }
            if let q = r.require { out += "  require \(expr(q))\n" }
            if let m = r.message { out += "  message \(quote(m.value))\n" }
            return out
        case .cap(let c):
            var out = "cap \(c.name.text)\n"
            if let t = c.title { out += "  title \(quote(t.value))\n" }
            if let s = c.severity { out += "  severity \(s.value.rawValue)\n" }
            if let x = c.cites { out += "  cites \(quote(x.value))\n" }
            if let w = c.when { out += "  when \(expr(w))\n" }
            out += "  per \(c.per.map(expr).joined(separator: ", "))\n"
            out += "  order by \(c.orderBy.map(expr).joined(separator: ", "))\n"
            for k in c.checks {
                switch k.kind {
                case .require(let e): out += "  require \(k.id.text): \(expr(e))\n"
                case .limit(let n, let w): out += "  limit \(k.id.text): at most \(n.value) \(window(w))\n"
                }
                if let m = k.message { out += "    message \(quote(m.value))\n" }
            }
            return out
        case .measure(let m):
            var out = "measure \(m.name.text)\n"
            if let w = m.when { out += "  when \(expr(w))\n" }
            if !m.groupBy.isEmpty { out += "  group by \(m.groupBy.map { "\($0.name.text) = \(expr($0.value))" }.joined(separator: ", "))\n" }
            for v in m.values {
                switch v.kind {
                case .count(let w): out += "  value \(v.name.text) = count" + (w.map { " where \(expr($0))" } ?? "") + "\n"
                case .sum(let e, let w): out += "  value \(v.name.text) = sum \(expr(e))" + (w.map { " where \(expr($0))" } ?? "") + "\n"
                case .derived(let e): out += "  value \(v.name.text) = \(expr(e))\n"
                }
            }
            return out
        case .sample(let s): return "sample \(literal(s))\n"
        case .test(let t):
            var out = "test \(quote(t.name.value))\n"
            for p in t.params { out += "  param \(p.name.text) = \(expr(p.value))\n" }
            for r in t.records { out += "  record \(r.name.text) \(literal(r.literal))\n" }
            for e in t.expectations {
                switch e {
                case .breaks(let r, let rules): out += "  expect \(r.text) breaks \(rules.map(\.text).joined(separator: ", "))\n"
                case .passes(let r, let rules): out += "  expect \(r.text) passes \(rules.map(\.text).joined(separator: ", "))\n"
                case .clean(let r): out += "  expect \(r.text) clean\n"
                case .measure(let m, let g, let v, _):
                    out +=
                        "  expect measure \(m.text) for \(g.map { "\($0.0.text) = \(expr($0.1))" }.joined(separator: ", ")): "
                        + v.map { "\($0.0.text) = \(expr($0.1))" }.joined(separator: ", ") + "\n"
                }
            }
            return out
        }
    }

    static func literal(_ l: RecordLiteral) -> String {
        "{" + l.fields.map { "\($0.name.text): \(expr($0.value))" }.joined(separator: ", ") + "}"
    }

    package static func window(_ w: CapWindow) -> String {
        switch w {
        case .rolling(let n, let u): "within \(n) \(u.plural(n))"
        case .calendar(let p): "per \(p.rawValue)"
        case .sinceLatest(let e): "since latest \(expr(e))"
        }
    }

    package static func type(_ t: TypeSyntax) -> String {
        switch t {
        case .named(let n): n.text
        case .oneOf(let codes): "one of " + codes.map { quote($0.value) }.joined(separator: ", ")
        case .list(let inner): "list of " + type(inner)
        }
    }

    /// Fully parenthesised, so the tree's shape (precedence) is visible.
    public static func expr(_ e: Expr) -> String {
        switch e.kind {
        case .integer(let n): String(n)
        case .decimal(let d): String(d)
        case .string(let s): quote(s)
        case .date(let s), .time(let s): s
        case .bool(let b): String(b)
        case .missing: "missing"
        case .duration(let n, let u): "\(n) \(u.plural(n))"
        case .list(let items): "[" + items.map(expr).joined(separator: ", ") + "]"
        case .name(let n): n
        case .otherField(let f, _): "other.\(f)"
        case .call(let f, let args): "\(f)(" + args.map(expr).joined(separator: ", ") + ")"
        case .negate(let a): "(- \(expr(a)))"
        case .not(let a): "(not \(expr(a)))"
        case .binary(let op, let a, let b): "(\(expr(a)) \(op.rawValue) \(expr(b)))"
        case .presence(let a, let p): "(\(expr(a)) is \(p ? "present" : "missing"))"
        case .within(let a, let n, let u, let before, let b): "(\(expr(a)) within \(n) \(u.plural(n)) \(before ? "before" : "after") \(expr(b)))"
        case .conditional(let c, let a, let b): "(if \(expr(c)) then \(expr(a)) else \(expr(b)))"
        case .aggregate(let k, let f, let c): "(\(k.rawValue) other\(f.map { ".\($0)" } ?? "") where \(expr(c)))"
        }
    }
}

extension String {
    package func replacingOccurrences(_ a: String, _ b: String) -> String {
        split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}
