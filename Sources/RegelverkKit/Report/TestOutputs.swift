import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
import Foundation
import RegelData

/// `test` results for CI (JUnit XML) and the coverage of the tests, for
/// people and as JSON.
enum TestOutputs {
    static func junit(_ outcomes: [(ruleset: CheckedRuleset, outcomes: [TestOutcome])]) -> String {
        let suites = outcomes.map { r in
            JUnitXML.Suite(
                name: r.ruleset.file.path,
                cases: r.outcomes.map { o in
                    JUnitXML.Case(
                        name: o.name, classname: o.ruleset, file: o.file, line: o.line,
                        failure: o.passed
                            ? nil : ("\(o.failures.count) expectation\(o.failures.count == 1 ? "" : "s") not met", o.failures.joined(separator: "\n")))
                })
        }
        return JUnitXML(name: "regelverk test", suites: suites).render()
    }

    static func coverageText(_ files: [FileCoverage]) -> String {
        var out = ""
        for f in files {
            out += "\(f.file) (\(f.ruleset)): \(percent(f.percent)) of rule outcomes and branches (\(f.covered) of \(f.total))\n"
            for r in f.rules {
                let missing = r.branches.flatMap { b -> [String] in
                    var m: [String] = []
                    let (yes, no) =
                        b.kind == "otherwise" ? ("present (the fallback was always used)", "missing (the fallback was never used)") : ("true", "false")
                    if !b.seen.0 { m.append("line \(b.line): `\(b.text)` (\(b.kind)) never \(yes)") }
                    if !b.seen.1 { m.append("line \(b.line): `\(b.text)` (\(b.kind)) never \(no)") }
                    return m
                }
                let mark = { (b: Bool) in b ? "yes" : "NO " }
                let branchCount = r.branches.count * 2
                let seen = r.branches.map { ($0.seen.0 ? 1 : 0) + ($0.seen.1 ? 1 : 0) }.reduce(0, +)
                out +=
                    "  \(r.rule.padding(toLength: max(r.rule.count, 28), withPad: " ", startingAt: 0)) breaks \(mark(r.breaks))  passes \(mark(r.passes))  "
                    + "branches \(seen)/\(branchCount)\n"
                if !r.breaks { out += "      no test record breaks it\n" }
                if !r.passes { out += "      no test record passes it (with `when` holding)\n" }
                for m in missing { out += "      \(m)\n" }
            }
        }
        let covered = files.map(\.covered).reduce(0, +), total = files.map(\.total).reduce(0, +)
        out += "coverage: \(percent(total == 0 ? 100 : Double(covered) * 100 / Double(total))) (\(covered) of \(total))\n"
        return out
    }

    static func coverageJSON(_ files: [FileCoverage]) -> String {
        func q(_ s: String) -> String { JSONText.quote(s) }
        let list = files.map { f in
            "{\"file\":\(q(f.file)),\"ruleset\":\(q(f.ruleset)),\"covered\":\(f.covered),\"total\":\(f.total),"
                + "\"percent\":\(Value.format((f.percent * 10).rounded() / 10)),\"rules\":["
                + f.rules.map { r in
                    "{\"rule\":\(q(r.rule)),\"line\":\(r.line),\"breaks\":\(r.breaks),\"passes\":\(r.passes),\"branches\":["
                        + r.branches.map { b in
                            let (a, c) = b.kind == "otherwise" ? ("present", "fallback") : ("true", "false")
                            return "{\"kind\":\(q(b.kind)),\"expr\":\(q(b.text)),\"line\":\(b.line),\"\(a)\":\(b.seen.0),\"\(c)\":\(b.seen.1)}"
                        }.joined(separator: ",") + "]}"
                }.joined(separator: ",") + "]}"
        }
        return "{\"files\":[" + list.joined(separator: ",") + "]}\n"
    }

    static func percent(_ p: Double) -> String { Value.format((p * 10).rounded() / 10) + " %" }
}
