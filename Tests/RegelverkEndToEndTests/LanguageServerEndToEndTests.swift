import Foundation
import Testing

// `regelverk lsp` over standard input and output, framed as an editor frames it.

@Suite struct LanguageServerEndToEndTests {
    func frame(_ json: String) -> String { "Content-Length: \(json.utf8.count)\r\n\r\n" + json }

    @Test func answersInitializeAndPublishesDiagnosticsThenExits() throws {
        let text = #"ruleset \"x\"\nversion \"1\"\nsource \"d\"\n\nrecord r\n  id: text\nend\n\nrule r1\n  severity error\n  require nope\nend\n"#
        let input =
            frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#)
            + frame(#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///x/a.regel","text":"\#(text)"}}}"#)
            + frame(#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#) + frame(#"{"jsonrpc":"2.0","method":"exit"}"#)
        let r = try Binary.run(["lsp"], stdin: input)
        #expect(r.status == 0)
        let bodies = r.stdout.components(separatedBy: "\r\n\r\n").dropFirst().map { $0.components(separatedBy: "Content-Length:")[0] }
        #expect(bodies.count == 3)
        let messages = bodies.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(messages.count == 3)
        #expect(messages.first?["id"] as? Int == 1)
        let diagnostics = (messages.dropFirst().first?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.contains { $0["severity"] as? Int == 1 && ($0["message"] as? String ?? "").contains("nope") })
    }
}
