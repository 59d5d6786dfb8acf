import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
import RegelData

/// An explanation as one JSON object, for tools; the same content as the
/// text, with values typed (booleans, numbers, null for missing).
struct ExplainJSONRenderer {
    var mask = true

    func render(_ x: Explanation) -> String {
        var o: [(String, String)] = [
            ("ruleset", q(x.ruleset)), ("version", q(x.version)), ("record", ref(x.record)),
            ("fields", "{" + x.fields.map { "\(q($0.name)):" + ($0.unreadable ? "{\"unreadable\":true}" : value($0.value)) }.joined(separator: ",") + "}")
        ]
        if let n = x.notJudged { o.append(("notJudged", q(n))) }
        o.append(("dataFindings", "[" + x.dataFindings.map { "{\"rule\":\(q($0.rule)),\"message\":\(q(message($0.message)))}" }.joined(separator: ",") + "]"))
        o.append(("rules", "[" + x.rules.map(rule).joined(separator: ",") + "]"))
        o.append(("caps", "[" + x.caps.map(cap).joined(separator: ",") + "]"))
        o.append(("notApplicable", "[" + x.notApplicable.map(q).joined(separator: ",") + "]"))
        return object(o) + "\n"
    }

    func rule(_ r: Explanation.RuleItem) -> String {
        var o: [(String, String)] = [
            ("id", q(r.id)), ("title", q(r.title)), ("severity", q(r.severity.rawValue)), ("cites", q(r.citation)),
            ("outcome", q(r.outcome.rawValue))
        ]
        if let w = r.when { o.append(("when", node(w))) }
        o.append(("require", node(r.require)))
        if let m = r.message { o.append(("message", q(message(m)))) }
        if !r.unreadable.isEmpty { o.append(("unreadable", "[" + r.unreadable.map(q).joined(separator: ",") + "]")) }
        return object(o)
    }

    func cap(_ c: Explanation.CapItem) -> String {
        let t = c.trace
        var o: [(String, String)] = [("cap", q(t.cap))]
        if let w = t.when { o.append(("when", node(w))) }
        o.append(("group", "[" + t.group.map { object([("key", q($0.text)), ("value", value($0.value))]) }.joined(separator: ",") + "]"))
        o.append(("order", "[" + t.order.map(q).joined(separator: ",") + "]"))
        if let n = t.notAllocated { o.append(("notAllocated", q(n))) }
        o.append(("requirements", "[" + t.requirements.map { object([("id", q($0.id)), ("trace", node($0.trace))]) }.joined(separator: ",") + "]"))
        o.append(
            (
                "limits",
                "["
                    + t.limits.map { l in
                        object([
                            ("id", q(l.id)), ("text", q(l.text)), ("limit", String(l.limit)), ("count", String(l.count)),
                            ("broken", l.broken ? "true" : "false"),
                            ("counted", "[" + l.counted.map(ref).joined(separator: ",") + "]")
                        ])
                    }.joined(separator: ",") + "]"
            ))
        o.append(
            (
                "steps",
                "["
                    + t.steps.map { s in
                        object([
                            ("record", ref(s.ref)), ("date", q(s.date.description)), ("capped", s.capped ? "true" : "false"),
                            ("accepted", s.accepted ? "true" : "false"), ("broke", "[" + s.broke.map(q).joined(separator: ",") + "]"),
                            ("target", s.isTarget ? "true" : "false")
                        ])
                    }.joined(separator: ",") + "]"
            ))
        o.append(
            (
                "findings",
                "["
                    + c.findings.map {
                        object([("rule", q($0.check)), ("severity", q($0.severity.rawValue)), ("cites", q($0.citation)), ("message", q(message($0.message)))])
                    }.joined(separator: ",") + "]"
            ))
        return object(o)
    }

    func node(_ n: TraceNode) -> String {
        var o: [(String, String)] = [("expr", q(n.text)), ("value", value(n.value))]
        let children = n.children.filter { !$0.isLiteral }
        if !children.isEmpty { o.append(("parts", "[" + children.map(node).joined(separator: ",") + "]")) }
        if let a = n.across {
            o.append(("considered", "[" + a.considered.map(ref).joined(separator: ",") + "]"))
            o.append(("matched", "[" + a.matched.map(ref).joined(separator: ",") + "]"))
        }
        return object(o)
    }

    func ref(_ r: RecordRef) -> String { object([("id", q(r.record)), ("file", q(r.file)), ("line", String(r.line))]) }

    func value(_ v: Value) -> String {
        switch v {
        case .missing: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let n): String(n)
        case .decimal(let d): d.isFinite ? Value.format(d) : "null"
        case .list(let items): "[" + items.map(value).joined(separator: ",") + "]"
        default: q(v.shown(maskingPersonnummer: mask))
        }
    }

    func q(_ s: String) -> String { JSONText.quote(s) }
    /// A message, which may quote a cell or show a personnummer.
    func message(_ m: String) -> String { mask ? PersonnummerMask.maskAll(in: m) : m }
    func object(_ fields: [(String, String)]) -> String { "{" + fields.map { "\(q($0.0)):\($0.1)" }.joined(separator: ",") + "}" }
}
