import RegelData

/// What one run of `validate` found, and how every record was accounted for.
public struct ValidationResult: Sendable {
    public var findings: [Finding] = []
    public var read = 0
    public var validated = 0
    public var rejected = 0
    /// Records dated outside every version's validity: read, not judged.
    public var outside = 0

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}

public enum Validation {
    /// Reads each input, runs the ruleset over it, and merges data findings
    /// with rule findings in line order.
    public static func run(_ ruleset: CheckedRuleset, params: [Value], sources: [DataSource],
                           format: RecordFormat? = nil, encoding: TextEncoding = .utf8) throws(InputError) -> ValidationResult {
        try run(versions: [ruleset], params: [params], sources: sources, format: format, encoding: encoding)
    }

    /// Several versions of one ruleset: each record is judged by the version
    /// in force on its date (the field the ruleset names with `date field`).
    /// Records dated outside every version are counted, not judged; a record
    /// whose date cannot be read cannot be given a version and is rejected.
    public static func run(versions: [CheckedRuleset], params: [[Value]], sources: [DataSource],
                           format: RecordFormat? = nil, encoding: TextEncoding = .utf8) throws(InputError) -> ValidationResult {
        var result = ValidationResult()
        let engines = zip(versions, params).map { Engine(program: CompiledRuleset($0), params: $1) }
        let dated = versions.count > 1 || versions.contains { $0.effective != nil || $0.until != nil }
        for source in sources {
            if !dated {
                let loaded = try TableLoader.load(source, for: versions[0], format: format, encoding: encoding)
                result.read += loaded.read
                result.validated += loaded.table.count
                result.rejected += loaded.rejected
                result.findings += merge(loaded.dataFindings, engines[0].findings(in: loaded.table))
                continue
            }
            var findings: [Finding] = []
            var judgedLines: Set<Int> = []
            var undatedLines: Set<Int> = []
            var total = 0, rows0 = 0
            for (v, version) in versions.enumerated() {
                Timing.mark("start")
                let loaded = try TableLoader.load(source, for: version, format: format, encoding: encoding)
                Timing.mark("load")
                let table = loaded.table
                var rows: [Int] = []
                for row in 0..<table.count {
                    guard let slot = version.dateFieldSlot, case .date(let d) = table.value(slot, row) else {
                        undatedLines.insert(table.lines[row])
                        continue
                    }
                    if let from = version.effective, d < from { continue }
                    if let to = version.until, d > to { continue }
                    rows.append(row)
                    judgedLines.insert(table.lines[row])
                }
                let lines = Set(rows.map { table.lines[$0] })
                if v == 0 {
                    total = loaded.read
                    rows0 = table.count
                    result.rejected += loaded.rejected
                    findings += loaded.dataFindings.filter { $0.kind == .record || !lines.contains($0.line) && undatedLines.contains($0.line) }
                }
                findings += loaded.dataFindings.filter { $0.kind == .cell && lines.contains($0.line) }
                Timing.mark("select rows")
                findings += engines[v].findings(in: table, rows: rows)
                Timing.mark("evaluate")
            }
            undatedLines.subtract(judgedLines)
            result.read += total
            result.validated += judgedLines.count
            result.rejected += undatedLines.count
            result.outside += rows0 - judgedLines.count - undatedLines.count
            result.findings += stableSortedByLine(findings)
            Timing.mark("order findings")
        }
        return result
    }

    static func stableSortedByLine(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().sorted { a, b in
            a.element.line != b.element.line ? a.element.line < b.element.line
                : (a.element.kind != .rule) != (b.element.kind != .rule) ? a.element.kind != .rule : a.offset < b.offset
        }.map(\.element)
    }

    /// Both lists are in line order; data findings of a line come first.
    static func merge(_ data: [Finding], _ rules: [Finding]) -> [Finding] {
        var out: [Finding] = []
        out.reserveCapacity(data.count + rules.count)
        var i = 0, j = 0
        while i < data.count || j < rules.count {
            if j == rules.count || (i < data.count && data[i].line <= rules[j].line) {
                out.append(data[i]); i += 1
            } else {
                out.append(rules[j]); j += 1
            }
        }
        return out
    }

    public static func measures(_ ruleset: CheckedRuleset, params: [Value], sources: [DataSource],
                                format: RecordFormat? = nil, encoding: TextEncoding = .utf8) throws(InputError) -> (results: [MeasureResult], data: ValidationResult) {
        let engine = Engine(program: CompiledRuleset(ruleset), params: params)
        // Measures count over every input together: a figure per clinic is one figure.
        let table = Table(fieldCount: ruleset.fields.count, sourceName: sources.map(\.name).joined(separator: ", "))
        var data = ValidationResult()
        for source in sources {
            let loaded = try TableLoader.load(source, for: ruleset, format: format, encoding: encoding)
            data.read += loaded.read
            data.validated += loaded.table.count
            data.rejected += loaded.rejected
            data.findings += loaded.dataFindings
            for row in 0..<loaded.table.count {
                table.append(loaded.table.row(row), line: loaded.table.lines[row], bad: loaded.table.badCells[row])
            }
        }
        return (engine.measures(in: table), data)
    }
}
