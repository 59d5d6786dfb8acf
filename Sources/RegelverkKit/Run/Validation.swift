import RegelData

/// What one run of `validate` found, and how every record was accounted for.
public struct ValidationResult: Sendable {
    public var findings: [Finding] = []
    public var read = 0
    public var validated = 0
    public var rejected = 0

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}

public enum Validation {
    /// Reads each input, runs the ruleset over it, and merges data findings
    /// with rule findings in line order.
    public static func run(_ ruleset: CheckedRuleset, params: [Value], sources: [DataSource],
                           format: RecordFormat? = nil, encoding: TextEncoding = .utf8) throws(InputError) -> ValidationResult {
        let engine = Engine(program: CompiledRuleset(ruleset), params: params)
        var result = ValidationResult()
        for source in sources {
            let loaded = try TableLoader.load(source, for: ruleset, format: format, encoding: encoding)
            result.read += loaded.read
            result.validated += loaded.table.count
            result.rejected += loaded.rejected
            result.findings += merge(loaded.dataFindings, engine.findings(in: loaded.table))
        }
        return result
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
