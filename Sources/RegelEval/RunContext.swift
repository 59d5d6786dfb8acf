import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues
/// One evaluation of a compiled ruleset over one table: the parameters in
/// force and the indexes for searches across records, built once.
public final class RunContext: @unchecked Sendable {
    let program: CompiledRuleset
    let table: Table
    let params: [Value]
    private(set) var searches: [SearchIndex] = []

    var kernels: RulesetKernels { program.kernels }

    /// `buildIndexes: false` for a table that is not the ruleset's records (the
    /// values of a measure's groups), where no search is ever made.
    init(program: CompiledRuleset, table: Table, params: [Value], buildIndexes: Bool = true) {
        self.program = program
        self.table = table
        self.params = params
        guard buildIndexes else { return }
        let plans = program.kernels.searches
        searches = Parallel.map(plans.count) { i in SearchIndex(plan: plans[i], run: self) }
    }

    /// Every row in batches, in order, all rows active.
    func forEachBatch(_ body: (Batch) -> Void) {
        var start = 0
        while start < table.count {
            let n = min(Batch.size, table.count - start)
            body(Batch(run: self, start: start, count: n, active: Bits.all(n)))
            start += n
        }
    }

    /// A search for one record (from the closures: messages, caps, `if`):
    /// the search's kernel over the 64-row block holding it, only it active.
    func aggregate(_ lookup: Int, row: Int) -> Value {
        let start = row & ~63
        let n = min(64, table.count - start)
        var active = Bits.none(n)
        Bits.set(&active, row - start)
        let batch = Batch(run: self, start: start, count: n, active: active)
        let plan = program.kernels.searches[lookup]
        let kernel = AggregateKernel(lookup: lookup, plan: plan, resultType: .nothing)
        return batch.value(kernel.eval(batch), row - start)
    }

    func frame(_ row: Int) -> Frame { Frame(run: self, table: table, row: row, other: row) }
}
