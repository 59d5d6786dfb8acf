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
    /// Each `define` once per batch, computed for every row on first use.
    private var defines: [Vec?]

    init(run: RunContext, start: Int, count: Int, active: [UInt64]) {
        self.run = run
        table = run.table
        self.start = start
        self.count = count
        self.active = active
        defines = Array(repeating: nil, count: run.kernels.defines.count)
    }

    func define(_ i: Int) -> Vec {
        if let v = defines[i] { return v }
        let saved = active
        active = Bits.all(count)
        let v = run.kernels.defines[i].eval(self)
        active = saved
        defines[i] = v
        return v
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
