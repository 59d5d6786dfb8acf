/// Draws a diagnostic the way a user reads it:
///
///     rulesets/x.regel:42:31: error[T0203]: cannot compare date with int
///        |
///     42 |   require datum < 18
///        |                   ^~
///        = hint: …
public struct DiagnosticRenderer: Sendable {
    public var colour: Bool
    public init(colour: Bool = false) { self.colour = colour }

    public func render(_ d: Diagnostic, in file: SourceFile) -> String {
        let (line, startColumn) = file.location(of: d.span.start)
        let label = d.severity == .error ? paint("error[\(d.code)]", "31;1") : paint("warning[\(d.code)]", "33;1")
        var out = "\(file.path):\(line):\(startColumn): \(label): \(d.message)\n"
        var text = file.lineText(line)
        let gutter = String(repeating: " ", count: String(line).count)
        let (endLine, endColumn) = file.location(of: max(d.span.start, d.span.end))
        var width = endLine == line ? max(1, endColumn - startColumn) : max(1, text.count - startColumn + 1)
        var column = startColumn
        // A very long line is shown as an excerpt around the spot.
        let limit = 120
        if text.count > limit {
            let from = max(0, column - 1 - limit / 2)
            let chars = Array(text)
            let upTo = min(chars.count, from + limit)
            text = (from > 0 ? "…" : "") + String(chars[from..<upTo]) + (upTo < chars.count ? "…" : "")
            column = column - from + (from > 0 ? 1 : 0)
            width = min(width, max(1, limit - (column - 1)))
        }
        let pad = String(text.prefix(column - 1).map { $0 == "\t" ? "\t" : " " })
        out += "\(gutter) |\n"
        out += "\(line) | \(text)\n"
        out += "\(gutter) | \(pad)\(paint("^" + String(repeating: "~", count: width - 1), "32;1"))\n"
        if let hint = d.hint { out += "\(gutter) = hint: \(hint)\n" }
        return out
    }

    private func paint(_ s: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}
