import RegelData
import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
/// Bar charts drawn as inline SVG: horizontal bars for categories (rules,
/// units), columns for months. Labels are escaped; long ones are cut and
/// kept whole in a tooltip.
enum SVGChart {
    struct Bar {
        var label: String
        var value: Double
        /// A CSS colour.
        var colour: String = "#2f6f5e"
        var shown: String? = nil
    }

    static func horizontal(_ bars: [Bar], caption: String, id: String, maxValue: Double? = nil) -> String {
        let rowHeight = 24, labelWidth = 230, width = 640, barWidth = Double(width - labelWidth - 70)
        let height = max(1, bars.count) * rowHeight + 8
        let top = maxValue ?? max(1, bars.map(\.value).max() ?? 1)
        var svg =
            "<svg id=\"\(id)\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
            + "xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>\(HTMLText.escape(caption))</title>"
        for (i, bar) in bars.enumerated() {
            let y = i * rowHeight + 4
            let w = top > 0 ? max(bar.value > 0 ? 2 : 0, barWidth * bar.value / top) : 0
            svg += "<g class=\"bar\"><title>\(HTMLText.escape(bar.label)): \(HTMLText.escape(bar.shown ?? number(bar.value)))</title>"
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" text-anchor=\"end\" fill=\"#1d2430\">\(HTMLText.escape(cut(bar.label, 34)))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(format(w))\" height=\"\(rowHeight - 8)\" rx=\"3\" fill=\"\(bar.colour)\"/>"
            svg +=
                "<text x=\"\(format(Double(labelWidth) + w + 6))\" y=\"\(y + 16)\" "
                + "fill=\"#5b6472\">\(HTMLText.escape(bar.shown ?? number(bar.value)))</text></g>"
        }
        return "<figure><figcaption>\(HTMLText.escape(caption))</figcaption>" + svg + "</svg></figure>\n"
    }

    static func columns(_ bars: [Bar], caption: String, id: String) -> String {
        let width = 640, height = 240, left = 40, bottom = 46, top = 14
        let plotHeight = Double(height - bottom - top)
        let maxValue = max(1, bars.map(\.value).max() ?? 1)
        let step = bars.isEmpty ? 0 : Double(width - left - 10) / Double(bars.count)
        var svg =
            "<svg id=\"\(id)\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
            + "xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>\(HTMLText.escape(caption))</title>"
        svg += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - 6)\" y2=\"\(height - bottom)\" stroke=\"#b8c0cc\"/>"
        svg += "<text x=\"\(left - 6)\" y=\"\(top + 4)\" text-anchor=\"end\" fill=\"#5b6472\">\(number(maxValue))</text>"
        svg += "<text x=\"\(left - 6)\" y=\"\(height - bottom)\" text-anchor=\"end\" fill=\"#5b6472\">0</text>"
        // Every label when they fit, otherwise every n-th.
        let every = max(1, Int((Double(bars.count) * 46 / Double(width - left)).rounded(.up)))
        for (i, bar) in bars.enumerated() {
            let h = plotHeight * bar.value / maxValue
            let x = Double(left) + Double(i) * step + step * 0.15
            svg += "<g class=\"bar\"><title>\(HTMLText.escape(bar.label)): \(HTMLText.escape(bar.shown ?? number(bar.value)))</title>"
            svg +=
                "<rect x=\"\(format(x))\" y=\"\(format(Double(height - bottom) - h))\" width=\"\(format(step * 0.7))\" height=\"\(format(h))\" rx=\"2\" "
                + "fill=\"\(bar.colour)\"/></g>"
            if i % every == 0 {
                let cx = x + step * 0.35
                svg +=
                    "<text x=\"\(format(cx))\" y=\"\(height - bottom + 14)\" text-anchor=\"end\" transform=\"rotate(-40 \(format(cx)) "
                    + "\(height - bottom + 14))\" fill=\"#5b6472\">\(HTMLText.escape(bar.label))</text>"
            }
        }
        return "<figure><figcaption>\(HTMLText.escape(caption))</figcaption>" + svg + "</svg></figure>\n"
    }

    static func cut(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }
    static func number(_ d: Double) -> String { d == d.rounded() ? String(Int(d)) : String(format4: d) }
    static func format(_ d: Double) -> String {
        let r = (d * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    static func colour(_ s: Severity) -> String {
        switch s {
        case .error: "#c62828";
        case .warning: "#d08700";
        case .info: "#1f6fb2"
        }
    }
}
