import RegelData
import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
import Foundation

/// An explanation in plain Swedish for an administrator: the conditions as
/// written, each part with its value for this record, and what followed.
/// Personnummer in values and messages are masked unless `mask` is off, and
/// control characters from cells are made visible (`TerminalText`).
struct ExplainTextRenderer {
    var mask = true
    /// Records listed per condition across records before "… och N till".
    var listLimit = 12

    func render(_ x: Explanation) -> String {
        var out = "Post \(x.record.record) (\(x.record.file):\(x.record.line)), regelverk \(x.ruleset) version \(x.version)\n"
        out += "  " + x.fields.map { f in "\(f.name) = \(f.unreadable ? "(kunde inte läsas)" : show(f.value))" }.joined(separator: ", ") + "\n"
        if let n = x.notJudged { out += "\n  Obs: \(n).\n" }
        for f in x.dataFindings { out += "\n  Datafel (\(f.rule)): \(message(f.message))\n" }
        for r in x.rules { out += "\n" + rule(r) }
        for c in x.caps { out += "\n" + cap(c) }
        if x.rules.isEmpty && x.caps.isEmpty { out += "\n  Ingen regel eller tak gäller posten.\n" }
        if !x.notApplicable.isEmpty {
            out +=
                "\nGäller inte posten (villkoret `when` är inte uppfyllt): \(x.notApplicable.joined(separator: ", "))\n"
                + "  (`--rule NAMN` visar varför för en av dem.)\n"
        }
        return TerminalText.escape(out, keepingLineBreaks: true)
    }

    /// A message, which may quote a cell or show a personnummer.
    func message(_ m: String) -> String { mask ? PersonnummerMask.maskAll(in: m) : m }

    func rule(_ r: Explanation.RuleItem) -> String {
        var out = "Regel \(r.id) (\(severityWord(r.severity))): \(r.title)\n"
        if !r.citation.isEmpty { out += "  Källa: \(r.citation)\n" }
        if let when = r.when { out += tree(when, label: "när   ") }
        out += tree(r.require, label: "kräver")
        switch r.outcome {
        case .breaks: out += "  Utfall: villkoret i `when` gäller och kravet är inte uppfyllt, så posten bryter regeln.\n"
        case .passes:
            out +=
                "  Utfall: villkoret i `when` gäller och kravet är uppfyllt"
                + (r.require.value.isMissing ? " eller kan inte avgöras (ett värde saknas)" : "")
                + ", så posten klarar regeln.\n"
        case .notApplicable: out += "  Utfall: villkoret i `when` gäller inte posten, så regeln säger ingenting om den.\n"
        case .skipped:
            out += "  Utfall: regeln prövas inte, eftersom \(r.unreadable.map { "`\($0)`" }.joined(separator: ", ")) inte kunde läsas (se datafelet).\n"
        }
        if let m = r.message { out += "  Meddelande: \(message(m))\n" }
        return out
    }

    func cap(_ c: Explanation.CapItem) -> String {
        let t = c.trace
        var out = "Tak \(t.cap) (per \(t.group.map(\.text).joined(separator: ", ")); i ordning efter \(t.order.joined(separator: ", ")))\n"
        if let when = t.when { out += tree(when, label: "när   ") }
        out += "  Grupp: " + t.group.map { "\($0.text) = \(show($0.value))" }.joined(separator: ", ")
        if t.notAllocated == nil || !t.steps.isEmpty { out += " (\(t.steps.count) poster i gruppen)" }
        out += "\n"
        if let why = t.notAllocated { out += "  Obs: \(why).\n" }
        for (id, trace) in t.requirements { out += tree(trace, label: "krav \(id):") }
        for l in t.limits {
            out +=
                "  Gräns \(l.id): \(Self.limitText(l.text, id: l.id))\n"
            out +=
                "    \(l.count) tidigare godtagna kontakter räknas mot gränsen \(l.limit)"
                + (l.broken ? ", så gränsen är nådd och posten bryter den.\n" : ", så posten ryms.\n")
            if !l.counted.isEmpty { out += "    De som räknas: " + refs(l.counted) + "\n" }
        }
        if !t.steps.isEmpty {
            out += "  Gruppens ordning (godtagna kontakter förbrukar gränserna, avvisade inte):\n"
            let target = t.steps.firstIndex { $0.isTarget } ?? t.steps.count - 1
            let from = max(0, target - listLimit)
            if from > 0 { out += "    … \(from) tidigare poster\n" }
            for (i, s) in t.steps.enumerated() where i >= from && i <= target + 2 {
                let state = !s.capped ? "omfattas inte av taket" : s.accepted ? "godtagen" : "bryter \(s.broke.joined(separator: ", "))"
                out += "    \(i + 1). \(s.ref.record) \(s.date) (\(s.ref.file):\(s.ref.line)) \(state)\(s.isTarget ? "   ← denna post" : "")\n"
            }
            if target + 3 < t.steps.count { out += "    … \(t.steps.count - target - 3) senare poster\n" }
        }
        if c.findings.isEmpty {
            out += "  Utfall: posten bryter inget av takets krav och gränser.\n"
        }
        for f in c.findings {
            let title = c.checkTitles.first { $0.id == f.check }
            out += "  Utfall: \(f.check) (\(severityWord(f.severity)))\(title.map { ": \($0.title)" } ?? "")\n"
            if !f.citation.isEmpty { out += "    Källa: \(f.citation)\n" }
            out += "    Meddelande: \(message(f.message))\n"
        }
        return out
    }

    func tree(_ n: TraceNode, label: String) -> String {
        var lines: [(String, String, AcrossRecords?)] = []
        func walk(_ n: TraceNode, _ depth: Int) {
            lines.append((String(repeating: "  ", count: depth) + flat(n.text), show(n.value), n.across))
            for c in n.children where !c.isLiteral && flat(c.text) != flat(n.text) { walk(c, depth + 1) }
        }
        walk(n, 0)
        let width = min(60, lines.map(\.0.count).filter { $0 <= 60 }.max() ?? 0)
        var out = ""
        for (i, (text, value, across)) in lines.enumerated() {
            let prefix = i == 0 ? "  \(label) " : "  " + String(repeating: " ", count: label.count + 1)
            if text.count > width {
                // A long condition gets its value on a line of its own, under it.
                out += prefix + text + "\n" + String(repeating: " ", count: prefix.count + width + 1) + "→ " + value + "\n"
            } else {
                out += prefix + text + String(repeating: " ", count: max(1, width - text.count + 1)) + "→ " + value + "\n"
            }
            if let across {
                let pad = String(repeating: " ", count: prefix.count + 4)
                out +=
                    pad + "andra poster med samma nycklar: \(across.considered.count)" + (across.considered.isEmpty ? "" : " — " + refs(across.considered))
                    + "\n"
                out += pad + "av dem uppfyller villkoret: \(across.matched.count)" + (across.matched.isEmpty ? "" : " — " + refs(across.matched)) + "\n"
            }
        }
        return out
    }

    func refs(_ rs: [RecordRef]) -> String {
        let shown = rs.prefix(listLimit).map { "\($0.record) (\($0.file):\($0.line))" }.joined(separator: ", ")
        return rs.count > listLimit ? shown + " … och \(rs.count - listLimit) till" : shown
    }

    func flat(_ s: String) -> String { s.split(whereSeparator: { $0 == "\n" || $0 == " " }).joined(separator: " ") }

    func show(_ v: Value) -> String {
        switch v {
        case .missing: "saknas"
        case .bool(let b): b ? "ja" : "nej"
        case .text(let s): "\"\(message(s))\""
        case .list(let items): "[" + items.map(show).joined(separator: ", ") + "]"
        default: v.shown(maskingPersonnummer: mask)
        }
    }

    func severityWord(_ s: Severity) -> String {
        switch s {
        case .error: "fel";
        case .warning: "varning";
        case .info: "upplysning"
        }
    }

    /// A limit's text without its own `limit ID:` prefix.
    static func limitText(_ text: String, id: String) -> String {
        let prefix = "limit \(id):"
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) : text
    }
}
