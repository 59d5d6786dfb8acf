import Foundation

/// The differential check: the (record id, rule id) pairs of Regelverk's CSV
/// findings, restricted to the yardstick's rule ids, against the yardstick's
/// `record_id,rule_id` lines.
enum Findings {
    /// Pairs `record,rule` from `regelverk validate --format csv` output.
    static func fromRegelverkCSV(_ path: String, rules: Set<String>) -> (pairs: Set<String>, other: [String: Int])? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var pairs = Set<String>()
        var other: [String: Int] = [:]
        var ruleColumn = -1, recordColumn = -1
        var header = true
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            let n = bytes.count
            var fields: [String] = []
            var field: [UInt8] = []
            func endRow() {
                if header {
                    ruleColumn = fields.firstIndex(of: "rule") ?? -1
                    recordColumn = fields.firstIndex(of: "record") ?? -1
                    header = false
                } else if ruleColumn >= 0, recordColumn >= 0, fields.count > max(ruleColumn, recordColumn) {
                    let rule = fields[ruleColumn]
                    if rules.contains(rule) { pairs.insert(fields[recordColumn] + "," + rule) } else { other[rule, default: 0] += 1 }
                }
                fields.removeAll(keepingCapacity: true)
            }
            // RFC 4180: only the first columns are needed, but messages may hold
            // commas, quotes and line breaks, so every field is scanned.
            while i < n {
                if bytes[i] == 0x22 {
                    i += 1
                    while i < n {
                        if bytes[i] == 0x22 {
                            if i + 1 < n && bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                            i += 1
                            break
                        }
                        field.append(bytes[i]); i += 1
                    }
                } else {
                    while i < n && bytes[i] != 0x2C && bytes[i] != 0x0A && bytes[i] != 0x0D { field.append(bytes[i]); i += 1 }
                }
                // Only the two needed columns are kept as text.
                let k = fields.count
                fields.append(header || k == ruleColumn || k == recordColumn ? String(decoding: field, as: UTF8.self) : "")
                field.removeAll(keepingCapacity: true)
                if i >= n { endRow(); break }
                let c = bytes[i]
                i += 1
                if c == 0x2C { continue }
                if c == 0x0D && i < n && bytes[i] == 0x0A { i += 1 }
                endRow()
            }
        }
        return (pairs, other)
    }

    /// `record_id,rule_id` lines (the yardsticks' output).
    static func fromLines(_ path: String) -> Set<String>? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var out = Set<String>()
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) where !line.isEmpty {
            out.insert(String(line))
        }
        return out
    }

    /// "OK (n findings)" or the first differences.
    static func compare(_ regelverk: Set<String>, _ yardstick: Set<String>, yardstickName: String) -> (ok: Bool, text: String) {
        if regelverk == yardstick { return (true, "OK (\(regelverk.count) findings equal)") }
        let onlyR = regelverk.subtracting(yardstick).sorted()
        let onlyY = yardstick.subtracting(regelverk).sorted()
        var s = "MISMATCH: \(regelverk.count) from Regelverk, \(yardstick.count) from \(yardstickName); "
        s += "\(onlyR.count) only in Regelverk, \(onlyY.count) only in \(yardstickName)"
        if !onlyR.isEmpty { s += "\n      only in Regelverk: " + onlyR.prefix(8).joined(separator: "  ") }
        if !onlyY.isEmpty { s += "\n      only in \(yardstickName): " + onlyY.prefix(8).joined(separator: "  ") }
        return (false, s)
    }
}
