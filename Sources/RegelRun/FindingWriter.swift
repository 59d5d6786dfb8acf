import RegelData
import RegelEval
import RegelValues

public enum OutputFormat: String, Sendable, CaseIterable { case text, jsonl, csv }

/// Renders findings for people (text) or tools (JSON Lines, CSV).
public struct FindingWriter: Sendable {
    public var format: OutputFormat
    public var colour: Bool

    public init(format: OutputFormat, colour: Bool = false) {
        self.format = format
        self.colour = colour
    }

    package func jsonLine(_ f: Finding) -> String {
        var fields: [(String, String)] = [
            ("ruleset", JSONText.quote(f.ruleset)), ("version", JSONText.quote(f.version)), ("rule", JSONText.quote(f.rule)),
            ("severity", JSONText.quote(f.severity.rawValue)), ("record", JSONText.quote(f.record)), ("file", JSONText.quote(f.file)),
            ("line", String(f.line)), ("message", JSONText.quote(f.message)), ("source", JSONText.quote(f.source)),
            ("title", JSONText.quote(f.title)), ("kind", JSONText.quote(f.kind.rawValue)),
        ]
        if let c = f.column { fields.append(("column", JSONText.quote(c))) }
        if let v = f.value { fields.append(("value", JSONText.quote(v))) }
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n"
    }

    package static let csvHeader = ["ruleset", "version", "rule", "severity", "record", "file", "line", "column", "value", "message", "source"]

    /// The parts of a CSV line that are the same for every finding of a
    /// rule, encoded once per rule.
    package struct CSVPieces {
        var byRule: [ObjectIdentifier: (prefix: [UInt8], suffix: [UInt8])] = [:]
        package init() {}

        mutating func pieces(_ about: FindingRule) -> (prefix: [UInt8], suffix: [UInt8]) {
            if let p = byRule[ObjectIdentifier(about)] { return p }
            var prefix: [UInt8] = []
            for cell in [about.ruleset, about.version, about.rule, about.severity.rawValue] {
                FindingWriter.appendCSVField(cell, to: &prefix)
                prefix.append(UInt8(ascii: ","))
            }
            var suffix: [UInt8] = [UInt8(ascii: ",")]
            FindingWriter.appendCSVField(about.source, to: &suffix)
            suffix.append(10)
            byRule[ObjectIdentifier(about)] = (prefix, suffix)
            return (prefix, suffix)
        }
    }

    package func appendCSV(_ f: Finding, to out: inout [UInt8], _ cache: inout CSVPieces) {
        let (prefix, suffix) = cache.pieces(f.about)
        out.append(contentsOf: prefix)
        FindingWriter.appendCSVField(f.record, to: &out)
        out.append(UInt8(ascii: ","))
        FindingWriter.appendCSVField(f.file, to: &out)
        out.append(UInt8(ascii: ","))
        out.append(contentsOf: String(f.line).utf8)
        out.append(UInt8(ascii: ","))
        FindingWriter.appendCSVField(f.column ?? "", to: &out)
        out.append(UInt8(ascii: ","))
        FindingWriter.appendCSVField(f.value ?? "", to: &out)
        out.append(UInt8(ascii: ","))
        FindingWriter.appendCSVField(f.message, to: &out)
        out.append(contentsOf: suffix)
    }

    /// RFC 4180: quoted only when needed, inner quotes doubled.
    static func appendCSVField(_ s: String, to out: inout [UInt8]) {
        let utf8 = s.utf8
        guard utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else {
            out.append(contentsOf: utf8)
            return
        }
        out.append(34)
        for b in utf8 {
            if b == 34 { out.append(34) }
            out.append(b)
        }
        out.append(34)
    }

    /// Grouped by rule, so a person reads
    /// one rule's records together with the rule's title and source once.
    package func text(_ findings: [Finding]) -> String {
        var order: [String] = []
        var groups: [String: [Finding]] = [:]
        for f in findings {
            let key = f.rule + "\u{0}" + f.ruleset + "\u{0}" + f.version
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(f)
        }
        // Errors first, so what must be corrected is read first; then in the
        // order the rules were first met.
        let ranked = order.enumerated().sorted { a, b in
            let x = groups[a.element]![0].severity, y = groups[b.element]![0].severity
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        var out = ""
        for key in ranked {
            let fs = groups[key]!
            let first = fs[0]
            let label = paint(first.severity.rawValue, first.severity == .error ? "31;1" : first.severity == .warning ? "33;1" : "36")
            // A record with two unreadable cells is one record with two findings.
            let n = Set(fs.map { "\($0.file)\u{0}\($0.line)" }).count
            let findings = n == fs.count ? "" : ", \(fs.count) findings"
            out += "\(label) \(paint(first.rule, "1")) — \(first.title) (\(n) record\(n == 1 ? "" : "s")\(findings))\n"
            if !first.source.isEmpty { out += "  source: \(first.source)\n" }
            for f in fs {
                out += "  \(f.record) (\(f.file):\(f.line)): \(f.message)\n"
            }
            out += "\n"
        }
        return out
    }

    func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
}

/// Renders measures: an aligned table for people, a line per measure and
/// group for tools.
public struct MeasureWriter: Sendable {
    public var format: OutputFormat
    public init(format: OutputFormat) { self.format = format }

    public func render(_ results: [MeasureResult]) -> String {
        switch format {
        case .jsonl:
            return results.flatMap { r in
                r.rows.map { row in
                    let group = row.group.map { "\(JSONText.quote($0.name)):\(json($0.value))" }.joined(separator: ",")
                    let values = row.values.map { "\(JSONText.quote($0.name)):\(json($0.value))" }.joined(separator: ",")
                    return "{\"measure\":\(JSONText.quote(r.measure)),\"group\":{\(group)},\"values\":{\(values)}}\n"
                }
            }.joined()
        case .csv:
            var out = ""
            for r in results {
                guard let first = r.rows.first else { continue }
                out += (["measure"] + first.group.map(\.name) + first.values.map(\.name)).joined(separator: ",") + "\n"
                for row in r.rows {
                    out += ([r.measure] + row.group.map { $0.value.description } + row.values.map { number($0.value) })
                        .map { CSVText.field($0) }.joined(separator: ",") + "\n"
                }
            }
            return out
        case .text:
            var out = ""
            for r in results {
                out += "\(r.measure) — \(r.title)\n"
                if !r.source.isEmpty { out += "source: \(r.source)\n" }
                let header = (r.rows.first?.group.map(\.name) ?? []) + (r.rows.first?.values.map(\.name) ?? [])
                let rows = r.rows.map { row in row.group.map { $0.value.isMissing ? "–" : $0.value.description } + row.values.map { number($0.value) } }
                let groupCount = r.rows.first?.group.count ?? 0
                var widths = header.map(\.count)
                for row in rows { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
                func line(_ cells: [String]) -> String {
                    cells.enumerated().map { i, c in
                        let pad = String(repeating: " ", count: widths[i] - c.count)
                        return i < groupCount ? c + pad : pad + c
                    }.joined(separator: "  ")
                }
                if rows.isEmpty { out += "(no records)\n\n"; continue }
                out += line(header) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
                for row in rows { out += line(row) + "\n" }
                out += "\n"
            }
            return out
        }
    }

    package func number(_ v: Value) -> String {
        switch v {
        case .missing: "–"
        case .decimal(let d): String(format4: d)
        default: v.description
        }
    }

    func json(_ v: Value) -> String {
        switch v {
        case .missing: "null"
        case .int(let n): String(n)
        case .decimal(let d): d.isFinite ? Value.format(d) : "null"
        case .bool(let b): b ? "true" : "false"
        default: JSONText.quote(v.description)
        }
    }
}
