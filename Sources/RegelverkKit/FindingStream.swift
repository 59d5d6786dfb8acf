import RegelEval
import RegelRun

/// Writes findings batch by batch as a run produces them (JSON Lines and
/// CSV); text, which groups findings by rule, is written at `finish`.
final class FindingStream {
    private let writer: FindingWriter
    private let sink: OutputSink
    private var cache = FindingWriter.CSVPieces()
    private var started = false
    private var held: [Finding] = []

    init(_ writer: FindingWriter, _ sink: OutputSink) {
        self.writer = writer
        self.sink = sink
    }

    func write(_ findings: [Finding]) {
        switch writer.format {
        case .text:
            held += findings
        case .jsonl:
            for f in findings { sink.write(writer.jsonLine(f)) }
        case .csv:
            if !started { sink.write((FindingWriter.csvHeader.joined(separator: ",") + "\n").utf8) }
            for f in findings { sink.append { writer.appendCSV(f, to: &$0, &cache) } }
        }
        started = true
    }

    func finish() {
        if writer.format == .csv && !started { sink.write((FindingWriter.csvHeader.joined(separator: ",") + "\n").utf8) }
        if writer.format == .text { sink.write(writer.text(held)) }
        sink.close()
    }
}
