import RegelData
import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
/// The page of `report --format html`: per measure its table and a chart
/// of its share (a value between 0 and 1, such as SKR's share on time) or,
/// when it has none, of its first value, per group.
struct MeasureHTMLReport {
    var ruleset: CheckedRuleset
    var results: [MeasureResult]
    var data: ValidationResult
    var inputs: [String]
    /// Group values that are personnummer are shown as `19811218-****`.
    var mask = true

    func render() -> String {
        var body = "<header><h1>Regelverk: \(HTMLText.escape(ruleset.name)) \(HTMLText.escape(ruleset.version)) — mått</h1>"
        body += "<p>\(HTMLText.escape(ruleset.document))</p><p class=\"muted\">Data: \(HTMLText.escape(inputs.joined(separator: ", ")))</p></header><main>\n"
        body += "<section id=\"summary\"><h2>Körningen</h2><div class=\"cards\">"
        for (key, n, label) in [
            ("read", data.read, "lästa poster"), ("judged", data.validated, "räknade"), ("rejected", data.rejected, "avvisade (kunde inte läsas)"),
            ("outside", data.outside, "utanför regelverkets datum"), ("cells", data.findings.count, "cell- och postfel i data")
        ] {
            body += "<div class=\"card\" data-key=\"\(key)\"><div class=\"n\">\(n)</div><div class=\"l\">\(HTMLText.escape(label))</div></div>"
        }
        body += "</div></section>\n"
        for (i, r) in results.enumerated() { body += measure(r, index: i) }
        body += "</main>"
        return HTMLText.page(title: "Regelverk \(ruleset.name): mått", body: body)
    }

    func measure(_ r: MeasureResult, index: Int) -> String {
        var s = "<section class=\"measure\" id=\"measure-\(HTMLText.escape(r.measure))\"><h2>\(HTMLText.escape(r.measure)) — \(HTMLText.escape(r.title))</h2>"
        if !r.source.isEmpty { s += "<p class=\"cite\">Källa: \(HTMLText.escape(r.source))</p>" }
        guard let first = r.rows.first else { return s + "<p>Inga poster.</p></section>\n" }
        let writer = MeasureWriter(format: .text, maskPersonnummer: mask)
        let header = first.group.map(\.name) + first.values.map(\.name)
        let rows = r.rows.map { row in row.group.map { writer.group($0.value) } + row.values.map { writer.number($0.value) } }
        let numeric = Set(first.group.count..<header.count)
        if let (name, bars) = chartBars(r) {
            s +=
                "<div class=\"charts\">"
                + SVGChart.horizontal(
                    bars.bars, caption: "\(name) per \(first.group.map(\.name).joined(separator: ", "))",
                    id: "chart-measure-\(index)", maxValue: bars.share ? 1 : nil) + "</div>"
        }
        s += HTMLText.table(header: header, rows: rows, numericColumns: numeric)
        return s + "</section>\n"
    }

    /// The value to draw: the first share (every value within 0…1, not all
    /// whole numbers), else the first value.
    func chartBars(_ r: MeasureResult) -> (String, (bars: [SVGChart.Bar], share: Bool))? {
        guard let first = r.rows.first, !first.values.isEmpty else { return nil }
        let names = first.values.map(\.name)
        func column(_ i: Int) -> [Value] { r.rows.map { $0.values[i].value } }
        let shareIndex = names.indices.first { i in
            let vs = column(i).compactMap(\.asDouble)
            return !vs.isEmpty && vs.allSatisfy { $0 >= 0 && $0 <= 1 } && column(i).contains { if case .decimal = $0 { true } else { false } }
        }
        let i = shareIndex ?? 0
        let share = shareIndex != nil
        let writer = MeasureWriter(format: .text, maskPersonnummer: mask)
        let bars = r.rows.map { row -> SVGChart.Bar in
            let label = row.group.map { writer.group($0.value) }.joined(separator: " / ")
            let v = row.values[i].value.asDouble ?? 0
            let shown = row.values[i].value.isMissing ? "–" : share ? SVGChart.format(v * 100) + " %" : SVGChart.number(v)
            return SVGChart.Bar(label: label.isEmpty ? "alla" : label, value: v, colour: "#2f6f5e", shown: shown)
        }
        return (names[i], (bars, share))
    }
}
