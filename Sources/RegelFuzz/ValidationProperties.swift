import RegelCheck
import RegelData
import RegelEval
import RegelRun
import RegelSyntax
import RegelValues

/// The bytes as a CSV export, validated end to end against the fixed rule
/// files of `ValidationRulesets`, as `validate` does it (encoding decided
/// first). Every record read is validated, rejected or outside the dates;
/// findings are counted by severity, name the input and a line, and render in
/// every output format; reading a chunk at a time finds what reading all at
/// once finds; the measure's report accounts for every record as well.
enum ValidationProperties {
    static let rulesets: Result<[CheckedRuleset], FuzzFailure> = {
        var checked: [CheckedRuleset] = []
        for (name, text) in [("streamed", ValidationRulesets.streamed), ("whole", ValidationRulesets.whole)] {
            let loaded = RulesetLoader.load(text: text, path: "fuzz-\(name).regel")
            guard let ruleset = loaded.checked, loaded.diagnostics.isEmpty else {
                return .failure(FuzzFailure("the fixed rule file \(name) has diagnostics: \(loaded.diagnostics.map(\.message))"))
            }
            checked.append(ruleset)
        }
        return .success(checked)
    }()

    static func check(_ bytes: [UInt8]) throws(FuzzFailure) {
        let raw = DataSource(name: "fuzz.csv", bytes: bytes)
        guard let source = try? InputDecoding.utf8(raw).source else { return }
        let lineCount = bytes.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 } + bytes.reduce(0) { $1 == UInt8(ascii: "\r") ? $0 + 1 : $0 }
        for ruleset in try rulesets.get() {
            let params = ruleset.params.map(\.defaultValue)
            let result: ValidationResult
            do {
                result = try Validation.run(ruleset, params: params, sources: [source], format: .csv)
            } catch {
                try require(!error.description.isEmpty, "an input error without a message")
                continue
            }
            try require(
                result.read == result.validated + result.rejected + result.outside,
                "\(ruleset.name): \(result.read) read, \(result.validated) validated, \(result.rejected) rejected, \(result.outside) outside")
            for severity in Severity.allCases {
                let counted = result.findings.filter { $0.severity == severity }.count
                try require(result.count(severity) == counted, "\(ruleset.name): \(result.count(severity)) \(severity) findings counted, \(counted) made")
            }
            for finding in result.findings {
                try require(
                    finding.file == source.name && finding.line >= 1 && finding.line <= lineCount,
                    "\(ruleset.name): a finding on \(finding.file):\(finding.line) of \(lineCount) lines")
                // A declared column the export lacks is told once for the file, not for a record.
                try require(
                    !finding.message.isEmpty && (!finding.record.isEmpty || finding.kind == .column),
                    "\(ruleset.name): a finding without a message or a record")
            }
            try render(result.findings)

            var streamed: [Finding] = []
            let chunked: ValidationResult
            do {
                chunked = try Validation.stream(versions: [ruleset], params: [params], sources: [source], format: .csv, chunkRows: 3) { streamed += $0 }
            } catch {
                throw FuzzFailure("\(ruleset.name): reading all at once worked, a chunk at a time failed: \(error)")
            }
            let writer = FindingWriter(format: .jsonl)
            try require(
                streamed.map(writer.jsonLine) == result.findings.map(writer.jsonLine),
                "\(ruleset.name): a chunk at a time found \(streamed.count) findings, all at once \(result.findings.count)")
            try require(
                chunked.read == result.read && chunked.validated == result.validated && chunked.rejected == result.rejected,
                "\(ruleset.name): a chunk at a time counted other records")

            if !ruleset.measures.isEmpty {
                let report: (results: [MeasureResult], data: ValidationResult)
                do {
                    report = try Validation.measures(ruleset, params: params, sources: [source], format: .csv)
                } catch {
                    throw FuzzFailure("\(ruleset.name): validate read the input, report did not: \(error)")
                }
                let data = report.data
                try require(
                    data.read == data.validated + data.rejected + data.outside && data.read == result.read,
                    "\(ruleset.name) report: \(data.read) read, \(data.validated) counted, \(data.rejected) rejected, \(data.outside) outside")
                for format in OutputFormat.allCases { _ = MeasureWriter(format: format).render(report.results) }
            }
        }
    }

    static func render(_ findings: [Finding]) throws(FuzzFailure) {
        let text = FindingWriter(format: .text).text(findings)
        try require(findings.isEmpty || !text.isEmpty, "findings render as no text")
        let csv = FindingWriter(format: .csv)
        var out: [UInt8] = []
        var pieces = FindingWriter.CSVPieces()
        for finding in findings { csv.appendCSV(finding, to: &out, &pieces) }
        let json = FindingWriter(format: .jsonl)
        for finding in findings {
            let line = json.jsonLine(finding)
            let parsed = try? JSONParser.parse(Array(line.utf8).dropLast())
            guard case .object = parsed else { throw FuzzFailure("a finding's JSON line is not a JSON object: \(line)") }
        }
    }
}
