import RegelSyntax

/// Structural equality of expressions: the trees are compared, never the
/// spans, so layout, line breaks and redundant parentheses do not matter.
/// `a and b and c` is compared as a list of conjuncts whatever the grouping,
/// a list after `in` as a set, and a definition, code set or parameter that
/// was renamed matches its new name. A definition's name matches what it
/// stands for, so inlining or extracting a definition changes nothing.
struct ExpressionComparison: Sendable {
    /// Old names of renamed definitions, code sets and parameters, to their new names.
    var renames: [String: String] = [:]
    var oldDefinitions: [String: Expr] = [:]
    var newDefinitions: [String: Expr] = [:]
    /// Definitions are expanded only this deep (the checker rejects cycles;
    /// this keeps a broken file from looping).
    static let expansionLimit = 32

    func same(_ old: Expr?, _ new: Expr?) -> Bool {
        switch (old, new) {
        case (nil, nil): true
        case let (a?, b?): same(a, b)
        default: false
        }
    }

    func same(_ old: Expr, _ new: Expr) -> Bool { same(old, new, depth: 0) }

    private func same(_ old: Expr, _ new: Expr, depth: Int) -> Bool {
        let a = shape(old, side: .old), b = shape(new, side: .new)
        guard a.key == b.key else {
            guard depth < Self.expansionLimit else { return false }
            if case .name(let n) = old.kind, let value = oldDefinitions[n] { return same(value, new, depth: depth + 1) }
            if case .name(let n) = new.kind, let value = newDefinitions[n] { return same(old, value, depth: depth + 1) }
            return false
        }
        if let op = a.chainOperator {
            if sameSequence(operands(old, op), operands(new, op), depth: depth) { return true }
            // A definition inlined into the chain, or extracted from it.
            guard depth < Self.expansionLimit else { return false }
            let x = expandedOperands(old, op, oldDefinitions, depth: depth), y = expandedOperands(new, op, newDefinitions, depth: depth)
            guard x.expanded || y.expanded else { return false }
            return sameSequence(x.operands, y.operands, depth: depth + 1)
        }
        if let (x, y) = setOperands(old, new) {
            return x.allSatisfy { i in y.contains { same(i, $0, depth: depth) } } && y.allSatisfy { j in x.contains { same($0, j, depth: depth) } }
        }
        return sameSequence(a.children, b.children, depth: depth)
    }

    func same(_ old: [Expr], _ new: [Expr]) -> Bool { sameSequence(old, new, depth: 0) }

    private func sameSequence(_ x: [Expr], _ y: [Expr], depth: Int) -> Bool {
        x.count == y.count && zip(x, y).allSatisfy { same($0, $1, depth: depth) }
    }

    /// Two messages say the same when their text is equal and their
    /// placeholders name the same things (through renames).
    func sameMessage(_ old: String, _ new: String) -> Bool {
        MessagePlaceholders.parts(old).map { part in
            if case .placeholder(let n) = part { return .placeholder(renames[n] ?? n) }
            return part
        } == MessagePlaceholders.parts(new)
    }

    // MARK: Shape

    enum Side { case old, new }

    /// A node's shape: its construct and everything in it that is not a
    /// subexpression (an operator, a literal, a name), and its subexpressions.
    struct Shape {
        var key: String
        var children: [Expr]
        /// `and` / `or`: compared as a flat list of operands.
        var chainOperator: BinaryOperator?
    }

    func shape(_ e: Expr, side: Side) -> Shape {
        switch e.kind {
        case .integer(let n): Shape(key: "int \(n)", children: [])
        case .decimal(let d): Shape(key: "decimal \(d)", children: [])
        case .string(let s): Shape(key: "string \(s)", children: [])
        case .date(let s): Shape(key: "date \(s)", children: [])
        case .time(let s): Shape(key: "time \(s)", children: [])
        case .bool(let b): Shape(key: "bool \(b)", children: [])
        case .missing: Shape(key: "missing", children: [])
        case .duration(let n, let u): Shape(key: "duration \(n) \(u.rawValue)", children: [])
        case .list(let items): Shape(key: "list \(items.count)", children: items)
        case .name(let n): Shape(key: "name \(side == .old ? renames[n] ?? n : n)", children: [])
        case .otherField(let f, _): Shape(key: "other \(f)", children: [])
        case .call(let f, let args): Shape(key: "call \(f) \(args.count)", children: args)
        case .negate(let a): Shape(key: "negate", children: [a])
        case .not(let a): Shape(key: "not", children: [a])
        case .binary(let op, let a, let b):
            Shape(key: "binary \(op.rawValue)", children: [a, b], chainOperator: op == .and || op == .or ? op : nil)
        case .presence(let a, let present): Shape(key: "is \(present ? "present" : "missing")", children: [a])
        case .within(let a, let n, let u, let before, let b):
            Shape(key: "within \(n) \(u.rawValue) \(before ? "before" : "after")", children: [a, b])
        case .conditional(let c, let a, let b): Shape(key: "if", children: [c, a, b])
        case .aggregate(let k, let f, let c): Shape(key: "aggregate \(k.rawValue) \(f ?? "")", children: [c])
        }
    }

    /// The operands of a chain of one operator: `(a and b) and c` → a, b, c.
    func operands(_ e: Expr, _ op: BinaryOperator) -> [Expr] {
        if case .binary(let o, let a, let b) = e.kind, o == op { return operands(a, op) + operands(b, op) }
        return [e]
    }

    /// The operands of a chain, with each definition that stands for a chain
    /// of the same operator replaced by its operands.
    private func expandedOperands(_ e: Expr, _ op: BinaryOperator, _ definitions: [String: Expr], depth: Int) -> (operands: [Expr], expanded: Bool) {
        var out: [Expr] = []
        var expanded = false
        for operand in operands(e, op) {
            if case .name(let n) = operand.kind, let value = definitions[n], depth < Self.expansionLimit,
                case .binary(let o, _, _) = value.kind, o == op
            {
                out += expandedOperands(value, op, definitions, depth: depth + 1).operands
                expanded = true
            } else {
                out.append(operand)
            }
        }
        return (out, expanded)
    }

    /// `x in [..]` on both sides: the left operands and the two lists, whose
    /// order and repetitions do not matter. Nil when the left sides differ.
    func setOperands(_ old: Expr, _ new: Expr) -> ([Expr], [Expr])? {
        guard case .binary(let o1, let l1, let r1) = old.kind, case .binary(let o2, let l2, let r2) = new.kind,
            o1 == o2, o1 == .isIn || o1 == .notIn,
            case .list(let x) = r1.kind, case .list(let y) = r2.kind, same(l1, l2)
        else { return nil }
        return (x, y)
    }
}

/// A message's text split at its `{name}` placeholders (`{{` and `}}` are
/// literal braces), as the checker reads it.
enum MessagePlaceholders {
    enum Part: Equatable { case text(String), placeholder(String) }

    static func parts(_ message: String) -> [Part] {
        var parts: [Part] = []
        var literal = ""
        let chars = Array(message)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if (c == "{" || c == "}"), i + 1 < chars.count, chars[i + 1] == c { literal.append(c); i += 2; continue }
            if c == "{", let close = chars[i...].firstIndex(of: "}") {
                if !literal.isEmpty { parts.append(.text(literal)); literal = "" }
                parts.append(.placeholder(trimmed(chars[(i + 1)..<close])))
                i = close + 1
                continue
            }
            literal.append(c)
            i += 1
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        return parts
    }

    static func names(_ message: String) -> [String] {
        parts(message).compactMap { if case .placeholder(let n) = $0 { n } else { nil } }
    }

    private static func trimmed(_ s: ArraySlice<Character>) -> String {
        var s = s
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
