import RegelData
import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
import Foundation

/// `regelverk lsp`: the language server over standard input and output,
/// messages framed by `Content-Length` headers (JSON-RPC as LSP specifies).
enum LSPCommand {
    static let help = """
        usage: regelverk lsp

        A language server for editors (VS Code, Neovim, Helix, …) over standard input
        and output: diagnostics while a rule file is edited, hover on fields, rules and
        cap checks, and formatting (the layout of `regelverk format`). Configure the
        editor to start `regelverk lsp` for files ending in .regel.

        example (what the editor runs; messages are JSON-RPC with Content-Length headers):
          regelverk lsp

        exit status: 0 after `shutdown` and `exit`, 1 when the editor exits without `shutdown`.

        """

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, options: [], flags: ["--help"])
        if a.has("--help") { console.out(help); return 0 }
        let server = LanguageServer()
        let input = FileHandle.standardInput
        var buffer = Data()
        while true {
            guard let body = nextMessage(&buffer, input) else { return server.shutdown ? 0 : 1 }
            guard let message = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else { continue }
            if message["method"] as? String == "exit" { return server.shutdown ? 0 : 1 }
            for out in server.handle(message) {
                guard let data = try? JSONSerialization.data(withJSONObject: out) else { continue }
                FileHandle.standardOutput.write(Data("Content-Length: \(data.count)\r\n\r\n".utf8) + data)
            }
        }
    }

    /// One message body, reading more input as needed; nil at the end of input.
    static func nextMessage(_ buffer: inout Data, _ input: FileHandle) -> Data? {
        let separator = Data("\r\n\r\n".utf8)
        while true {
            if let end = buffer.range(of: separator) {
                let header = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
                let length =
                    header.split(separator: "\r\n").compactMap { line -> Int? in
                        let parts = line.split(separator: ":", maxSplits: 1)
                        return parts.count == 2 && parts[0].lowercased() == "content-length" ? Int(parts[1].trimmingCharacters(in: .whitespaces)) : nil
                    }.first ?? 0
                if buffer.count - (end.upperBound - buffer.startIndex) >= length {
                    let body = buffer[end.upperBound..<end.upperBound + length]
                    buffer = Data(buffer[(end.upperBound + length)...])
                    return Data(body)
                }
            }
            let more = input.availableData
            if more.isEmpty { return nil }
            buffer.append(more)
        }
    }
}
