import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues
/// A run of up to `Batch.size` consecutive rows of a table, evaluated
/// together. `active` are the rows an evaluation is for: cheap kernels
/// compute every row, costly ones (searches, the general path) only these.
final class Batch {
    static let size = 4096

    unowned(unsafe) let run: RunContext
    unowned(unsafe) let table: Table
    let start: Int
    let count: Int
    var active: [UInt64]
    /// Each `define` of the batch as last computed, with the rows it was
    /// computed for. A use on rows those cover takes it as it is, so
    /// definitions that use each other several times cost linear time; a
    /// define that only a message needs is computed for the failing rows, not
    /// for the whole batch.
    private var defines: [(rows: [UInt64], value: Vec)?]
    private var columns: [(id: ObjectIdentifier, words: Words)] = []

    init(run: RunContext, start: Int, count: Int, active: [UInt64]) {
        self.run = run
        table = run.table
        self.start = start
        self.count = count
        self.active = active
        defines = Array(repeating: nil, count: run.kernels.defines.count)
    }

    func define(_ i: Int) -> Vec {
        if let memo = defines[i], Batch.covers(memo.rows, active) { return memo.value }
        let rows = active
        let v = run.kernels.defines[i].eval(self)
        active = rows
        defines[i] = (rows, v)
        return v
    }

    /// A column's words of this batch, copied once however many kernels read
    /// them (the table does not change while batches are evaluated).
    func columnWords(_ column: Column) -> Words {
        let id = ObjectIdentifier(column)
        for entry in columns where entry.id == id { return entry.words }
        let w = [UInt64](unsafeUninitializedCapacity: count) { out, n in
            column.words.copy(start, count, into: out.baseAddress!)
            n = count
        }
        let valid = Array(UnsafeBufferPointer(start: column.valid + (start >> 6), count: Bits.words(count)))
        let words = Words(w: w, valid: Bits.trimmed(valid, rows: count), physical: column.physical)
        columns.append((id, words))
        return words
    }

    /// Every row of `b` is in `a`.
    private static func covers(_ a: [UInt64], _ b: [UInt64]) -> Bool {
        for k in b.indices where b[k] & ~a[k] != 0 { return false }
        return true
    }

    /// Evaluates `kernel` for the rows in `rows` only.
    func evaluate(_ kernel: Kernel, on rows: [UInt64]) -> Vec {
        let saved = active
        active = rows
        let v = kernel.eval(self)
        active = saved
        return v
    }
}
