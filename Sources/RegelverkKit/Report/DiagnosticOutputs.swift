import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
import Foundation
import RegelData

/// `check` diagnostics for tools: a JSON document, or SARIF 2.1.0 for code
/// scanning (GitHub, VS Code's SARIF viewer).
struct DiagnosticOutputs {
    struct Item {
        var file: SourceFile
        var diagnostic: Diagnostic
        var start: (line: Int, column: Int) { file.location(of: diagnostic.span.start) }
        var end: (line: Int, column: Int) { file.location(of: max(diagnostic.span.start, diagnostic.span.end)) }
    }
    var items: [Item]
    var files: Int

    func json() -> String {
        let errors = items.filter { $0.diagnostic.severity == .error }.count
        let list = items.map { i -> String in
            let d = i.diagnostic
            var fields = [
                ("file", q(i.file.path)), ("line", String(i.start.line)), ("column", String(i.start.column)),
                ("endLine", String(i.end.line)), ("endColumn", String(i.end.column)),
                ("severity", q(d.severity.rawValue)), ("code", q(d.code)), ("message", q(d.message))
            ]
            if let h = d.hint { fields.append(("hint", q(h))) }
            return object(fields)
        }
        return object([
            ("files", String(files)), ("errors", String(errors)), ("warnings", String(items.count - errors)),
            ("diagnostics", "[" + list.joined(separator: ",") + "]")
        ]) + "\n"
    }

    func sarif() -> String {
        let codes = Array(Set(items.map(\.diagnostic.code))).sorted()
        let rules = codes.map { code in
            // Every code is explained in the project's docs/diagnostics.md.
            object([("id", q(code)), ("shortDescription", object([("text", q("Regelverk diagnostic \(code), see docs/diagnostics.md"))]))])
        }
        let results = items.map { i -> String in
            let d = i.diagnostic
            let text = d.hint.map { d.message + (d.message.hasSuffix(".") ? " " : ". ") + "Hint: \($0)" } ?? d.message
            let region = object([
                ("startLine", String(i.start.line)), ("startColumn", String(i.start.column)),
                ("endLine", String(i.end.line)), ("endColumn", String(max(i.end.column, i.start.column + (i.end.line == i.start.line ? 1 : 0))))
            ])
            let location = object([("physicalLocation", object([("artifactLocation", object([("uri", q(uri(i.file.path)))])), ("region", region)]))])
            return object([
                ("ruleId", q(d.code)), ("ruleIndex", String(codes.firstIndex(of: d.code)!)), ("level", q(d.severity == .error ? "error" : "warning")),
                ("message", object([("text", q(text))])), ("locations", "[" + location + "]")
            ])
        }
        let driver = object([("name", q("regelverk")), ("rules", "[" + rules.joined(separator: ",") + "]")])
        let run = object([("tool", object([("driver", driver)])), ("results", "[" + results.joined(separator: ",") + "]")])
        return object([("$schema", q("https://json.schemastore.org/sarif-2.1.0.json")), ("version", q("2.1.0")), ("runs", "[" + run + "]")]) + "\n"
    }

    /// A relative reference as SARIF wants it: forward slashes, percent-encoded.
    func uri(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }

    func q(_ s: String) -> String { JSONText.quote(s) }
    func object(_ fields: [(String, String)]) -> String { "{" + fields.map { "\(q($0.0)):\($0.1)" }.joined(separator: ",") + "}" }
}
