import RegelBuiltins
import RegelSyntax
import RegelValues
import RegelData
import RegelCheck

/// The records of one input converted to a ruleset's schema, with a finding
/// for every cell that did not convert and every record that could not be
/// read. read = loaded + rejected.
public struct LoadedTable: Sendable {
    public var table: Table
    /// Cell and record findings, in line order.
    public var dataFindings: [Finding]
    public var rejected: Int
    public var read: Int { table.count + rejected }
}

public enum TableLoader {
    /// All records of the input at once. A large CSV input is read in two
    /// parts on two cores; if a stray quote makes the cut between them
    /// doubtful, it is read again in one piece, so the result is always that
    /// of a sequential read.
    public static func load(
        _ source: DataSource, for ruleset: CheckedRuleset, format: RecordFormat? = nil,
        encoding: TextEncoding = .utf8
    ) throws(InputError) -> LoadedTable {
        load(try TableReader(source, for: ruleset, format: format, encoding: encoding))
    }

    /// All records of a reader that has read only the header so far.
    public static func load(_ reader: TableReader) -> LoadedTable {
        var reader = reader
        let (source, ruleset) = (reader.source, reader.ruleset)
        let parts = reader.parts(2)
        if parts.count > 1 {
            let loaded = Parallel.map(parts.count) { i -> (LoadedTable?, Bool) in
                var part = parts[i]
                let table = part.next(maxRows: Int.max)
                return (table, part.endedCleanly)
            }
            if loaded.allSatisfy({ $0.1 && $0.0 != nil }) {
                var whole = loaded[0].0!
                for (other, _) in loaded.dropFirst() {
                    whole.table.append(contentsOf: other!.table)
                    whole.dataFindings += other!.dataFindings
                    whole.rejected += other!.rejected
                }
                return whole
            }
        }
        return reader.next(maxRows: Int.max)
            ?? LoadedTable(table: Table(fields: ruleset.fields, sourceName: source.name), dataFindings: [], rejected: 0)
    }
}

/// Reads an input into tables of at most a given number of records, so a
/// ruleset that needs no other records can stream through any size of
/// export in bounded memory.
/// `@unchecked`: a reader (and each part) is used by one thread at a time.
public struct TableReader: @unchecked Sendable {
    private var reader: RecordReader
    private var decoder: RowDecoder
    let ruleset: CheckedRuleset
    let source: DataSource
    private var sawUnterminatedQuote = false
    /// The export's column names (CSV: the header row; JSON Lines: every key).
    public var header: [String] { reader.header }
    /// Optional declared columns the export lacks (a required one stops `init`).
    public var absentColumns: [String] { reader.missingColumns }

    /// Text columns no expression reads, kept without interning (`Column.ownText`).
    let onlyShown: Set<Int>

    public init(
        _ source: DataSource, for ruleset: CheckedRuleset, format: RecordFormat? = nil,
        encoding: TextEncoding = .utf8, onlyShown: Set<Int> = []
    ) throws(InputError) {
        self.onlyShown = onlyShown
        let names = ruleset.fields.map(\.name)
        do {
            reader = try RecordReader(source: source, format: format, encoding: encoding, select: names)
        } catch {
            throw InputError("\(source.name):\(error.line): \(error.message)")
        }
        let missingRequired = reader.missingColumns.filter { name in ruleset.field(named: name).map { !$0.optional } ?? false }
        if !missingRequired.isEmpty {
            throw InputError(TableReader.missingRequiredMessage(missingRequired, source: source, ruleset: ruleset, header: reader.header))
        }
        decoder = RowDecoder(fields: ruleset.fields, table: Table(fields: ruleset.fields, sourceName: source.name, capacity: 64, onlyShown: onlyShown))
        self.ruleset = ruleset
        self.source = source
    }

    /// Readers for consecutive parts of the input (see `RecordReader.parts`).
    func parts(_ n: Int) -> [TableReader] {
        reader.parts(n).map { part in
            var r = self
            r.reader = part
            r.decoder = RowDecoder(fields: ruleset.fields, table: Table(fields: ruleset.fields, sourceName: source.name, capacity: 64, onlyShown: onlyShown))
            return r
        }
    }

    /// A part was read exactly to its end, with no record running into an
    /// unterminated quote (which a cut inside a record would cause).
    var endedCleanly: Bool { reader.endedCleanly && !sawUnterminatedQuote }

    /// The next records (at most `maxRows` read), or nil at the end. The
    /// input's pages before them are handed back to the system.
    private static let releaseStep = 1 << 22

    public mutating func next(maxRows: Int) -> LoadedTable? {
        let estimate = maxRows == Int.max ? source.bytes.count / 100 : maxRows
        let table = Table(fields: ruleset.fields, sourceName: source.name, capacity: max(1024, estimate), onlyShown: onlyShown)
        var findings: [Finding] = []
        var rejected = 0
        let fields = ruleset.fields
        let idSlot = ruleset.idSlot
        var count = 0
        // Whole-input reads hand back the pages they have decoded as they go
        // (the cells live in the table now), so the mapped file and the
        // table are not both in memory at the end.
        var releasedFrom = reader.consumedBytes
        while count < maxRows {
            if maxRows == Int.max, count & 4095 == 0, reader.consumedBytes - releasedFrom >= TableReader.releaseStep {
                source.storage.release(releasedFrom..<reader.consumedBytes)
                releasedFrom = reader.consumedBytes
            }
            decoder.start(table)
            guard let head = reader.next(into: &decoder) else { break }
            count += 1
            let row = decoder.row
            let failures = decoder.failures
            func recordName() -> String {
                if let idSlot, table.columns[idSlot].isValid(row) { return table.value(idSlot, row).description }
                if let idSlot, let f = failures.first(where: { $0.slot == idSlot }), !f.text.isEmpty { return f.text }
                return "line \(head.line)"
            }
            if let problem = head.problem {
                if problem.kind == .unterminatedQuote { sawUnterminatedQuote = true }
                rejected += 1
                findings.append(
                    Finding(
                        kind: .record, ruleset: ruleset.name, version: ruleset.version, rule: "record",
                        severity: .error, title: "The record could not be read", message: problem.message + "; the record was not checked",
                        source: "", file: source.name, line: head.line, record: recordName(), column: nil, value: nil))
                continue
            }
            for failure in failures {
                var message = "column `\(fields[failure.slot].name)`: \"\(failure.text)\" — \(failure.problem.expected)"
                if let hint = failure.problem.hint { message += " (\(hint))" }
                findings.append(TableLoader.cellFinding(ruleset, source.name, head.line, recordName(), fields[failure.slot].name, failure.text, message))
            }
            for field in fields where !field.optional {
                let column = table.columns[field.slot]
                guard !column.isValid(row), !column.isBad(row) else { continue }
                column.markBad(row)
                findings.append(
                    TableLoader.cellFinding(
                        ruleset, source.name, head.line, recordName(), field.name, "",
                        "column `\(field.name)` is empty, but the ruleset requires a value (\(field.type))"))
            }
            table.commitRow(line: head.line)
        }
        if maxRows != Int.max {
            source.storage.release(upTo: reader.consumedBytes)
        } else {
            source.storage.release(releasedFrom..<reader.consumedBytes)
        }
        if count == 0 && maxRows != Int.max { return nil }
        return LoadedTable(table: table, dataFindings: findings, rejected: rejected)
    }
}

extension TableReader {
    /// One message for every required column the export lacks, with the
    /// header that is probably meant and the option that maps it.
    static func missingRequiredMessage(_ missing: [String], source: DataSource, ruleset: CheckedRuleset, header: [String]) -> String {
        let list = missing.map { "`\($0)`" }.joined(separator: ", ")
        let declared = Set(ruleset.fields.map(\.name)).union(source.columnAliases.values)
        let unused = header.filter { !declared.contains($0) }
        var near: [String] = []
        for name in missing {
            if let mapped = source.columnAliases[name] {
                near.append("`\(name)` is mapped to `\(mapped)`, which the export does not have")
            }
            if let header = HeaderSuggestion.nearMisses(for: source.columnAliases[name] ?? name, among: unused).first {
                near.append("did you mean `\(header)` for `\(name)`? map it with \(ColumnOption.spelled(name, header))")
            }
        }
        return "\(source.name): the data has no column \(list), which the ruleset \(ruleset.name) requires"
            + (near.isEmpty ? "" : " (" + near.joined(separator: "; ") + ")")
            + ". Columns found: \(header.joined(separator: ", ")). Rename the export's columns as in the ruleset's `record` block, "
            + "or map them with --column NAME=HEADER."
    }
}

extension TableLoader {
    static func cellFinding(
        _ ruleset: CheckedRuleset, _ file: String, _ line: Int, _ record: String, _ column: String,
        _ value: String, _ message: String
    ) -> Finding {
        Finding(
            kind: .cell, ruleset: ruleset.name, version: ruleset.version, rule: "cell", severity: .error,
            title: "A cell could not be read", message: message + "; rules that need it were skipped for this record",
            source: "", file: file, line: line, record: record, column: column, value: value)
    }
}

extension Cell {
    var displayText: String {
        switch self {
        case .missing: ""
        case .text(let s): s
        case .list(let items): items.joined(separator: "|")
        }
    }
}
