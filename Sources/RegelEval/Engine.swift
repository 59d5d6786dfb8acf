import RegelCheck
import RegelSyntax
import RegelValues
import RegelBuiltins

/// Runs a compiled ruleset over a table: rules a batch of rows at a time,
/// caps per group, and returns findings in record order, then in the order
/// the checks were declared.
public struct Engine: Sendable {
    public let program: CompiledRuleset
    public let params: [Value]

    private let ruleInfos: [FindingRule]
    private let capInfos: [[FindingRule]]

    public init(program: CompiledRuleset, params: [Value]) {
        self.program = program
        self.params = params
        let c = program.checked
        ruleInfos = c.rules.map {
            FindingRule(kind: .rule, ruleset: c.name, version: c.version, rule: $0.id, severity: $0.severity, title: $0.title, source: $0.citation.text)
        }
        capInfos = c.caps.map { cap in
            cap.checks.map {
                FindingRule(kind: .rule, ruleset: c.name, version: c.version, rule: $0.id, severity: $0.severity, title: $0.title, source: $0.citation.text)
            }
        }
    }

    var checked: CheckedRuleset { program.checked }

    /// Findings for `rows` (all rows when nil). Every row of the table is
    /// still seen by conditions across records and by caps.
    public func findings(in table: Table, rows: [Int]? = nil) -> [Finding] {
        let run = RunContext(program: program, table: table, params: params)
        Timing.mark("indexes")
        let capFindings = CapAllocator(run: run).allocate()
        Timing.mark("caps")
        var judged: [UInt64]
        if let rows {
            judged = Bits.none(table.count)
            for row in rows { Bits.set(&judged, row) }
        } else {
            judged = Bits.all(table.count)
        }
        // Batches are independent once indexes and caps are done: evaluate
        // them on all cores and join the findings in order.
        let batchCount = (table.count + Batch.size - 1) / Batch.size
        let pieces = Parallel.ranges(batchCount, pieces: 8)
        let judgedRows = judged
        let parts = Parallel.map(pieces.count) { p in
            var out: [Finding] = []
            for k in pieces[p] {
                let start = k * Batch.size
                let n = min(Batch.size, table.count - start)
                let active = Bits.trimmed(Array(judgedRows[(start >> 6)..<((start >> 6) + Bits.words(n))]), rows: n)
                evaluate(Batch(run: run, start: start, count: n, active: active), capFindings, into: &out)
            }
            return out
        }
        return Array(parts.joined())
    }

    /// The findings of one batch, by row, in declaration order within a row.
    private func evaluate(_ b: Batch, _ capFindings: [Int: [CapAllocator.Hit]], into out: inout [Finding]) {
        let judged = b.active
        let rules = program.kernels.rules
        var failing: [[UInt64]] = []
        var messages: [[Vec]] = []
        var any = Bits.none(b.count)
        for rule in rules {
            var active = judged
            for slot in rule.fieldSlots {
                let bad = b.table.columns[slot].bad + (b.start >> 6)
                for k in active.indices { active[k] &= ~bad[k] }
            }
            if let when = rule.when {
                let t = b.truth(b.evaluate(when, on: active))
                for k in active.indices { active[k] &= t.yes[k] }
            }
            var fails = Bits.none(b.count)
            if !Bits.isEmpty(active) {
                let r = b.truth(b.evaluate(rule.require, on: active))
                for k in fails.indices { fails[k] = active[k] & r.no[k] }
            }
            failing.append(fails)
            var parts: [Vec] = []
            if !Bits.isEmpty(fails) {
                for k in any.indices { any[k] |= fails[k] }
                for part in rule.message {
                    if case .value(let kernel) = part { parts.append(b.evaluate(kernel, on: fails)) }
                }
            }
            messages.append(parts)
        }
        if !capFindings.isEmpty {
            Bits.forEach(judged) { i in if capFindings[b.start + i] != nil { Bits.set(&any, i) } }
        }
        Bits.forEach(any) { i in
            let row = b.start + i
            var capHits = capFindings[row]?[...] ?? []
            for ref in checked.checkOrder {
                switch ref {
                case .rule(let r):
                    guard Bits.test(failing[r], i) else { continue }
                    out.append(finding(ruleInfos[r], render(rules[r].message, messages[r], i, b), row, b.table))
                case .capCheck(let c, let k):
                    while let hit = capHits.first, hit.cap == c, hit.check == k {
                        capHits.removeFirst()
                        let message = render(program.caps[c].checks[k].message, b.run.frame(row), (hit.count, checked.caps[c].checks[k].limit))
                        out.append(finding(capInfos[c][k], message, row, b.table))
                    }
                }
            }
        }
    }

    private func render(_ parts: [RulesetKernels.Part], _ values: [Vec], _ i: Int, _ b: Batch) -> String {
        var s = ""
        var next = 0
        for part in parts {
            switch part {
            case .literal(let text): s += text
            case .value:
                let v = b.value(values[next], i)
                next += 1
                s += v.isMissing ? "(saknas)" : v.description
            case .capCount, .capLimit: break
            }
        }
        return s
    }

    func finding(_ about: FindingRule, _ message: String, _ row: Int, _ table: Table) -> Finding {
        Finding(about, message: message, file: table.sourceName, line: table.lines[row], record: recordName(row, table))
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
