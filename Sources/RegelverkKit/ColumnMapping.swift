import Foundation
import RegelCheck
import RegelData
import RegelValues

/// Export headers mapped to the contract's column names, so an export from
/// PMO, PASiS, Cosmic or Millennium is read without editing it or the
/// ruleset: `--column NAME=HEADER` (repeatable) and `--columns FILE`, a file
/// of lines `NAME = HEADER` with `#` comments. The command line wins over
/// the file for the same name.
struct ColumnMapping {
    struct Entry {
        var name: String
        var header: String
        /// Where it was given: `file:line:column` or `--column`.
        var origin: String
    }

    private(set) var entries: [Entry] = []

    /// Contract name → export header.
    var aliases: [String: String] { Dictionary(entries.map { ($0.name, $0.header) }, uniquingKeysWith: { _, last in last }) }

    init(options: [String], file: String?) throws {
        if let file { entries = try Self.read(file) }
        var given: Set<String> = []
        for option in options {
            guard let eq = option.firstIndex(of: "=") else {
                throw UsageError(
                    "--column \(option): write NAME=HEADER, the ruleset's column name and the export's header, e.g. --column 'ordinarie_personal=Ordinarie "
                        + "personal'"
                )
            }
            let name = String(option[..<eq]).trimmed()
            let header = String(option[option.index(after: eq)...]).trimmed()
            guard Self.isName(name) else { throw UsageError("--column \(option): `\(name)` is not a column name (letters, digits and _); write NAME=HEADER") }
            guard !header.isEmpty else { throw UsageError("--column \(option): the export's header after = is empty") }
            guard given.insert(name).inserted else { throw UsageError("--column \(name) is given twice; give each column once") }
            entries.removeAll { $0.name == name }
            entries.append(Entry(name: name, header: header, origin: "--column"))
        }
    }

    /// Every mapped name must be a column of the ruleset: a misspelt one
    /// would otherwise map nothing, silently.
    func check(against rulesets: [CheckedRuleset]) throws {
        let fields = Set(rulesets.flatMap { $0.fields.map(\.name) })
        for e in entries where !fields.contains(e.name) {
            let near = closest(e.name, among: fields) ?? fields.sorted().first { $0.hasPrefix(e.name) || e.name.hasPrefix($0) }
            let hint = near.map { "did you mean `\($0)`?" } ?? "the ruleset's columns are: \(fields.sorted().joined(separator: ", "))"
            let place = e.origin == "--column" ? "--column \(e.name)=\(e.header)" : e.origin
            throw InputError("\(place): the ruleset \(rulesets.first?.name ?? "") has no column `\(e.name)`; \(hint)")
        }
    }

    static func isName(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// Reads a mapping file; every mistake names file:line:column.
    static func read(_ path: String) throws -> [Entry] {
        let text: String
        do {
            let decoded = try InputDecoding.utf8(try DataSource.load(path: path))
            text = String(decoding: decoded.source.bytes, as: UTF8.self)
        } catch {
            throw InputError("--columns \(path): \(error)")
        }
        var entries: [Entry] = []
        var firstLine: [String: Int] = [:]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, raw) in lines.enumerated() {
            let number = i + 1
            var line = Substring(raw)
            if number == 1, line.first == "\u{FEFF}" { line = line.dropFirst() }
            if line.last == "\r" { line = line.dropLast() }
            let content = line.drop { $0 == " " || $0 == "\t" }
            if content.isEmpty || content.first == "#" { continue }
            func column(_ index: Substring.Index) -> Int { line.distance(from: line.startIndex, to: index) + 1 }
            func fail(_ at: Substring.Index, _ message: String) -> InputError {
                InputError("\(path):\(number):\(column(at)): \(message)")
            }
            guard let eq = content.firstIndex(of: "=") else {
                throw fail(
                    content.startIndex, "expected `NAME = HEADER` (the ruleset's column name, =, the export's header); a line starting with # is a comment")
            }
            let name = String(content[..<eq]).trimmed()
            guard isName(name) else {
                throw fail(content.startIndex, name.isEmpty ? "the column name before = is missing" : "`\(name)` is not a column name (letters, digits and _)")
            }
            var rest = content[content.index(after: eq)...]
            rest = rest.drop { $0 == " " || $0 == "\t" }
            var header = String(rest).trimmed()
            if rest.first == "\"" {
                // A quoted header keeps its spaces, and "" is one quote.
                let inner = rest.dropFirst()
                guard let close = closingQuote(inner) else { throw fail(rest.startIndex, "the quote that opens the header is never closed; end it with \"") }
                let after = inner[inner.index(after: close)...].trimmed()
                guard after.isEmpty else { throw fail(inner.index(after: close), "text after the closing quote; put the whole header inside the quotes") }
                header = String(inner[..<close]).replacingOccurrences(of: "\"\"", with: "\"")
            }
            guard !header.isEmpty else { throw fail(rest.startIndex, "the export's header after = is missing") }
            if let first = firstLine[name] {
                throw fail(content.startIndex, "`\(name)` is mapped twice (first on line \(first)); keep one line per column")
            }
            firstLine[name] = number
            entries.append(Entry(name: name, header: header, origin: "\(path):\(number):\(column(content.startIndex))"))
        }
        return entries
    }

    /// The quote that ends a quoted header (`""` inside is an escaped quote).
    private static func closingQuote(_ s: Substring) -> Substring.Index? {
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "\"" {
                let next = s.index(after: i)
                if next < s.endIndex, s[next] == "\"" { i = s.index(after: next); continue }
                return i
            }
            i = s.index(after: i)
        }
        return nil
    }
}

extension StringProtocol {
    /// Without the spaces and tabs around it.
    fileprivate func trimmed() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
