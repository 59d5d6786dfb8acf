import RegelBuiltins
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
    /// Records dated outside every version's validity that `asOf` gave a
    /// version (counted in `validated` too).
    public var judgedAsOf = 0
    /// Findings per severity (error, warning, info), counted as they are made,
    /// so a streamed run that keeps no findings can still report them.
    public var severityCounts = [0, 0, 0]
    /// Per rule and cap check, in declaration order: what it judged and found.
    public var checks: [CheckTally] = []
    /// Findings that are about the data rather than a rule, by kind (cell, record, column).
    public var dataFindingCounts: [Finding.Kind: Int] = [:]
    /// The optional declared columns each input lacks.
    public var absentColumns: [AbsentColumn] = []

    public func count(_ severity: Severity) -> Int { severityCounts[severity.rank] }

    /// Whether some finding is of `severity` or more severe.
    public func hasFinding(atLeast severity: Severity) -> Bool {
        Severity.allCases.contains { $0 <= severity && count($0) > 0 }
    }

    mutating func tally(_ findings: [Finding]) {
        for f in findings {
            severityCounts[f.about.severity.rank] += 1
            if f.kind == .rule {
                if let i = checkIndex[f.rule] { checks[i].findings += 1 }
            } else {
                dataFindingCounts[f.kind, default: 0] += 1
            }
        }
    }

    private var checkIndex: [String: Int] = [:]

    /// Every check of the versions, the newest version's order first.
    mutating func listChecks(_ versions: [CheckedRuleset]) {
        for v in versions.reversed() {
            for ref in v.checkOrder {
                let (id, severity) =
                    switch ref {
                    case .rule(let r): (v.rules[r].id, v.rules[r].severity)
                    case .capCheck(let c, let k): (v.caps[c].checks[k].id, v.caps[c].checks[k].severity)
                    }
                guard checkIndex[id] == nil else { continue }
                checkIndex[id] = checks.count
                checks.append(CheckTally(id: id, severity: severity))
            }
        }
    }

    /// Counts, for each check `runnable` has, the `rows` it judged: those
    /// whose cells it reads all converted. `badRows` are the rows with a cell
    /// that did not convert (the others are judged by every check).
    mutating func tallyJudged(_ runnable: CheckedRuleset, _ table: Table, rows: [Int], badRows: Set<Int>) {
        var masks: [UInt64] = []
        if !badRows.isEmpty {
            for row in rows where badRows.contains(row) { masks.append(table.badMask(row)) }
        }
        let clean = rows.count - masks.count
        for ref in runnable.checkOrder {
            let (id, fields) =
                switch ref {
                case .rule(let r): (runnable.rules[r].id, runnable.rules[r].fieldMask)
                case .capCheck(let c, let k): (runnable.caps[c].checks[k].id, runnable.caps[c].fieldMask)
                }
            guard let i = checkIndex[id] else { continue }
            checks[i].judged += clean + masks.count(where: { $0 & fields == 0 })
        }
    }

    /// The checks an input's absent columns kept from being judged on it.
    mutating func noteAbsent(_ absent: [AbsentColumn]) {
        absentColumns += absent
        for a in absent {
            for id in a.checks {
                guard let i = checkIndex[id] else { continue }
                if let j = checks[i].notJudged.firstIndex(where: { $0.file == a.file }) {
                    checks[i].notJudged[j].columns.append(a.name)
                } else {
                    checks[i].notJudged.append(CheckTally.NotJudged(file: a.file, columns: [a.name]))
                }
            }
        }
    }
}

/// What one rule or cap check did in a run.
public struct CheckTally: Sendable {
    public struct NotJudged: Sendable {
        public var file: String
        public var columns: [String]
    }
    public var id: String
    public var severity: Severity
    /// Records it was run on: in force for them, and every cell it reads converted.
    public var judged = 0
    public var findings = 0
    /// Inputs it could not be run on, with the columns they lack.
    public var notJudged: [NotJudged] = []
}

public enum Validation {
    /// Reads each input, runs the ruleset over it, and merges data findings
    /// with rule findings in line order.
    public static func run(
        _ ruleset: CheckedRuleset, params: [Value], sources: [DataSource],
        format: RecordFormat? = nil, encoding: TextEncoding = .utf8
    ) throws(InputError) -> ValidationResult {
        try run(versions: [ruleset], params: [params], sources: sources, format: format, encoding: encoding)
    }

    /// Several versions of one ruleset: each record is judged by the version
    /// in force on its date (the field the ruleset names with `date field`).
    /// Records dated outside every version are counted, not judged, unless
    /// `asOf` names a date: then the version in force on that date judges
    /// them. A record whose date cannot be read cannot be given a version and
    /// is rejected.
    public static func run(
        versions: [CheckedRuleset], params: [[Value]], sources: [DataSource],
        format: RecordFormat? = nil, encoding: TextEncoding = .utf8, asOf: Day? = nil
    ) throws(InputError) -> ValidationResult {
        var findings: [Finding] = []
        var result = try stream(versions: versions, params: params, sources: sources, format: format, encoding: encoding, asOf: asOf) { findings += $0 }
        result.findings = findings
        return result
    }

    /// Like `run`, but hands the findings to `emit` in line order as they
    /// are made and keeps none. A single ruleset that needs no other records
    /// (no `exists other`, no caps) is read a chunk at a time, so memory stays
    /// bounded whatever the size of the export.
    ///
    /// An optional column that an input lacks is reported once, as a
    /// `column` finding before that input's records; the checks that read it
    /// are not run on that input (see `ColumnReport`).
    public static func stream(
        versions: [CheckedRuleset], params: [[Value]], sources: [DataSource],
        format: RecordFormat? = nil, encoding: TextEncoding = .utf8, chunkRows: Int = 1 << 16, asOf: Day? = nil,
        emit: @escaping ([Finding]) -> Void
    ) throws(InputError) -> ValidationResult {
        var result = ValidationResult()
        result.listChecks(versions)
        let emit: ([Finding]) -> Void = { found in
            result.tally(found)
            emit(found)
        }
        if versions.count == 1, versions[0].lookups.isEmpty, versions[0].caps.isEmpty {
            let version = versions[0]
            let engine = Engine(program: CompiledRuleset(version), params: params[0])
            for source in sources {
                var reader = try TableReader(
                    source, for: version, format: format, encoding: encoding, onlyShown: ColumnUse.textOnlyShown(version))
                let columns = ColumnReport(version, source: source, header: reader.header, absentNames: reader.absentColumns)
                result.noteAbsent(columns.absent)
                emit(columns.absent.map { ColumnReport.finding($0, version) })
                let runner = columns.absent.isEmpty ? engine : Engine(program: CompiledRuleset(columns.runnable), params: params[0])
                while let chunk = reader.next(maxRows: chunkRows) {
                    let (rows, counts) = judged(chunk, version, asOf: asOf)
                    result.read += chunk.read
                    result.rejected += chunk.rejected + counts.undated
                    result.validated += counts.judged
                    result.outside += counts.outside
                    result.judgedAsOf += counts.asOf
                    let lines = chunk.table.lines
                    let data = chunk.dataFindings.filter { f in
                        f.kind == .record || row(ofLine: f.line, lines).map { rows.judged[$0] || rows.undated[$0] } == true
                    }
                    result.tallyJudged(columns.runnable, chunk.table, rows: rows.list, badRows: badRows(chunk.dataFindings, lines))
                    emit(merge(data, runner.findings(in: chunk.table, rows: rows.list)))
                }
            }
            return result
        }
        var whole = try runWhole(versions: versions, params: params, sources: sources, format: format, encoding: encoding, asOf: asOf, into: result, emit: emit)
        whole.severityCounts = result.severityCounts
        whole.dataFindingCounts = result.dataFindingCounts
        for i in whole.checks.indices { whole.checks[i].findings = result.checks[i].findings }
        return whole
    }

    /// The rows with a cell that did not convert.
    static func badRows(_ dataFindings: [Finding], _ lines: [Int]) -> Set<Int> {
        var out: Set<Int> = []
        for f in dataFindings where f.kind == .cell {
            if let r = row(ofLine: f.line, lines) { out.insert(r) }
        }
        return out
    }

    /// Whether a version is in force on a date.
    static func inForce(_ version: CheckedRuleset, on d: Day) -> Bool {
        if let from = version.effective, d < from { return false }
        if let to = version.until, d > to { return false }
        return true
    }

    /// Which rows of a table one version judges: those dated within its
    /// validity (all rows when it has none), and with `asOf` the others
    /// too; the rest are outside, or undated when their date cannot be read.
    static func judged(_ loaded: LoadedTable, _ version: CheckedRuleset, asOf: Day? = nil)
        -> (rows: (list: [Int], judged: [Bool], undated: [Bool]), counts: (judged: Int, outside: Int, undated: Int, asOf: Int))
    {
        let table = loaded.table
        let dated = version.effective != nil || version.until != nil
        var list: [Int] = [], judged = [Bool](repeating: !dated, count: table.count), undated = [Bool](repeating: false, count: table.count)
        guard dated else { return ((Array(0..<table.count), judged, undated), (table.count, 0, 0, 0)) }
        let judgesOutside = asOf.map { inForce(version, on: $0) } ?? false
        var outside = 0, byAsOf = 0
        for row in 0..<table.count {
            guard let slot = version.dateFieldSlot, case .date(let d) = table.value(slot, row) else { undated[row] = true; continue }
            if !inForce(version, on: d) {
                guard judgesOutside else { outside += 1; continue }
                byAsOf += 1
            }
            list.append(row)
            judged[row] = true
        }
        return ((list, judged, undated), (list.count, outside, table.count - list.count - outside, byAsOf))
    }

    /// Every record of each input at once: conditions across records, caps,
    /// and several versions (a record's version is known only per row).
    static func runWhole(
        versions: [CheckedRuleset], params: [[Value]], sources: [DataSource],
        format: RecordFormat?, encoding: TextEncoding, asOf: Day? = nil, into start: ValidationResult? = nil,
        emit: ([Finding]) -> Void
    ) throws(InputError) -> ValidationResult {
        var result =
            start
            ?? {
                var r = ValidationResult()
                r.listChecks(versions)
                return r
            }()
        let engines = zip(versions, params).map { Engine(program: CompiledRuleset($0), params: $1) }
        let dated = versions.count > 1 || versions.contains { $0.effective != nil || $0.until != nil }
        // The version that judges records dated outside every version.
        let asOfVersion = asOf.flatMap { d in versions.firstIndex { inForce($0, on: d) } }
        for source in sources {
            var readers: [TableReader] = []
            var reports: [ColumnReport] = []
            for (v, version) in versions.enumerated() {
                // Only the first pass over an input counts towards its progress.
                var pass = source
                if v > 0 { pass.progress = nil }
                let reader = try TableReader(pass, for: version, format: format, encoding: encoding, onlyShown: ColumnUse.textOnlyShown(version))
                readers.append(reader)
                reports.append(ColumnReport(version, source: source, header: reader.header, absentNames: reader.absentColumns))
            }
            let absent = ColumnReport.merged(reports.map(\.absent))
            result.noteAbsent(absent)
            emit(absent.map { a in ColumnReport.finding(a, versions.last { v in v.field(named: a.name) != nil } ?? versions[0]) })
            let runners = versions.indices.map { v in
                reports[v].absent.isEmpty ? engines[v] : Engine(program: CompiledRuleset(reports[v].runnable), params: params[v])
            }
            if !dated {
                let loaded = TableLoader.load(readers[0])
                result.read += loaded.read
                result.validated += loaded.table.count
                result.rejected += loaded.rejected
                result.tallyJudged(
                    reports[0].runnable, loaded.table, rows: Array(0..<loaded.table.count),
                    badRows: badRows(loaded.dataFindings, loaded.table.lines))
                emit(merge(loaded.dataFindings, runners[0].findings(in: loaded.table)))
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
                let loaded = TableLoader.load(readers[v])
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
                    if !inForce(version, on: d) {
                        guard v == asOfVersion, !versions.contains(where: { inForce($0, on: d) }) else { continue }
                        result.judgedAsOf += 1
                    }
                    rows.append(row)
                    verdict[row] = Int8(v)
                }
                let cells = loaded.dataFindings.filter { f in
                    f.kind == .cell && row(ofLine: f.line, table.lines).map { verdict[$0] == Int8(v) } == true
                }
                Timing.mark("select rows")
                result.tallyJudged(reports[v].runnable, table, rows: rows, badRows: badRows(loaded.dataFindings, table.lines))
                lists.append(merge(cells, runners[v].findings(in: table, rows: rows)))
                Timing.mark("evaluate")
            }
            // Records that could not be read, and cells of records no version could take.
            lists.append(
                firstDataFindings.filter { f in
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

    /// The measures over every input together. Records are counted where the
    /// ruleset is in force (with `asOf`, the others too); a measure that
    /// reads a column an input lacks is left out of the results, and the
    /// column is listed in `data.absentColumns`.
    public static func measures(
        _ ruleset: CheckedRuleset, params: [Value], sources: [DataSource],
        format: RecordFormat? = nil, encoding: TextEncoding = .utf8,
        asOf: Day? = nil
    ) throws(InputError) -> (results: [MeasureResult], data: ValidationResult) {
        let engine = Engine(program: CompiledRuleset(ruleset), params: params)
        // Measures count over every input together: a figure per clinic is one figure.
        let table = Table(fields: ruleset.fields, sourceName: sources.map(\.name).joined(separator: ", "))
        var data = ValidationResult()
        var notComputed: Set<String> = []
        let countsOutside = asOf.map { inForce(ruleset, on: $0) } ?? false
        for source in sources {
            let reader = try TableReader(source, for: ruleset, format: format, encoding: encoding)
            let columns = ColumnReport(ruleset, source: source, header: reader.header, absentNames: reader.absentColumns)
            data.noteAbsent(columns.absent)
            notComputed.formUnion(columns.measuresNotComputed)
            let loaded = TableLoader.load(reader)
            data.read += loaded.read
            data.rejected += loaded.rejected
            data.findings += loaded.dataFindings
            let dated = ruleset.effective != nil || ruleset.until != nil
            for row in 0..<loaded.table.count {
                // As in validate: a record counts only where the ruleset is in force.
                if dated, let slot = ruleset.dateFieldSlot {
                    guard case .date(let d) = loaded.table.value(slot, row) else { data.rejected += 1; continue }
                    if !inForce(ruleset, on: d) {
                        guard countsOutside else { data.outside += 1; continue }
                        data.judgedAsOf += 1
                    }
                }
                data.validated += 1
                table.append(loaded.table.row(row), line: loaded.table.lines[row], bad: loaded.table.badMask(row))
            }
        }
        return (engine.measures(in: table).filter { !notComputed.contains($0.measure) }, data)
    }
}
