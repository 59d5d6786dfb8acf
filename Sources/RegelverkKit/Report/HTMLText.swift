import RegelData
import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
/// Text for HTML pages: every value from data or rule files goes through
/// `escape`, and a page is one self-contained file (inline CSS, no scripts).
enum HTMLText {
    static func escape(_ s: String) -> String { MarkupEscaping.escape(s, for: .html) }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="sv">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>\(css)</style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    static func table(id: String? = nil, header: [String], rows: [[String]], numericColumns: Set<Int> = [], rawColumns: Set<Int> = []) -> String {
        var out = "<table\(id.map { " id=\"\(escape($0))\"" } ?? "")><thead><tr>"
        for (i, h) in header.enumerated() { out += "<th\(numericColumns.contains(i) ? " class=\"num\"" : "")>\(escape(h))</th>" }
        out += "</tr></thead><tbody>\n"
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                out += "<td\(numericColumns.contains(i) ? " class=\"num\"" : "")>\(rawColumns.contains(i) ? cell : escape(cell))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    static func severityBadge(_ s: Severity) -> String {
        let word =
            switch s {
            case .error: "fel";
            case .warning: "varning";
            case .info: "upplysning"
            }
        return "<span class=\"sev sev-\(s.rawValue)\" title=\"\(s.rawValue)\">\(word)</span>"
    }

    static let css = """
        :root{--fg:#1d2430;--muted:#5b6472;--line:#dde2ea;--bg:#f6f7f9;--error:#c62828;--warning:#d08700;--info:#1f6fb2;--accent:#2f6f5e}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
        header{background:#fff;border-bottom:1px solid var(--line);padding:20px 32px}
        header h1{margin:0 0 4px;font-size:24px}
        header p{margin:0;color:var(--muted)}
        main{padding:20px 32px;max-width:1400px}
        section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:0 0 20px}
        section h2{margin:0 0 12px;font-size:18px}
        .cards{display:flex;flex-wrap:wrap;gap:12px}
        .card{flex:1 1 130px;border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:#fbfcfd}
        .card .n{font-size:26px;font-weight:600}
        .card .l{color:var(--muted);font-size:13px}
        .card.error .n{color:var(--error)} .card.warning .n{color:var(--warning)} .card.info .n{color:var(--info)}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:20px}
        .charts figure{margin:0} figcaption{font-weight:600;margin:0 0 6px}
        svg{max-width:100%;height:auto;font:12px system-ui,sans-serif}
        table{border-collapse:collapse;width:100%;font-size:14px}
        th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
        th{background:#f0f3f6;font-weight:600}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        .sev{display:inline-block;padding:0 7px;border-radius:10px;color:#fff;font-size:12px;font-weight:600}
        .sev-error{background:var(--error)} .sev-warning{background:var(--warning)} .sev-info{background:var(--info)}
        .muted{color:var(--muted)} .cite{color:var(--muted);font-size:13px}
        .scroll{max-height:640px;overflow:auto}
        #record-table td:nth-child(1),#record-table td:nth-child(3),#record-table td:nth-child(5){white-space:nowrap}
        #record-table td:nth-child(2){white-space:nowrap;color:var(--muted);font-size:13px}
        #record-table td:last-child{min-width:380px}
        """
}
