import RegelData
import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
import Foundation

/// `validate` findings as a pull-request comment (Markdown) and as CI test
/// results (JUnit XML: one test case per rule, failing when the rule has a
/// finding of severity error).
struct ValidationOutputs {
    var ruleset: CheckedRuleset
    var result: ValidationResult
    var context: FindingContext
    var mask = true
    var markdownRecordLimit = 200

    func markdown() -> String {
        let r = result
        var out = "### Regelverk: \(cell(ruleset.name)) \(cell(ruleset.version))\n\n"
        out +=
            "\(r.read) lästa poster, \(r.validated) bedömda, \(r.rejected) avvisade" + (r.outside > 0 ? ", \(r.outside) utanför regelverkets datum" : "")
            + ". Fynd: **\(r.count(.error)) fel**, \(r.count(.warning)) varningar, \(r.count(.info)) upplysningar.\n\n"
        let groups = ValidationHTMLReport(ruleset: ruleset, result: result, context: context, inputs: []).byRule(r.findings)
        guard !groups.isEmpty else { return out + "Inga fynd.\n" }
        out += "| regel | allvar | titel | fynd |\n|---|---|---|---:|\n"
        for g in groups { out += "| `\(cell(g.rule))` | \(g.first.severity.rawValue) | \(cell(g.first.title)) | \(g.count) |\n" }
        out += "\n<details><summary>Poster med fynd (\(r.findings.count))</summary>\n\n"
        out += "| post | fil:rad | patient | regel | meddelande |\n|---|---|---|---|---|\n"
        for f in r.findings.prefix(markdownRecordLimit) {
            let p = context.record(of: f).map { $0.patient.isMissing ? "" : $0.patient.shown(maskingPersonnummer: mask) } ?? ""
            out += "| \(cell(f.record)) | \(cell("\(f.file):\(f.line)")) | \(cell(p)) | `\(cell(f.rule))` | \(cell(f.message)) |\n"
        }
        if r.findings.count > markdownRecordLimit { out += "\n… och \(r.findings.count - markdownRecordLimit) till (hela listan: `--format csv`).\n" }
        return out + "\n</details>\n"
    }

    /// A table cell: pipes escaped, lines joined, markup characters neutralised,
    /// other control characters shown as `\u{1B}` (the comment is read in terminals too).
    func cell(_ s: String) -> String {
        TerminalText.escape(s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " "))
            .replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "`", with: "'")
    }

    func junit() -> String {
        var byRule: [String: [Finding]] = [:]
        for f in result.findings { byRule[f.rule, default: []].append(f) }
        var cases: [JUnitXML.Case] = []
        var titles: [String: String] = [:]
        for rule in ruleset.rules { titles[rule.id] = rule.title }
        for cap in ruleset.caps { for check in cap.checks { titles[check.id] = check.title } }
        let dataRules = result.findings.filter { $0.kind != .rule }.map(\.rule)
        var seen = Set<String>()
        for id in ruleset.ruleIds + dataRules where seen.insert(id).inserted {
            let fs = byRule[id] ?? []
            let lines = fs.map { "\($0.record) (\($0.file):\($0.line)): \($0.message)" }.joined(separator: "\n")
            var c = JUnitXML.Case(name: titles[id].map { "\(id): \($0)" } ?? id, classname: "\(ruleset.name).\(id)")
            if fs.contains(where: { $0.severity == .error }) {
                c.failure = ("\(fs.count) record\(fs.count == 1 ? "" : "s") break \(id)", lines)
            } else if !fs.isEmpty {
                c.output = lines
            }
            cases.append(c)
        }
        return JUnitXML(name: "regelverk validate", suites: [.init(name: "\(ruleset.name) \(ruleset.version)", cases: cases)]).render()
    }
}
