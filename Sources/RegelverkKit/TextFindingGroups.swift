import RegelCheck
import RegelData
import RegelEval
import RegelRun

/// The text output of `validate` — findings grouped by rule, errors first —
/// built without holding the findings: each finding's line is rendered when
/// it arrives and kept with its rule's group; a group's lines beyond 64 KiB
/// go to one temporary file (`SpillFile`) and are read back in order at the
/// end. Memory is a few buffers per rule, whatever the number of findings,
/// and the text is the same as `FindingWriter.text` of all findings.
final class TextFindingGroups {
    private struct Group {
        var first: Finding
        var count = 0
        /// Records among the findings: they arrive in line order, so a
        /// record's findings of one rule (cells) come one after another.
        var records = 0
        var lastRecord: (file: String, line: Int)?
        /// Lines spilled to the file, in order.
        var pieces: [(offset: Int, count: Int)] = []
        /// Lines not yet spilled.
        var tail: [UInt8] = []
    }

    private let writer: FindingWriter
    /// `--max-per-rule`: the lines shown per group; the others are only counted.
    private let maxPerRule: Int?
    private var groups: [Group] = []
    private var index: [String: Int] = [:]
    private var spill: SpillFile?
    private var failure: OutputFileError?
    private let tailLimit: Int

    init(_ writer: FindingWriter, maxPerRule: Int?, tailLimit: Int = 1 << 16) {
        self.writer = writer
        self.maxPerRule = maxPerRule
        self.tailLimit = tailLimit
    }

    func add(_ f: Finding) {
        let key = FindingWriter.groupKey(f)
        let g: Int
        if let known = index[key] {
            g = known
        } else {
            g = groups.count
            groups.append(Group(first: f))
            index[key] = g
        }
        groups[g].count += 1
        if groups[g].lastRecord.map({ $0.file != f.file || $0.line != f.line }) ?? true {
            groups[g].records += 1
            groups[g].lastRecord = (f.file, f.line)
        }
        if let maxPerRule, groups[g].count > maxPerRule { return }
        groups[g].tail.append(contentsOf: writer.textLine(f).utf8)
        if groups[g].tail.count >= tailLimit { spillTail(g) }
    }

    private func spillTail(_ g: Int) {
        defer { groups[g].tail.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        do throws(OutputFileError) {
            let file: SpillFile
            if let spill { file = spill } else { file = try SpillFile() }
            spill = file
            let offset = try file.append(groups[g].tail)
            groups[g].pieces.append((offset, groups[g].tail.count))
        } catch {
            failure = error
        }
    }

    /// Writes the groups in order; throws if the temporary file failed.
    func write(to sink: OutputSink) throws {
        if let failure { throw InputError(failure.description) }
        for g in FindingWriter.ranked(groups.map(\.first.severity)) {
            let group = groups[g]
            sink.write(writer.textHeader(group.first, count: group.count, records: group.records))
            for piece in group.pieces {
                guard let spill else { break }
                do { sink.write(try spill.read(at: piece.offset, count: piece.count)) } catch { throw InputError(error.description) }
            }
            sink.write(group.tail)
            if let maxPerRule, group.count > maxPerRule { sink.write(FindingWriter.moreLine(group.count - maxPerRule, limit: maxPerRule)) }
            sink.write("\n")
        }
    }
}
