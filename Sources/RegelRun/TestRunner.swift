import RegelCheck
import RegelEval
import RegelSyntax
import RegelValues

/// Runs the tests written next to the rules: builds the test's records,
/// evaluates the ruleset on them and compares with what the test expects.
public struct TestOutcome: Sendable {
    public var ruleset: String
    public var file: String
    public var name: String
    public var line: Int
    public var failures: [String]
    public var passed: Bool { failures.isEmpty }
}

public enum TestRunner {
    public static func run(_ ruleset: CheckedRuleset) -> [TestOutcome] {
        let program = CompiledRuleset(ruleset)
        return ruleset.tests.map { run($0, ruleset, program) }
    }

    static func run(_ test: CheckedTest, _ ruleset: CheckedRuleset, _ program: CompiledRuleset) -> TestOutcome {
        var params = ruleset.params.map(\.defaultValue)
        for (i, v) in test.params { params[i] = v }
        let table = table(test, ruleset)
        let engine = Engine(program: program, params: params)
        let findings = engine.findings(in: table)
        var byRow: [Int: [Finding]] = [:]
        for f in findings { byRow[f.line - 1, default: []].append(f) }
        let measures = test.expectations.contains { if case .measure = $0 { true } else { false } } ? engine.measures(in: table) : []

        var failures: [String] = []
        let file = ruleset.file
        func at(_ span: Span) -> String { "line \(file.location(of: span.start).line)" }
        func describe(_ fs: [Finding]) -> String {
            fs.isEmpty ? "it has no findings" : "its findings: " + fs.map { "\($0.rule) (\($0.message))" }.joined(separator: "; ")
        }
        for e in test.expectations {
            switch e {
            case .breaks(let r, let rule, let span):
                let fs = byRow[r] ?? []
                if !fs.contains(where: { $0.rule == rule }) {
                    failures.append("\(at(span)): expected record \(test.records[r].name) to break \(rule), but it does not; \(describe(fs))")
                }
            case .passes(let r, let rule, let span):
                let fs = byRow[r] ?? []
                if let f = fs.first(where: { $0.rule == rule }) {
                    failures.append("\(at(span)): expected record \(test.records[r].name) to pass \(rule), but it breaks it: \(f.message)")
                }
            case .clean(let r, let span):
                let fs = byRow[r] ?? []
                if !fs.isEmpty {
                    failures.append("\(at(span)): expected record \(test.records[r].name) to have no findings, but \(describe(fs))")
                }
            case .measure(let name, let group, let values, let span):
                guard let result = measures.first(where: { $0.measure == name }) else { continue }
                let row = result.rows.first { row in
                    group.allSatisfy { key, v in row.group.contains { $0.name == key && Value.equals($0.value, v) } }
                }
                guard let row else {
                    let shown = group.map { "\($0.0) = \($0.1)" }.joined(separator: ", ")
                    failures.append(
                        "\(at(span)): expected measure \(name) to have a group \(shown), but it has none (groups: "
                            + result.rows.map { $0.group.map { "\($0.name) = \($0.value)" }.joined(separator: ", ") }.joined(separator: "; ") + ")")
                    continue
                }
                for (vname, expected) in values {
                    let actual = row.values.first { $0.name == vname }?.value ?? .missing
                    if !approximatelyEqual(actual, expected) {
                        failures.append(
                            "\(at(span)): measure \(name): expected \(vname) = \(expected.isMissing ? "missing" : expected.description), actual "
                                + "\(actual.isMissing ? "missing" : actual.description)"
                        )
                    }
                }
            }
        }
        return TestOutcome(ruleset: ruleset.name, file: file.path, name: test.name, line: file.location(of: test.span.start).line, failures: failures)
    }

    /// A test's records as a table; row r is on "line" r + 1.
    package static func table(_ test: CheckedTest, _ ruleset: CheckedRuleset) -> Table {
        let table = Table(fields: ruleset.fields, sourceName: test.name)
        for (row, record) in test.records.enumerated() {
            var bad: UInt64 = 0
            for f in ruleset.fields where !f.optional && record.values[f.slot].isMissing { bad |= 1 << UInt64(f.slot) }
            table.append(record.values, line: row + 1, bad: bad)
        }
        return table
    }

    static func approximatelyEqual(_ a: Value, _ b: Value) -> Bool {
        if a.isMissing || b.isMissing { return a.isMissing && b.isMissing }
        guard let x = a.asDouble, let y = b.asDouble else { return Value.equals(a, b) }
        return abs(x - y) <= 1e-6 * max(1, abs(y))
    }
}
