import RegelData
import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
/// The page of `validate --format html`: the run's summary, findings per
/// rule with severity and citation, charts per rule, unit and month, and
/// the failing records with personnummer masked.
struct ValidationHTMLReport {
    var ruleset: CheckedRuleset
    var result: ValidationResult
    var context: FindingContext
    var inputs: [String]
    var mask = true
    /// More rows than this in the table of records would make the page unusable.
    var recordLimit = 5000

    func render() -> String {
        let findings = result.findings
        var body = "<header><h1>Regelverk: \(HTMLText.escape(ruleset.name)) \(HTMLText.escape(ruleset.version))</h1>"
        body += "<p>\(HTMLText.escape(ruleset.document))</p><p class=\"muted\">Data: \(HTMLText.escape(inputs.joined(separator: ", ")))</p></header><main>\n"
        body += summary()
        body += charts(findings)
        body += rulesSection(findings)
        body += recordsSection(findings)
        body += "</main>"
        return HTMLText.page(title: "Regelverk \(ruleset.name): \(findings.count) fynd", body: body)
    }

    func summary() -> String {
        var s = "<section id=\"summary\"><h2>Körningen</h2><div class=\"cards\">"
        let cards: [(String, Int, String)] = [
            ("read", result.read, "lästa poster"), ("judged", result.validated, "bedömda"), ("rejected", result.rejected, "avvisade (kunde inte läsas)"),
            ("outside", result.outside, "utanför regelverkets datum"),
            ("error", result.count(.error), "fynd: fel"), ("warning", result.count(.warning), "fynd: varning"),
            ("info", result.count(.info), "fynd: upplysning")
        ]
        for (key, n, label) in cards {
            s += "<div class=\"card \(key)\" data-key=\"\(key)\"><div class=\"n\">\(n)</div><div class=\"l\">\(HTMLText.escape(label))</div></div>"
        }
        return s + "</div></section>\n"
    }

    /// One row per rule with findings, errors first, then by count.
    func byRule(_ findings: [Finding]) -> [(rule: String, first: Finding, count: Int)] {
        var order: [String] = [], counts: [String: Int] = [:], first: [String: Finding] = [:]
        for f in findings {
            if counts[f.rule] == nil { order.append(f.rule); first[f.rule] = f }
            counts[f.rule, default: 0] += 1
        }
        return order.map { ($0, first[$0]!, counts[$0]!) }.sorted { a, b in
            a.first.severity != b.first.severity ? a.first.severity < b.first.severity : a.count != b.count ? a.count > b.count : a.rule < b.rule
        }
    }

    func rulesSection(_ findings: [Finding]) -> String {
        let rows = byRule(findings).map { r in
            [
                r.rule, HTMLText.severityBadge(r.first.severity), HTMLText.escape(r.first.title),
                "<span class=\"cite\">\(HTMLText.escape(section(r.first.source)))</span>", String(r.count)
            ]
        }
        var s = "<section id=\"rules\"><h2>Fynd per regel</h2>"
        if rows.isEmpty {
            s += "<p>Inga fynd: alla bedömda poster följer reglerna.</p>"
        } else {
            s += HTMLText.table(
                id: "rule-table", header: ["regel", "allvar", "titel", "avsnitt", "fynd"], rows: rows, numericColumns: [4], rawColumns: [1, 2, 3])
        }
        return s + "</section>\n"
    }

    /// The document is named in the page's header; a row names its section.
    func section(_ citation: String) -> String {
        let prefix = ruleset.document + ", "
        return !ruleset.document.isEmpty && citation.hasPrefix(prefix) ? String(citation.dropFirst(prefix.count)) : citation
    }

    func charts(_ findings: [Finding]) -> String {
        var s = "<section id=\"charts\"><h2>Översikt</h2><div class=\"charts\">"
        let rules = byRule(findings).map { SVGChart.Bar(label: $0.rule, value: Double($0.count), colour: SVGChart.colour($0.first.severity)) }
        s += SVGChart.horizontal(rules, caption: "Fynd per regel", id: "chart-rules")
        var units: [String: Int] = [:], months: [String: Int] = [:]
        for f in findings {
            let r = context.record(of: f)
            units[r?.unit ?? "(okänd)", default: 0] += 1
            months[r?.date.map { String($0.prefix(7)) } ?? "(okänt)", default: 0] += 1
        }
        let topUnits = units.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var unitBars = topUnits.prefix(15).map { SVGChart.Bar(label: $0.key, value: Double($0.value)) }
        if topUnits.count > 15 {
            unitBars.append(.init(label: "övriga \(topUnits.count - 15)", value: Double(topUnits.dropFirst(15).map(\.value).reduce(0, +)), colour: "#8a94a3"))
        }
        s += SVGChart.horizontal(unitBars, caption: "Fynd per \(context.unitField ?? "enhet")", id: "chart-units")
        let monthBars = ValidationHTMLReport.everyMonth(months).map { SVGChart.Bar(label: $0.key, value: Double($0.value), colour: "#1f6fb2") }
        s += SVGChart.columns(monthBars, caption: "Fynd per månad", id: "chart-months")
        return s + "</div></section>\n"
    }

    /// The months from the first to the last with findings, empty ones
    /// included, so the columns keep the time scale.
    static func everyMonth(_ counts: [String: Int]) -> [(key: String, value: Int)] {
        let dated = counts.keys.compactMap { k -> (Int, Int)? in
            let parts = k.split(separator: "-")
            guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
            return (y, m)
        }.sorted { $0 < $1 }
        guard let first = dated.first, let last = dated.last else { return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
        var out: [(key: String, value: Int)] = []
        var (y, m) = first
        while (y, m) <= last {
            let key = String(y) + "-" + (m < 10 ? "0" : "") + String(m)
            out.append((key, counts[key] ?? 0))
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        let undated = counts.filter { k, _ in !out.contains { $0.key == k } }
        return out + undated.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    func recordsSection(_ findings: [Finding]) -> String {
        let shown = findings.prefix(recordLimit)
        let rows = shown.map { f -> [String] in
            let r = context.record(of: f)
            let patient = r.map { $0.patient.isMissing ? "" : $0.patient.shown(maskingPersonnummer: mask) } ?? ""
            return [
                HTMLText.escape(f.record),
                "<span title=\"\(HTMLText.escape(f.file))\">"
                    + "\(HTMLText.escape("\(f.file.split(separator: "/").last.map(String.init) ?? f.file):\(f.line)"))</span>",
                HTMLText.escape(patient), HTMLText.escape(r?.unit ?? ""),
                HTMLText.escape(r?.date ?? ""), HTMLText.escape(f.rule), HTMLText.severityBadge(f.severity), HTMLText.escape(f.message)
            ]
        }
        var s = "<section id=\"records\"><h2>Poster med fynd (\(findings.count))</h2>"
        if findings.count > recordLimit { s += "<p class=\"muted\">De första \(recordLimit) visas; hela listan ger `--format csv`.</p>" }
        s +=
            "<div class=\"scroll\">"
            + HTMLText.table(
                id: "record-table", header: ["post", "fil:rad", "patient", context.unitField ?? "enhet", "datum", "regel", "allvar", "meddelande"],
                rows: rows, rawColumns: Set(0..<8))
        return s + "</div></section>\n"
    }
}
