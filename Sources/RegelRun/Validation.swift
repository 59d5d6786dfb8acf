import RegelData
import RegelCheck
import RegelEval
import RegelSyntax
import RegelValues

/// What one run of `validate` found, and how every record was accounted for.
public struct ValidationResult: Sendable {
    public var findings: [Finding] = []
    public var read = 0
    public var validated = 0
    public var rejected = 0
    /// Records dated outside every version's validity: read, not judged.
    public var outside = 0
    /// Findings per severity (error, warning, info), counted as they are made,
    /// so a streamed run that keeps no findings can still report them.
    public var severityCounts = [0, 0, 0]

    public func count(_ severity: Severity) -> Int { severityCounts[severity.rank] }

    mutating func tally(_ findings: [Finding]) {
        for f in findings { severityCounts[f.about.severity.rank] += 1 }
    }
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
        var findings: [Finding] = []
        var result = try stream(versions: versions, params: params, sources: sources, format: format, encoding: encoding) { findings += $0 }
        result.findings = findings
        return result
    }

    /// Like `run`, but hands the findings to `emit` in line order as they
    /// are made and keeps none. A single ruleset that needs no other records
    /// (no `exists other`, no caps) is read a chunk at a time, so memory stays
    /// bounded whatever the size of the export.
    public static func stream(versions: [CheckedRuleset], params: [[Value]], sources: [DataSource],
                              format: RecordFormat? = nil, encoding: TextEncoding = .utf8, chunkRows: Int = 1 << 16,
                              emit: @escaping ([Finding]) -> Void) throws(InputError) -> ValidationResult {
        var result = ValidationResult()
        let emit: ([Finding]) -> Void = { found in
            result.tally(found)
            emit(found)
        }
        if versions.count == 1, versions[0].lookups.isEmpty, versions[0].caps.isEmpty {
            let version = versions[0]
            let engine = Engine(program: CompiledRuleset(version), params: params[0])
            for source in sources {
                var reader = try TableReader(source, for: version, format: format, encoding: encoding)
                while let chunk = reader.next(maxRows: chunkRows) {
                    let (rows, counts) = judged(chunk, version)
                    result.read += chunk.read
                    result.rejected += chunk.rejected + counts.undated
                    result.validated += counts.judged
                    result.outside += counts.outside
                    let lines = chunk.table.lines
                    let data = chunk.dataFindings.filter { f in
                        f.kind == .record || row(ofLine: f.line, lines).map { rows.judged[$0] || rows.undated[$0] } == true
                    }
                    emit(merge(data, engine.findings(in: chunk.table, rows: rows.list)))
                }
            }
            return result
        }
        var whole = try runWhole(versions: versions, params: params, sources: sources, format: format, encoding: encoding, emit: emit)
        whole.severityCounts = result.severityCounts
        return whole
    }

    /// Which rows of a table one version judges: those dated within its
    /// validity (all rows when it has none); the others are outside, or
    /// undated when their date cannot be read.
    static func judged(_ loaded: LoadedTable, _ version: CheckedRuleset)
        -> (rows: (list: [Int], judged: [Bool], undated: [Bool]), counts: (judged: Int, outside: Int, undated: Int)) {
        let table = loaded.table
        let dated = version.effective != nil || version.until != nil
        var list: [Int] = [], judged = [Bool](repeating: !dated, count: table.count), undated = [Bool](repeating: false, count: table.count)
        guard dated else { return ((Array(0..<table.count), judged, undated), (table.count, 0, 0)) }
        var outside = 0
        for row in 0..<table.count {
            guard let slot = version.dateFieldSlot, case .date(let d) = table.value(slot, row) else { undated[row] = true; continue }
            if let from = version.effective, d < from { outside += 1; continue }
            if let to = version.until, d > to { outside += 1; continue }
            list.append(row)
            judged[row] = true
        }
        return ((list, judged, undated), (list.count, outside, table.count - list.count - outside))
    }

    /// Every record of each input at once: conditions across records, caps,
    /// and several versions (a record's version is known only per row).
    static func runWhole(versions: [CheckedRuleset], params: [[Value]], sources: [DataSource],
                         format: RecordFormat?, encoding: TextEncoding,
                         emit: ([Finding]) -> Void) throws(InputError) -> ValidationResult {
        var result = ValidationResult()
        let engines = zip(versions, params).map { Engine(program: CompiledRuleset($0), params: $1) }
        let dated = versions.count > 1 || versions.contains { $0.effective != nil || $0.until != nil }
        for source in sources {
            if !dated {
                let loaded = try TableLoader.load(source, for: versions[0], format: format, encoding: encoding)
                result.read += loaded.read
                result.validated += loaded.table.count
                result.rejected += loaded.rejected
                emit(merge(loaded.dataFindings, engines[0].findings(in: loaded.table)))
                continue
            }
            // Per row of the input: the version judging it, or outside / undated.
            let outside: Int8 = -1, undated: Int8 = -2
            var verdict: [Int8] = []
            var lists: [[Finding]] = []
            var firstDataFindings: [Finding] = []
            var firstLines: [Int] = []
            for (v, version) in versions.enumerated() {
                Timing.mark("start")
                let loaded = try TableLoader.load(source, for: version, format: format, encoding: encoding)
                Timing.mark("load")
                let table = loaded.table
                if v == 0 {
                    verdict = Array(repeating: outside, count: table.count)
                    result.read += loaded.read
                    result.rejected += loaded.rejected
                    firstDataFindings = loaded.dataFindings
                    firstLines = table.lines
                }
                var rows: [Int] = []
                for row in 0..<table.count {
                    guard let slot = version.dateFieldSlot, case .date(let d) = table.value(slot, row) else {
                        if verdict[row] == outside { verdict[row] = undated }
                        continue
                    }
                    if let from = version.effective, d < from { continue }
                    if let to = version.until, d > to { continue }
                    rows.append(row)
                    verdict[row] = Int8(v)
                }
                let cells = loaded.dataFindings.filter { f in
                    f.kind == .cell && row(ofLine: f.line, table.lines).map { verdict[$0] == Int8(v) } == true
                }
                Timing.mark("select rows")
                lists.append(merge(cells, engines[v].findings(in: table, rows: rows)))
                Timing.mark("evaluate")
            }
            // Records that could not be read, and cells of records no version could take.
            lists.append(firstDataFindings.filter { f in
                f.kind == .record || row(ofLine: f.line, firstLines).map { verdict[$0] == undated } == true
            })
            result.validated += verdict.filter { $0 >= 0 }.count
            result.rejected += verdict.filter { $0 == undated }.count
            result.outside += verdict.filter { $0 == outside }.count
            emit(lists.dropFirst().reduce(lists[0]) { merge($0, $1) })
            Timing.mark("order findings")
        }
        return result
    }

    /// The row whose record starts on `line` (lines are ascending).
    static func row(ofLine line: Int, _ lines: [Int]) -> Int? {
        var lo = 0, hi = lines.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if lines[mid] < line { lo = mid + 1 } else { hi = mid }
        }
        return lo < lines.count && lines[lo] == line ? lo : nil
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
            data.rejected += loaded.rejected
            data.findings += loaded.dataFindings
            let dated = ruleset.effective != nil || ruleset.until != nil
            for row in 0..<loaded.table.count {
                // As in validate: a record counts only where the ruleset is in force.
                if dated, let slot = ruleset.dateFieldSlot {
                    guard case .date(let d) = loaded.table.value(slot, row) else { data.rejected += 1; continue }
                    if let from = ruleset.effective, d < from { data.outside += 1; continue }
                    if let to = ruleset.until, d > to { data.outside += 1; continue }
                }
                data.validated += 1
                table.append(loaded.table.row(row), line: loaded.table.lines[row], bad: loaded.table.badCells[row])
            }
        }
        return (engine.measures(in: table), data)
    }
}
