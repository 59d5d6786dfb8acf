import RegelBuiltins
import RegelCheck
import RegelValues

/// Runs a compiled ruleset over a table: rules per record, caps per group,
/// and returns findings in record order, then in the order the checks were
/// declared.
public struct Engine: Sendable {
    public let program: CompiledRuleset
    public let params: [Value]

    /// What is read for every record, kept flat: per rule the fields it
    /// reads, and its compiled `when` and `require`.
    private let ruleMasks: [UInt64]
    private let whens: [Compiled?]
    private let requires: [Compiled]
    private let hasCaps: Bool
    private let ruleInfos: [FindingRule]
    private let capInfos: [[FindingRule]]

    public init(program: CompiledRuleset, params: [Value]) {
        self.program = program
        self.params = params
        ruleMasks = program.checked.rules.map(\.fieldMask)
        whens = program.rules.map(\.when)
        requires = program.rules.map(\.require)
        hasCaps = !program.caps.isEmpty
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
    func evaluate(row: Int, run: RunContext, capFindings: [CapAllocator.Hit]?, into out: inout [Finding]) {
        let bad = run.table.badCells[row]
        let frame = run.frame(row)
        if !hasCaps {
            // The common case: rules only, in declaration order.
            for i in 0..<requires.count {
                if bad & ruleMasks[i] != 0 { continue }
                if let when = whens[i] {
                    guard case .bool(true) = when(frame) else { continue }
                }
                guard case .bool(false) = requires[i](frame) else { continue }
                out.append(finding(ruleInfos[i], render(program.rules[i].message, frame, nil), row, run.table))
            }
            return
        }
        var capHits = capFindings?[...] ?? []
        for ref in checked.checkOrder {
            switch ref {
            case .rule(let i):
                if bad & ruleMasks[i] != 0 { continue }
                if let when = whens[i] {
                    guard case .bool(true) = when(frame) else { continue }
                }
                guard case .bool(false) = requires[i](frame) else { continue }
                out.append(finding(ruleInfos[i], render(program.rules[i].message, frame, nil), row, run.table))
            case .capCheck(let c, let k):
                while let hit = capHits.first, hit.cap == c, hit.check == k {
                    capHits.removeFirst()
                    let message = render(program.caps[c].checks[k].message, frame, (hit.count, checked.caps[c].checks[k].limit))
                    out.append(finding(capInfos[c][k], message, row, run.table))
                }
            }
        }
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
