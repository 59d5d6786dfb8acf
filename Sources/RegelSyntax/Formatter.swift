/// Prints a parsed rule file in the canonical layout: one item a line,
/// two-space indents, items in the order written, long conditions broken
/// before `and` / `or`, parentheses only where they are needed. Every comment is kept: a comment on a line of
/// its own stays before the item that follows it, one after code stays at
/// the end of that line. The layout changes; the syntax tree does not.
public struct Formatter {
    public static let width = 100

    private var lines: [String] = []
    private var comments: [Comment]
    private var next = 0
    private let file: SourceFile

    public static func format(_ syntax: RulesetSyntax, file: SourceFile) -> String {
        var f = Formatter(comments: Lexer.comments(file), file: file)
        f.formatFile(syntax)
        return f.text
    }

    private init(comments: [Comment], file: SourceFile) {
        self.comments = comments
        self.file = file
    }

    // MARK: Lines and comments

    /// Prints `text` (may hold several lines) at `indent`, after the comments
    /// written before `span`, and with the trailing comment of its last line.
    private mutating func emit(_ text: String, indent: Int, at span: Span) {
        flushComments(before: span.start, indent: indent)
        let pad = String(repeating: " ", count: indent)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(line.isEmpty ? "" : pad + line)
        }
        attachTrailingComments(through: span.end)
    }

    private mutating func flushComments(before offset: Int, indent: Int) {
        while next < comments.count, comments[next].span.start < offset {
            let c = comments[next]
            if !c.ownLine, let last = lines.indices.last, !lines[last].isEmpty {
                lines[last] += "  " + c.text
            } else {
                // Blank lines around a comment on its own line are kept (one at most).
                let line = file.location(of: c.span.start).line
                if line > 1, file.lineText(line - 1).allSatisfy(\.isWhitespace), let last = lines.last, !last.isEmpty,
                    true
                {
                    lines.append("")
                }
                lines.append(String(repeating: " ", count: indent) + c.text)
                if file.lineText(line + 1).allSatisfy(\.isWhitespace), line + 1 <= file.lineCount { lines.append("") }
            }
            next += 1
        }
    }

    /// A comment after code on the line where an item ends belongs to it.
    private mutating func attachTrailingComments(through offset: Int) {
        let line = file.location(of: offset).line
        while next < comments.count, !comments[next].ownLine, file.location(of: comments[next].span.start).line <= line {
            lines[lines.count - 1] += "  " + comments[next].text
            next += 1
        }
    }

    private mutating func blank() {
        if let last = lines.last, !last.isEmpty { lines.append("") }
    }

    /// The formatted text: no blank line twice, none at the start of a block.
    private var text: String {
        var out: [String] = []
        for line in lines {
            if line.isEmpty, out.last?.isEmpty ?? true { continue }
            out.append(line)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Declarations

    private mutating func formatFile(_ s: RulesetSyntax) {
        if let h = s.header {
            emit("ruleset \(Formatter.quote(h.name.value))", indent: 0, at: h.name.span)
            var items: [(Span, String)] = []
            if let v = h.version { items.append((v.span, "version \(Formatter.quote(v.value))")) }
            if let v = h.source { items.append((v.span, "source \(Formatter.quote(v.value))")) }
            if let v = h.effective { items.append((v.span, "effective \(v.value)")) }
            if let v = h.until { items.append((v.span, "until \(v.value)")) }
            if let v = h.dateField { items.append((v.span, "date field \(v.text)")) }
            emitInSourceOrder(items, indent: 0)
        }
        var previousKind: DeclarationKeyword?
        for d in s.declarations {
            let kind = Formatter.kind(d)
            // One-line declarations of one kind stay together; others get a blank line.
            if !(kind == previousKind && [.codes, .param, .define, .note].contains(kind)) { blank() }
            previousKind = kind
            formatDeclaration(d)
        }
        flushComments(before: Int.max, indent: 0)
    }

    private static func kind(_ d: Declaration) -> DeclarationKeyword {
        switch d {
        case .record: .record
        case .codes: .codes
        case .param: .param
        case .define: .define
        case .note: .note
        case .rule: .rule
        case .cap: .cap
        case .measure: .measure
        case .sample: .sample
        case .test: .test
        }
    }

    private mutating func formatDeclaration(_ d: Declaration) {
        switch d {
        case .record(let r):
            emit("record \(r.name.text)", indent: 0, at: r.name.span)
            for f in r.fields {
                emit("\(f.name.text): \(f.optional ? "optional " : "")\(Formatter.type(f.type))", indent: 2, at: f.span)
            }
            end(r.span)
        case .codes(let c):
            emit("codes \(c.name.text) = " + c.codes.map { Formatter.quote($0.value) }.joined(separator: ", "), indent: 0, at: c.span)
        case .param(let p):
            emit(wrapped("param \(p.name.text): \(Formatter.type(p.type)) = ", p.defaultValue, indent: 0), indent: 0, at: p.span)
        case .define(let def):
            emit(wrapped("define \(def.name.text) = ", def.value, indent: 0), indent: 0, at: def.span)
        case .note(let n):
            emit("note \(Formatter.quote(n.text.value))" + (n.cites.map { " cites \(Formatter.quote($0.value))" } ?? ""), indent: 0, at: n.span)
        case .rule(let r):
            emit("rule \(r.id.text)", indent: 0, at: r.id.span)
            var items: [(Span, String)] = []
            if let t = r.title { items.append((t.span, "title \(Formatter.quote(t.value))")) }
            if let s = r.severity { items.append((s.span, "severity \(s.value.rawValue)")) }
            if let c = r.cites { items.append((c.span, "cites \(Formatter.quote(c.value))")) }
            if let w = r.when { items.append((w.span, wrapped("when ", w, indent: 2))) }
            if let q = r.require { items.append((q.span, wrapped("require ", q, indent: 2))) }
            if let m = r.message { items.append((m.span, "message \(Formatter.quote(m.value))")) }
            emitInSourceOrder(items, indent: 2)
            end(r.span)
        case .cap(let c):
            formatCap(c)
        case .measure(let m):
            emit("measure \(m.name.text)", indent: 0, at: m.name.span)
            var items: [(Span, String)] = []
            if let t = m.title { items.append((t.span, "title \(Formatter.quote(t.value))")) }
            if let c = m.cites { items.append((c.span, "cites \(Formatter.quote(c.value))")) }
            if let w = m.when { items.append((w.span, wrapped("when ", w, indent: 2))) }
            if let first = m.groupBy.first {
                let keys = m.groupBy.map { g -> String in
                    if case .name(let n) = g.value.kind, n == g.name.text { return n }
                    return "\(g.name.text) = \(Formatter.expression(g.value))"
                }
                items.append((first.name.span.to(m.groupBy.last!.value.span), "group by " + keys.joined(separator: ", ")))
            }
            emitInSourceOrder(items, indent: 2)
            for v in m.values {
                let text: String
                switch v.kind {
                case .count(nil): text = "value \(v.name.text) = count"
                case .count(let filter?): text = wrapped("value \(v.name.text) = count where ", filter, indent: 2)
                case .sum(let e, nil): text = wrapped("value \(v.name.text) = sum ", e, indent: 2)
                case .sum(let e, let filter?):
                    text = wrapped("value \(v.name.text) = sum \(Formatter.expression(e)) where ", filter, indent: 2)
                case .derived(let e): text = wrapped("value \(v.name.text) = ", e, indent: 2)
                }
                emit(text, indent: 2, at: v.span)
            }
            end(m.span)
        case .sample(let s):
            emit("sample " + Formatter.literal(s), indent: 0, at: s.span)
        case .test(let t):
            emit("test \(Formatter.quote(t.name.value))", indent: 0, at: t.name.span)
            for p in t.params { emit("param \(p.name.text) = \(Formatter.expression(p.value))", indent: 2, at: p.name.span.to(p.value.span)) }
            for r in t.records { emit("record \(r.name.text) \(Formatter.literal(r.literal))", indent: 2, at: r.name.span.to(r.literal.span)) }
            for e in t.expectations { formatExpectation(e) }
            end(t.span)
        }
    }

    /// Items stay in the order they were written, so each comment stays
    /// next to the item it was written next to.
    private mutating func emitInSourceOrder(_ items: [(Span, String)], indent: Int) {
        for (span, text) in items.sorted(by: { $0.0.start < $1.0.start }) { emit(text, indent: indent, at: span) }
    }

    private mutating func end(_ span: Span) {
        flushComments(before: span.end, indent: 2)
        lines.append("end")
        attachTrailingComments(through: span.end)
    }

    private mutating func formatCap(_ c: CapDecl) {
        emit("cap \(c.name.text)", indent: 0, at: c.name.span)
        var items: [(Span, String)] = []
        if let t = c.title { items.append((t.span, "title \(Formatter.quote(t.value))")) }
        if let x = c.cites { items.append((x.span, "cites \(Formatter.quote(x.value))")) }
        if let s = c.severity { items.append((s.span, "severity \(s.value.rawValue)")) }
        if let w = c.when { items.append((w.span, wrapped("when ", w, indent: 2))) }
        if let first = c.per.first {
            items.append((first.span.to(c.per.last!.span), "per " + c.per.map(Formatter.expression).joined(separator: ", ")))
        }
        if let first = c.orderBy.first {
            items.append((first.span.to(c.orderBy.last!.span), "order by " + c.orderBy.map(Formatter.expression).joined(separator: ", ")))
        }
        emitInSourceOrder(items, indent: 2)
        for k in c.checks {
            switch k.kind {
            case .require(let e): emit(wrapped("require \(k.id.text): ", e, indent: 2), indent: 2, at: k.span)
            case .limit(let n, let w): emit("limit \(k.id.text): at most \(n.value) \(Formatter.window(w))", indent: 2, at: k.span)
            }
            var sub: [(Span, String)] = []
            if let t = k.title { sub.append((t.span, "title \(Formatter.quote(t.value))")) }
            if let x = k.cites { sub.append((x.span, "cites \(Formatter.quote(x.value))")) }
            if let s = k.severity { sub.append((s.span, "severity \(s.value.rawValue)")) }
            if let m = k.message { sub.append((m.span, "message \(Formatter.quote(m.value))")) }
            emitInSourceOrder(sub, indent: 4)
        }
        end(c.span)
    }

    private mutating func formatExpectation(_ e: Expectation) {
        switch e {
        case .breaks(let r, let rules):
            emit("expect \(r.text) breaks " + rules.map(\.text).joined(separator: ", "), indent: 2, at: r.span.to(rules.last!.span))
        case .passes(let r, let rules):
            emit("expect \(r.text) passes " + rules.map(\.text).joined(separator: ", "), indent: 2, at: r.span.to(rules.last!.span))
        case .clean(let r):
            emit("expect \(r.text) clean", indent: 2, at: r.span)
        case .measure(let m, let group, let values, let span):
            let g = group.isEmpty ? "" : " for " + group.map { "\($0.0.text) = \(Formatter.expression($0.1))" }.joined(separator: ", ")
            let v = values.map { "\($0.0.text) = \(Formatter.expression($0.1))" }.joined(separator: ", ")
            emit("expect measure \(m.text)\(g): \(v)", indent: 2, at: span)
        }
    }

    /// `prefix` and the expression, broken before `and` / `or` where the
    /// line would pass the width; continuation lines indented four more.
    private func wrapped(_ prefix: String, _ e: Expr, indent: Int) -> String {
        var pieces: [String] = []
        Formatter.print(e, level: 0, tail: true, into: &pieces)
        // Segments run from one place a line may break to the next.
        var segments: [String] = []
        for piece in pieces {
            if piece.hasPrefix(" and ") || piece.hasPrefix(" or ") || segments.isEmpty {
                segments.append(piece)
            } else {
                segments[segments.count - 1] += piece
            }
        }
        var out = prefix
        var lineLength = indent + prefix.count
        for (i, segment) in segments.enumerated() {
            if i > 0, lineLength + segment.count > Formatter.width {
                let rest = String(segment.dropFirst())
                out += "\n    " + rest
                lineLength = indent + 4 + rest.count
            } else {
                out += segment
                lineLength += segment.count
            }
        }
        return out
    }

    // MARK: Expressions

    /// Binding strength, loosest first: the grammar's levels.
    private static func level(_ e: Expr) -> Int {
        switch e.kind {
        case .conditional: 0
        case .binary(.or, _, _): 1
        case .binary(.and, _, _): 2
        case .not: 3
        case .binary(.equal, _, _), .binary(.notEqual, _, _), .binary(.less, _, _), .binary(.lessOrEqual, _, _),
            .binary(.greater, _, _), .binary(.greaterOrEqual, _, _), .binary(.isIn, _, _), .binary(.notIn, _, _),
            .binary(.startsWith, _, _), .binary(.contains, _, _), .presence, .within:
            4
        case .binary(.otherwise, _, _): 5
        case .binary(.plus, _, _), .binary(.minus, _, _): 6
        case .binary(.times, _, _), .binary(.divide, _, _): 7
        case .negate: 8
        default: 9
        }
    }

    public static func expression(_ e: Expr) -> String {
        var pieces: [String] = []
        print(e, level: 0, tail: true, into: &pieces)
        return pieces.joined()
    }

    /// Appends the expression as pieces; a piece that starts with " and " or
    /// " or " is where a line may break. Parentheses are added only where the
    /// tree needs them: a looser operand, and a search or `if` that is not at
    /// the end (its condition would swallow what follows).
    private static func print(_ e: Expr, level minimum: Int, tail: Bool, into out: inout [String]) {
        let own = level(e)
        // A search is written like a value, but its condition runs to the end
        // of the expression; `if` likewise.
        var greedy = false
        switch e.kind {
        case .conditional, .aggregate: greedy = true
        default: break
        }
        let needsParens = own < minimum || (greedy && !tail)
        if needsParens {
            out.append("(")
            print(e, level: 0, tail: true, into: &out)
            out.append(")")
            return
        }
        switch e.kind {
        case .binary(let op, let a, let b):
            let joinLevel = own
            switch op {
            case .and, .or:
                print(a, level: joinLevel, tail: false, into: &out)
                out.append(" \(op.rawValue) ")
                print(b, level: joinLevel + 1, tail: tail, into: &out)
            default:
                // Comparisons do not chain; arithmetic and `otherwise` lean left.
                let rightLevel = joinLevel == 4 ? 5 : joinLevel + 1
                print(a, level: joinLevel == 4 ? 5 : joinLevel, tail: false, into: &out)
                out.append(" \(op.rawValue) ")
                print(b, level: rightLevel, tail: tail, into: &out)
            }
        case .not(let a):
            out.append("not ")
            print(a, level: 3, tail: tail, into: &out)
        case .negate(let a):
            out.append("-")
            print(a, level: 8, tail: tail, into: &out)
        case .presence(let a, let isPresent):
            print(a, level: 5, tail: false, into: &out)
            out.append(isPresent ? " is present" : " is missing")
        case .within(let a, let n, let unit, let before, let b):
            print(a, level: 5, tail: false, into: &out)
            out.append(" within \(n) \(unit.plural(n)) \(before ? "before" : "after") ")
            print(b, level: 5, tail: tail, into: &out)
        case .conditional(let c, let a, let b):
            // A search or `if` inside the condition or the `then` branch is
            // bracketed for the reader, though `then` / `else` would end it.
            out.append("if ")
            print(c, level: 0, tail: false, into: &out)
            out.append(" then ")
            print(a, level: 0, tail: false, into: &out)
            out.append(" else ")
            print(b, level: 0, tail: tail, into: &out)
        case .aggregate(let kind, let field, let c):
            out.append("\(kind.rawValue) other\(field.map { ".\($0)" } ?? "") where ")
            print(c, level: 0, tail: tail, into: &out)
        case .list(let items):
            out.append("[" + items.map(expression).joined(separator: ", ") + "]")
        case .call(let f, let args):
            out.append("\(f)(" + args.map(expression).joined(separator: ", ") + ")")
        case .string(let s): out.append(quote(s))
        default:
            out.append(SyntaxDump.expr(e))
        }
    }

    // MARK: Pieces

    static func quote(_ s: String) -> String {
        var out = "\""
        for ch in s {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    static func type(_ t: TypeSyntax) -> String {
        switch t {
        case .named(let n): n.text
        case .oneOf(let codes): "one of " + codes.map { quote($0.value) }.joined(separator: ", ")
        case .list(let inner): "list of " + type(inner)
        }
    }

    static func window(_ w: CapWindow) -> String {
        switch w {
        case .rolling(let n, let u): "within \(n) \(u.plural(n))"
        case .calendar(let p): "per \(p.rawValue)"
        case .sinceLatest(let e): "since latest " + expression(e)
        }
    }

    static func literal(_ l: RecordLiteral) -> String {
        l.fields.isEmpty ? "{}" : "{ " + l.fields.map { "\($0.name.text): \(expression($0.value))" }.joined(separator: ", ") + " }"
    }
}
