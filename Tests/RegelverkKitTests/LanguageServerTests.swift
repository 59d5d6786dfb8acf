import Foundation
import Testing
@testable import RegelValues
@testable import RegelSyntax
@testable import RegelRun
@testable import RegelGenerate
@testable import RegelEval
@testable import RegelDiff
@testable import RegelCheck
@testable import RegelverkKit

// `regelverk lsp`: the server's answers to the messages an editor sends.

@Suite struct LanguageServerTests {
    let uri = "file:///project/mine.regel"
    let text = """
        ruleset "x"
        version "1"
        source "Dokument"

        record r
          id: text
          kontakttyp: optional text
          ok:    bool
        end

        rule r1
          title "Kontakten ska vara ok"
          severity error
          cites "Avsnitt 1"
          require okk
        end

        """

    func open(_ server: LanguageServer, _ text: String) -> [String: Any] {
        server.handle(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": ["uri": uri, "text": text]]])[0]
    }

    @Test func diagnosticsFollowTheEdits() throws {
        let server = LanguageServer()
        let initialized = server.handle(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": [:]])
        let capabilities = (initialized[0]["result"] as? [String: Any])?["capabilities"] as? [String: Any]
        #expect(capabilities?["hoverProvider"] as? Bool == true)
        let published = open(server, text)
        #expect(published["method"] as? String == "textDocument/publishDiagnostics")
        let list = try #require((published["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]])
        let error = try #require(list.first { $0["severity"] as? Int == 1 })
        #expect((error["message"] as? String ?? "").contains("okk"))
        let start = (error["range"] as? [String: Any])?["start"] as? [String: Int]
        #expect(start == ["line": 14, "character": 10])
        let fixed = server.handle([
            "jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": ["textDocument": ["uri": uri], "contentChanges": [["text": text.replacingOccurrences(of: "okk", with: "ok")]]]
        ])[0]
        let after = (fixed["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
        #expect(!after.contains { $0["severity"] as? Int == 1 })
    }

    @Test func hoverOnAFieldAndARuleAndFormatting() throws {
        let server = LanguageServer()
        _ = open(server, text.replacingOccurrences(of: "okk", with: "kontakttyp is present and ok"))
        let field = server.handle([
            "jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
            "params": ["textDocument": ["uri": uri], "position": ["line": 14, "character": 12]]
        ])[0]
        let fieldText = ((field["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String
        #expect(fieldText == "field `kontakttyp`: optional text")
        let rule = server.handle([
            "jsonrpc": "2.0", "id": 3, "method": "textDocument/hover",
            "params": ["textDocument": ["uri": uri], "position": ["line": 10, "character": 6]]
        ])[0]
        let ruleText = ((rule["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String
        #expect(ruleText?.hasPrefix("rule `r1` (error): Kontakten ska vara ok") == true)
        let edits = server.handle(["jsonrpc": "2.0", "id": 4, "method": "textDocument/formatting", "params": ["textDocument": ["uri": uri]]])[0]
        let edit = try #require((edits["result"] as? [[String: Any]])?.first)
        #expect((edit["newText"] as? String)?.contains("\n  ok: bool\n") == true)
        let unknown = server.handle(["jsonrpc": "2.0", "id": 5, "method": "textDocument/definition", "params": [:]])[0]
        #expect((unknown["error"] as? [String: Any])?["code"] as? Int == -32601)
    }
}
