import RegelSyntax

/// Finds where two expressions differ: the smallest subexpressions that are
/// not the same. Where the two trees have the same shape it descends into
/// the children that differ; chains of `and` / `or` and lists after `in` are
/// aligned operand by operand, so an added conjunct is one addition, not a
/// different tree.
struct ExpressionDiff: Sendable {
    var comparison: ExpressionComparison

    /// Pairs of differing subexpressions, old first; one side is nil for an
    /// operand that was added or removed. Empty when the expressions are the same.
    func differences(_ old: Expr, _ new: Expr) -> [(old: Expr?, new: Expr?)] {
        if comparison.same(old, new) { return [] }
        let a = comparison.shape(old, side: .old), b = comparison.shape(new, side: .new)
        if let op = a.chainOperator, a.key == b.key {
            return aligned(comparison.operands(old, op), comparison.operands(new, op))
        }
        // `a` → `a and b`, or back: one side is a chain the other is part of.
        if let op = a.chainOperator ?? b.chainOperator, a.chainOperator == nil || b.chainOperator == nil {
            let x = comparison.operands(old, op), y = comparison.operands(new, op)
            if x.contains(where: { i in y.contains { comparison.same(i, $0) } }) { return aligned(x, y) }
        }
        if let (x, y) = comparison.setOperands(old, new) {
            let removed = x.filter { i in !y.contains { comparison.same(i, $0) } }
            let added = y.filter { j in !x.contains { comparison.same($0, j) } }
            return removed.map { (old: $0, new: nil) } + added.map { (old: nil, new: $0) }
        }
        if a.key == b.key, a.children.count == b.children.count {
            return zip(a.children, b.children).flatMap { differences($0, $1) }
        }
        return [(old, new)]
    }

    /// Aligns two operand lists on their longest common subsequence; between
    /// two aligned operands, the ones left over are paired in order and
    /// compared, and the rest are removals or additions.
    func aligned(_ x: [Expr], _ y: [Expr]) -> [(old: Expr?, new: Expr?)] {
        var lcs = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                lcs[i][j] = comparison.same(x[i], y[j]) ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [(old: Expr?, new: Expr?)] = []
        var gapOld: [Expr] = [], gapNew: [Expr] = []
        func flush() {
            let paired = min(gapOld.count, gapNew.count)
            for k in 0..<paired { out += differences(gapOld[k], gapNew[k]) }
            out += gapOld.dropFirst(paired).map { (old: $0, new: nil) }
            out += gapNew.dropFirst(paired).map { (old: nil, new: $0) }
            gapOld = []; gapNew = []
        }
        var i = 0, j = 0
        while i < x.count || j < y.count {
            if i < x.count, j < y.count, comparison.same(x[i], y[j]), lcs[i][j] == lcs[i + 1][j + 1] + 1 {
                flush(); i += 1; j += 1
            } else if j == y.count || (i < x.count && lcs[i + 1][j] >= lcs[i][j + 1]) {
                gapOld.append(x[i]); i += 1
            } else {
                gapNew.append(y[j]); j += 1
            }
        }
        flush()
        return out
    }
}
