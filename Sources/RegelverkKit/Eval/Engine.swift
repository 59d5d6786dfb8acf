import RegelBuiltins

/// Runs a compiled ruleset over a table: rules per record, caps per group,
/// and returns findings in record order, then in the order the checks were
/// declared.
public struct Engine: Sendable {
    public let program: CompiledRuleset
    public let params: [Value]

    /// Per rule, the fields it reads: checked for every record, so kept flat.
    private let ruleMasks: [UInt64]

    public init(program: CompiledRuleset, params: [Value]) {
        self.program = program
        self.params = params
        ruleMasks = program.checked.rules.map(\.fieldMask)
    }

    var checked: CheckedRuleset { program.checked }

    /// Findings for `rows` (all rows when nil). Every row of the table is
    /// still seen by conditions across records and by caps.
    public func findings(in table: Table, rows: [Int]? = nil) -> [Finding] {
        let run = Run(program: program, table: table, params: params)
        Timing.mark("indexes")
        let capFindings = CapAllocator(run: run).allocate()
        Timing.mark("caps")
        // Records are independent once indexes and caps are done: evaluate
        // slices on all cores and join them in order.
        let total = rows?.count ?? table.count
        let slices = Parallel.ranges(total, pieces: 8)
        let parts = Parallel.map(slices.count) { i in
            var out: [Finding] = []
            for k in slices[i] {
                let row = rows?[k] ?? k
                evaluate(row: row, run: run, capFindings: capFindings[row], into: &out)
            }
            return out
        }
        return Array(parts.joined())
    }

    /// The findings of one record, in declaration order.
    func evaluate(row: Int, run: Run, capFindings: [CapAllocator.Hit]?, into out: inout [Finding]) {
        let bad = run.table.badCells[row]
        let frame = run.frame(row)
        var capHits = capFindings?[...] ?? []
        for ref in checked.checkOrder {
            switch ref {
            case .rule(let i):
                if bad & ruleMasks[i] != 0 { continue }
                if let when = program.rules[i].when {
                    guard case .bool(true) = when(frame) else { continue }
                }
                guard case .bool(false) = program.rules[i].require(frame) else { continue }
                let rule = checked.rules[i]
                out.append(finding(rule.id, rule.severity, rule.title, rule.citation, render(program.rules[i].message, frame, nil), row, run.table))
            case .capCheck(let c, let k):
                while let hit = capHits.first, hit.cap == c, hit.check == k {
                    capHits.removeFirst()
                    let check = checked.caps[c].checks[k]
                    let message = render(program.caps[c].checks[k].message, frame, (hit.count, check.limit))
                    out.append(finding(check.id, check.severity, check.title, check.citation, message, row, run.table))
                }
            }
        }
    }

    func finding(_ rule: String, _ severity: Severity, _ title: String, _ citation: Citation, _ message: String, _ row: Int, _ table: Table) -> Finding {
        Finding(kind: .rule, ruleset: checked.name, version: checked.version, rule: rule, severity: severity, title: title,
                message: message, source: citation.text, file: table.sourceName, line: table.lines[row],
                record: recordName(row, table), column: nil, value: nil)
    }

    func recordName(_ row: Int, _ table: Table) -> String {
        if let slot = checked.idSlot {
            let v = table.value(slot, row)
            if !v.isMissing { return v.description }
        }
        return "line \(table.lines[row])"
    }

    func render(_ parts: [CompiledMessagePart], _ frame: Frame, _ cap: (count: Int, limit: Int)?) -> String {
        var s = ""
        for part in parts {
            switch part {
            case .literal(let text): s += text
            case .value(let c):
                let v = c(frame)
                s += v.isMissing ? "(saknas)" : v.description
            case .capCount: s += String(cap?.count ?? 0)
            case .capLimit: s += String(cap?.limit ?? 0)
            }
        }
        return s
    }
}
