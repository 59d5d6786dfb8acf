import RegelData
import RegelEval
import RegelSyntax
import RegelValues

public enum OutputFormat: String, Sendable, CaseIterable { case text, jsonl, csv }

/// Renders findings for people (text) or tools (JSON Lines, CSV).
public struct FindingWriter: Sendable {
    public var format: OutputFormat
    public var colour: Bool
    public var csv: CSVDialect

    public init(format: OutputFormat, colour: Bool = false, csv: CSVDialect = .standard) {
        self.format = format
        self.colour = colour
        self.csv = csv
    }

    package func jsonLine(_ f: Finding) -> String {
        var fields: [(String, String)] = [
            ("ruleset", JSONText.quote(f.ruleset)), ("version", JSONText.quote(f.version)), ("rule", JSONText.quote(f.rule)),
            ("severity", JSONText.quote(f.severity.rawValue)), ("record", JSONText.quote(f.record)), ("file", JSONText.quote(f.file)),
            ("line", String(f.line)), ("message", JSONText.quote(f.message)), ("source", JSONText.quote(f.source)),
            ("title", JSONText.quote(f.title)), ("kind", JSONText.quote(f.kind.rawValue))
        ]
        if let c = f.column { fields.append(("column", JSONText.quote(c))) }
        if let v = f.value { fields.append(("value", JSONText.quote(v))) }
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n"
    }

    package static let csvHeader = ["ruleset", "version", "rule", "severity", "record", "file", "line", "column", "value", "message", "source"]

    /// The start of a CSV output: the byte order mark if the dialect has one, and the header row.
    package var csvStart: String { csv.start + csv.row(FindingWriter.csvHeader) }

    /// The parts of a CSV line that are the same for every finding of a
    /// rule, encoded once per rule.
    package struct CSVPieces {
        var byRule: [ObjectIdentifier: (prefix: [UInt8], suffix: [UInt8])] = [:]
        package init() {}

        mutating func pieces(_ about: FindingRule, _ dialect: CSVDialect) -> (prefix: [UInt8], suffix: [UInt8]) {
            if let p = byRule[ObjectIdentifier(about)] { return p }
            var prefix: [UInt8] = []
            for cell in [about.ruleset, about.version, about.rule, about.severity.rawValue] {
                CSVText.appendField(cell, delimiter: dialect.delimiter, to: &prefix)
                prefix.append(dialect.delimiter)
            }
            var suffix: [UInt8] = [dialect.delimiter]
            CSVText.appendField(about.source, delimiter: dialect.delimiter, to: &suffix)
            suffix.append(contentsOf: dialect.lineEnd.utf8)
            byRule[ObjectIdentifier(about)] = (prefix, suffix)
            return (prefix, suffix)
        }
    }

    /// One finding as a CSV row. Every cell but `line` (a count we write) is
    /// text and neutralised when it looks like a formula (`CSVText.field`).
    package func appendCSV(_ f: Finding, to out: inout [UInt8], _ cache: inout CSVPieces) {
        let d = csv.delimiter
        let (prefix, suffix) = cache.pieces(f.about, csv)
        out.append(contentsOf: prefix)
        CSVText.appendField(f.record, delimiter: d, to: &out)
        out.append(d)
        CSVText.appendField(f.file, delimiter: d, to: &out)
        out.append(d)
        out.append(contentsOf: String(f.line).utf8)
        out.append(d)
        CSVText.appendField(f.column ?? "", delimiter: d, to: &out)
        out.append(d)
        CSVText.appendField(f.value ?? "", delimiter: d, to: &out)
        out.append(d)
        CSVText.appendField(f.message, delimiter: d, to: &out)
        out.append(contentsOf: suffix)
    }

    /// Grouped by rule, so a person reads
    /// one rule's records together with the rule's title and source once.
    /// `TextFindingGroups` writes the same text without holding the findings.
    package func text(_ findings: [Finding]) -> String {
        var order: [String] = []
        var groups: [String: [Finding]] = [:]
        for f in findings {
            let key = FindingWriter.groupKey(f)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(f)
        }
        var out = ""
        for key in FindingWriter.ranked(order.map { groups[$0]![0].severity }).map({ order[$0] }) {
            let fs = groups[key]!
            out += textHeader(fs[0], count: fs.count, records: Set(fs.map { "\($0.file)\u{0}\($0.line)" }).count)
            for f in fs { out += textLine(f) }
            out += "\n"
        }
        return out
    }

    /// Findings of one rule (in one version of one ruleset) form one group of the text output.
    package static func groupKey(_ f: Finding) -> String { f.rule + "\u{0}" + f.ruleset + "\u{0}" + f.version }

    /// The order of the groups, given each group's severity in the order
    /// the groups were first met: errors first, so what must be corrected
    /// is read first; then in the order the rules were first met.
    package static func ranked(_ severities: [Severity]) -> [Int] {
        severities.indices.sorted { a, b in severities[a] != severities[b] ? severities[a] < severities[b] : a < b }
    }

    /// A group's heading: severity, rule, title, count and source. Text from
    /// the rule file and the data is escaped for the terminal (`TerminalText`)
    /// before our own colour is added.
    /// `records`: how many records the `count` findings are about, when
    /// fewer (a record with two unreadable cells is one record, two findings).
    package func textHeader(_ first: Finding, count: Int, records: Int? = nil) -> String {
        let label = paint(first.severity.rawValue, first.severity == .error ? "31;1" : first.severity == .warning ? "33;1" : "36")
        let n = records ?? count
        let findings = n == count ? "" : ", \(count) findings"
        let records = "\(n) record\(n == 1 ? "" : "s")"
        var out = "\(label) \(paint(TerminalText.escape(first.rule), "1")) — \(TerminalText.escape(first.title)) (\(records)\(findings))\n"
        if !first.source.isEmpty { out += "  source: \(TerminalText.escape(first.source))\n" }
        return out
    }

    package func textLine(_ f: Finding) -> String {
        "  \(TerminalText.escape(f.record)) (\(TerminalText.escape(f.file)):\(f.line)): \(TerminalText.escape(f.message))\n"
    }

    /// Said after a group's shown lines when `--max-per-rule` left some out.
    package static func moreLine(_ hidden: Int, limit: Int) -> String {
        "  … and \(hidden) more (--max-per-rule \(limit))\n"
    }

    func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
}

/// Renders measures: an aligned table for people, a line per measure and
/// group for tools.
public struct MeasureWriter: Sendable {
    public var format: OutputFormat
    public var csv: CSVDialect
    /// Group values that are personnummer (or hold one) are shown masked.
    public var maskPersonnummer: Bool
    public init(format: OutputFormat, csv: CSVDialect = .standard, maskPersonnummer: Bool = true) {
        self.format = format
        self.csv = csv
        self.maskPersonnummer = maskPersonnummer
    }

    /// A group value as the outputs show it.
    package func group(_ v: Value) -> String { v.isMissing ? "–" : v.shown(maskingPersonnummer: maskPersonnummer) }

    public func render(_ results: [MeasureResult]) -> String {
        switch format {
        case .jsonl:
            return results.flatMap { r in
                r.rows.map { row in
                    let group = row.group.map { "\(JSONText.quote($0.name)):\(json($0.value, masking: maskPersonnummer))" }.joined(separator: ",")
                    let values = row.values.map { "\(JSONText.quote($0.name)):\(json($0.value))" }.joined(separator: ",")
                    return "{\"measure\":\(JSONText.quote(r.measure)),\"group\":{\(group)},\"values\":{\(values)}}\n"
                }
            }.joined()
        case .csv:
            // Group values are text cells (neutralised like any cell); figures
            // and numeric group values are numbers, in the dialect's decimal separator.
            var out = csv.start
            let separator = String(Unicode.Scalar(csv.delimiter))
            for r in results {
                guard let first = r.rows.first else { continue }
                out += csv.row(["measure"] + first.group.map(\.name) + first.values.map(\.name))
                for row in r.rows {
                    let groups = row.group.map { g in
                        g.value.isNumber
                            ? csv.number(g.value.description)
                            : CSVText.field(g.value.shown(maskingPersonnummer: maskPersonnummer), delimiter: Character(separator))
                    }
                    out +=
                        ([CSVText.field(r.measure, delimiter: Character(separator))] + groups + row.values.map { csv.number(number($0.value)) })
                        .joined(separator: separator) + csv.lineEnd
                }
            }
            return out
        case .text:
            var out = ""
            for r in results {
                out += "\(r.measure) — \(r.title)\n"
                if !r.source.isEmpty { out += "source: \(r.source)\n" }
                let header = (r.rows.first?.group.map(\.name) ?? []) + (r.rows.first?.values.map(\.name) ?? [])
                let rows = r.rows.map { row in row.group.map { TerminalText.escape(group($0.value)) } + row.values.map { number($0.value) } }
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

    func json(_ v: Value, masking: Bool = false) -> String {
        switch v {
        case .missing: "null"
        case .int(let n): String(n)
        case .decimal(let d): d.isFinite ? Value.format(d) : "null"
        case .bool(let b): b ? "true" : "false"
        default: JSONText.quote(v.shown(maskingPersonnummer: masking))
        }
    }
}

extension Value {
    fileprivate var isNumber: Bool {
        switch self {
        case .int: true
        case .decimal(let d): d.isFinite
        default: false
        }
    }
}
