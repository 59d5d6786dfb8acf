import RegelData
import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
/// A unified diff of two texts, line by line (as `diff -u` prints it), for
/// `format --diff`. Rule files are small, so a plain longest-common-
/// subsequence table is fast enough.
enum UnifiedDiff {
    static func render(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        if a == b { return "" }
        // lcs[i][j]: length of the longest common subsequence of a[i...] and b[j...].
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        enum Op { case same(Int, Int), delete(Int), insert(Int) }
        var ops: [Op] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                ops.append(.same(i, j)); i += 1; j += 1
            } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                ops.append(.delete(i)); i += 1
            } else {
                ops.append(.insert(j)); j += 1
            }
        }
        // Lines of each text consumed before op k: where a hunk starting at k begins.
        var oldBefore = [0], newBefore = [0]
        for op in ops {
            switch op {
            case .same: oldBefore.append(oldBefore.last! + 1); newBefore.append(newBefore.last! + 1)
            case .delete: oldBefore.append(oldBefore.last! + 1); newBefore.append(newBefore.last!)
            case .insert: oldBefore.append(oldBefore.last!); newBefore.append(newBefore.last! + 1)
            }
        }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        let changed = ops.indices.filter { if case .same = ops[$0] { false } else { true } }
        var k = 0
        while k < changed.count {
            let lo = max(0, changed[k] - context)
            var hi = min(ops.count - 1, changed[k] + context)
            while k + 1 < changed.count, changed[k + 1] - context <= hi + 1 { k += 1; hi = min(ops.count - 1, changed[k] + context) }
            k += 1
            var body = ""
            for op in ops[lo...hi] {
                switch op {
                case .same(let x, _): body += " " + a[x] + "\n"
                case .delete(let x): body += "-" + a[x] + "\n"
                case .insert(let y): body += "+" + b[y] + "\n"
                }
            }
            let oldCount = oldBefore[hi + 1] - oldBefore[lo], newCount = newBefore[hi + 1] - newBefore[lo]
            out += "@@ -\(range(oldBefore[lo], oldCount)) +\(range(newBefore[lo], newCount)) @@\n" + body
        }
        return out
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        count == 0 ? "\(start),0" : count == 1 ? "\(start + 1)" : "\(start + 1),\(count)"
    }

    static func lines(_ s: String) -> [String] {
        var parts = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }
}
