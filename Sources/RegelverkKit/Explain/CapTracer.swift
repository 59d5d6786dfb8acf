import RegelData
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
import Foundation
import RegelBuiltins

/// How one record fared in a cap: its group, the group's order, and per
/// limit the earlier accepted contacts that counted against it.
public struct CapTrace: Sendable {
    public struct Step: Sendable {
        public var ref: RecordRef
        public var date: Day
        /// Under the cap (`when` holds); the others only mark `since latest`.
        public var capped: Bool
        public var accepted: Bool
        /// The checks this record broke (ids).
        public var broke: [String]
        public var isTarget: Bool
    }
    public struct Limit: Sendable {
        public var id: String
        /// The line as written in the rule file.
        public var text: String
        public var limit: Int
        public var count: Int
        public var counted: [RecordRef]
        public var broken: Bool
    }
    public var cap: String
    public var when: TraceNode?
    /// Per-key text and value: the group the record belongs to.
    public var group: [(text: String, value: Value)]
    public var order: [String]
    public var steps: [Step]
    public var requirements: [(id: String, trace: TraceNode)]
    public var limits: [Limit]
    /// Why the record is not allocated at all (no date, a missing key, outside `when`).
    public var notAllocated: String?
}

/// Replays a cap's allocation for the group of one record, the plain way
/// (record by record, as docs/language.md states it), so each count can be
/// shown with the contacts behind it.
struct CapTracer {
    let tracer: TraceEvaluator
    var ruleset: CheckedRuleset { tracer.ruleset }
    var table: Table { tracer.table }

    func trace(cap c: Int, row target: Int) -> CapTrace {
        let cap = ruleset.caps[c]
        let syntax = capSyntax(cap.name)
        let value = { (e: TypedExpr, row: Int) in tracer.trace(e, row: row).value }
        var result = CapTrace(
            cap: cap.name, when: cap.when.map { tracer.trace($0, row: target) },
            group: cap.per.map { (ruleset.file.slice($0.span), value($0, target)) },
            order: cap.orderBy.map { ruleset.file.slice($0.span) }, steps: [], requirements: [], limits: [])
        if table.badMask(target) & cap.fieldMask != 0 {
            result.notAllocated = "en cell som taket läser kunde inte läsas, så posten räknas inte i taket"
            return result
        }
        guard case .date = value(cap.orderBy[0], target) else {
            result.notAllocated = "posten saknar datum (\(result.order[0])), så den räknas inte i taket"
            return result
        }
        if result.group.contains(where: { $0.value.isMissing }) {
            result.notAllocated = "ett värde i `per` saknas, så posten hör inte till någon grupp"
            return result
        }
        let key = result.group.map(\.value)
        var rows: [Int] = []
        for row in 0..<table.count where table.badMask(row) & cap.fieldMask == 0 {
            guard case .date = value(cap.orderBy[0], row) else { continue }
            let k = cap.per.map { value($0, row) }
            if zip(k, key).allSatisfy({ !$0.isMissing && Value.equals($0, $1) }) { rows.append(row) }
        }
        let date = { (row: Int) -> Day in
            if case .date(let d) = value(cap.orderBy[0], row) { return d }; return Day(ordinal: 0)
        }
        rows.sort { a, b in
            if date(a) != date(b) { return date(a) < date(b) }
            for k in cap.orderBy.dropFirst() {
                let o = Value.compare(value(k, a), value(k, b))
                if o != 0 { return o < 0 }
            }
            return a < b
        }
        var accepted: [(row: Int, date: Day)] = []
        for row in rows {
            let d = date(row)
            let capped = cap.when.map { value($0, row) == .bool(true) } ?? true
            var step = CapTrace.Step(ref: tracer.reference(row), date: d, capped: capped, accepted: false, broke: [], isTarget: row == target)
            guard capped else { result.steps.append(step); continue }
            var failedRequirement = false
            for check in cap.checks {
                guard case .require(let e) = check.kind else { continue }
                let t = tracer.trace(e, row: row)
                if row == target { result.requirements.append((check.id, t)) }
                if t.value != .bool(true) && !failedRequirement {
                    step.broke.append(check.id)
                    failedRequirement = true
                }
            }
            if !failedRequirement {
                for check in cap.checks {
                    let counted: [(row: Int, date: Day)]
                    switch check.kind {
                    case .require: continue
                    case .rolling(let n, let unit):
                        let cut = DateArithmetic.shift(d, -n, unit)
                        counted = accepted.filter { $0.date > cut }
                    case .calendar(let period):
                        let start = CapTracer.periodStart(d, period)
                        counted = accepted.filter { $0.date >= start }
                    case .sinceLatest(let e):
                        let reset = rows.filter { date($0) <= d && value(e, $0) == .bool(true) }.map(date).max()
                        counted = reset.map { r in accepted.filter { $0.date > r } } ?? accepted
                    }
                    let broken = counted.count >= check.limit
                    if broken { step.broke.append(check.id) }
                    if row == target {
                        result.limits.append(
                            CapTrace.Limit(
                                id: check.id, text: checkText(syntax, check.id), limit: check.limit, count: counted.count,
                                counted: counted.map { tracer.reference($0.row) }, broken: broken))
                    }
                }
            }
            step.accepted = step.broke.isEmpty
            if step.accepted { accepted.append((row, d)) }
            result.steps.append(step)
        }
        if cap.when != nil, result.when?.value != .bool(true) {
            result.notAllocated = "taket gäller inte posten (villkoret `when` är inte uppfyllt); den räknas bara som gräns för `since latest`"
        }
        return result
    }

    private func capSyntax(_ name: String) -> CapDecl? {
        for d in ruleset.syntax.declarations { if case .cap(let c) = d, c.name.text == name { return c } }
        return nil
    }

    private func checkText(_ cap: CapDecl?, _ id: String) -> String {
        guard let check = cap?.checks.first(where: { $0.id.text == id }) else { return id }
        return ruleset.file.slice(check.span).split(separator: "\n").first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? id
    }

    static func periodStart(_ d: Day, _ p: CalendarPeriod) -> Day {
        switch p {
        case .isoWeek: Day(ordinal: d.isoWeekKey)
        case .month: Day(year: d.year, month: d.month, day: 1)!
        case .year: Day(year: d.year, month: 1, day: 1)!
        }
    }
}
