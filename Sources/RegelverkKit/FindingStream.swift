import RegelEval
import RegelRun

/// Writes findings batch by batch as a run produces them, each masked first
/// (`FindingMask`). JSON Lines and CSV go out at once; text, which groups
/// findings by rule, is gathered in `TextFindingGroups` and written at `finish`.
final class FindingStream {
    private let writer: FindingWriter
    private let sink: OutputSink
    private let mask: FindingMask
    private let groups: TextFindingGroups
    private var cache = FindingWriter.CSVPieces()
    private var started = false

    init(_ writer: FindingWriter, _ sink: OutputSink, mask: FindingMask, maxPerRule: Int? = nil) {
        self.writer = writer
        self.sink = sink
        self.mask = mask
        groups = TextFindingGroups(writer, maxPerRule: maxPerRule)
    }

    func write(_ findings: [Finding]) {
        switch writer.format {
        case .text:
            for f in findings { groups.add(mask.apply(f)) }
        case .jsonl:
            for f in findings { sink.write(writer.jsonLine(mask.apply(f))) }
        case .csv:
            if !started { sink.write(writer.csvStart) }
            for f in findings {
                let masked = mask.apply(f)
                sink.append { writer.appendCSV(masked, to: &$0, &cache) }
            }
        }
        started = true
    }

    func finish() throws {
        if writer.format == .csv && !started { sink.write(writer.csvStart) }
        if writer.format == .text {
            do { try groups.write(to: sink) } catch {
                sink.abandon()
                throw error
            }
        }
        try sink.close()
    }
}
