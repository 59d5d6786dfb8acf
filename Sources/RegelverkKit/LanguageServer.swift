import RegelData
import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
import Foundation

/// A small language server for rule files: diagnostics as the file is
/// edited, hover on fields and rules, and formatting. Messages in, messages
/// out (JSON objects); `LSPCommand` frames them on standard input and output.
final class LanguageServer {
    private var documents: [String: String] = [:]
    private(set) var shutdown = false

    /// The responses and notifications to send for one incoming message.
    func handle(_ message: [String: Any]) -> [[String: Any]] {
        let method = message["method"] as? String ?? ""
        let id = message["id"]
        let params = message["params"] as? [String: Any] ?? [:]
        let document = params["textDocument"] as? [String: Any] ?? [:]
        let uri = document["uri"] as? String ?? ""
        switch method {
        case "initialize":
            return [
                reply(
                    id,
                    [
                        "capabilities": ["textDocumentSync": 1, "hoverProvider": true, "documentFormattingProvider": true],
                        "serverInfo": ["name": "regelverk"]
                    ])
            ]
        case "textDocument/didOpen":
            documents[uri] = document["text"] as? String ?? ""
            return [diagnostics(uri)]
        case "textDocument/didChange":
            if let text = (params["contentChanges"] as? [[String: Any]])?.last?["text"] as? String { documents[uri] = text }
            return [diagnostics(uri)]
        case "textDocument/didClose":
            documents[uri] = nil
            return [notification("textDocument/publishDiagnostics", ["uri": uri, "diagnostics": [Any]()])]
        case "textDocument/hover":
            return [reply(id, hover(uri, params["position"] as? [String: Any] ?? [:]) ?? NSNull())]
        case "textDocument/formatting":
            return [reply(id, formatting(uri) ?? NSNull())]
        case "shutdown":
            shutdown = true
            return [reply(id, NSNull())]
        default:
            // Requests we do not implement get an error; notifications are ignored.
            guard let id else { return [] }
            return [["jsonrpc": "2.0", "id": id, "error": ["code": -32601, "message": "regelverk does not implement \(method)"]]]
        }
    }

    private func load(_ uri: String) -> LoadedRuleset? {
        guard let text = documents[uri] else { return nil }
        return RulesetLoader.load(text: text, path: URL(string: uri)?.path ?? uri)
    }

    private func diagnostics(_ uri: String) -> [String: Any] {
        guard let loaded = load(uri) else { return notification("textDocument/publishDiagnostics", ["uri": uri, "diagnostics": [Any]()]) }
        let list: [[String: Any]] = loaded.diagnostics.map { d in
            [
                "range": range(d.span, loaded.file), "severity": d.severity == .error ? 1 : 2, "code": d.code, "source": "regelverk",
                "message": d.hint.map { "\(d.message)\nHint: \($0)" } ?? d.message
            ]
        }
        return notification("textDocument/publishDiagnostics", ["uri": uri, "diagnostics": list])
    }

    private func hover(_ uri: String, _ position: [String: Any]) -> [String: Any]? {
        guard let loaded = load(uri), let offset = offset(position, loaded.file) else { return nil }
        let (tokens, _) = Lexer.tokenize(loaded.file)
        guard let token = tokens.first(where: { $0.kind == .word && $0.span.start <= offset && offset < max($0.span.end, $0.span.start + 1) }) else {
            return nil
        }
        var text: String?
        for declaration in loaded.syntax.declarations {
            switch declaration {
            case .record(let r):
                if let f = r.fields.first(where: { $0.name.text == token.text }) {
                    text = "field `\(f.name.text)`: \(f.optional ? "optional " : "")\(loaded.file.slice(f.typeSpan))"
                }
            case .rule(let r) where r.id.text == token.text:
                text =
                    "rule `\(r.id.text)` (\(r.severity?.value.rawValue ?? "error"))" + (r.title.map { ": \($0.value)" } ?? "")
                    + (r.cites.map { "\n\ncites \"\($0.value)\"" } ?? "")
            case .cap(let c):
                if c.name.text == token.text { text = "cap `\(c.name.text)`" + (c.title.map { ": \($0.value)" } ?? "") }
                if let check = c.checks.first(where: { $0.id.text == token.text }) {
                    text = "check `\(check.id.text)` of cap `\(c.name.text)`" + (check.title.map { ": \($0.value)" } ?? "")
                }
            default: break
            }
            if text != nil { break }
        }
        guard let text else { return nil }
        return ["contents": ["kind": "markdown", "value": text], "range": range(token.span, loaded.file)]
    }

    private func formatting(_ uri: String) -> [[String: Any]]? {
        guard let loaded = load(uri), !loaded.diagnostics.contains(where: { $0.severity == .error && ($0.code.hasPrefix("P") || $0.code.hasPrefix("L")) })
        else { return nil }
        let formatted = Formatter.format(loaded.syntax, file: loaded.file)
        if formatted == loaded.file.text { return [] }
        let end = position(loaded.file.text.utf8.count, loaded.file)
        return [["range": ["start": ["line": 0, "character": 0], "end": end], "newText": formatted]]
    }

    /// LSP positions count UTF-16 units within a 0-based line.
    private func position(_ offset: Int, _ file: SourceFile) -> [String: Int] {
        let (line, _) = file.location(of: offset)
        let lineStart = file.lineStartOffset(line)
        let prefix = String(decoding: Array(file.text.utf8)[lineStart..<max(lineStart, min(offset, file.text.utf8.count))], as: UTF8.self)
        return ["line": line - 1, "character": prefix.utf16.count]
    }

    private func range(_ span: Span, _ file: SourceFile) -> [String: Any] {
        ["start": position(span.start, file), "end": position(max(span.start, span.end), file)]
    }

    private func offset(_ p: [String: Any], _ file: SourceFile) -> Int? {
        guard let line = p["line"] as? Int, let character = p["character"] as? Int, line >= 0, line < file.lineCount else { return nil }
        let text = file.lineText(line + 1)
        let utf16 = Array(text.utf16.prefix(character))
        return file.lineStartOffset(line + 1) + String(decoding: utf16, as: UTF16.self).utf8.count
    }

    private func reply(_ id: Any?, _ result: Any) -> [String: Any] { ["jsonrpc": "2.0", "id": id ?? NSNull(), "result": result] }
    private func notification(_ method: String, _ params: Any) -> [String: Any] { ["jsonrpc": "2.0", "method": method, "params": params] }
}

extension SourceFile {
    /// The byte offset at which 1-based `line` starts.
    func lineStartOffset(_ line: Int) -> Int {
        var offset = 0, current = 1
        for b in bytes {
            if current == line { return offset }
            offset += 1
            if b == 10 { current += 1 }
        }
        return offset
    }
}
