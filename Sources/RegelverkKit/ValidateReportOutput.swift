import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
import RegelData

/// The whole-run outputs of `validate` (an HTML page, Markdown, JUnit XML):
/// unlike the line formats they need every finding before they can start.
enum ValidateReportOutput {
    static let formats = ["html", "markdown", "junit"]

    static func run(
        _ options: DataOptions, versions: [CheckedRuleset], params: [[Value]], mask: Bool,
        asOf: Day? = nil, failOn: Severity = .error, _ console: Console
    ) throws -> Int32 {
        let sources = try options.sources()
        let progress = ProgressLine.start(for: sources, console)
        var result: ValidationResult
        do {
            result = try Validation.run(
                versions: versions, params: params, sources: progress?.counting(sources) ?? sources,
                format: options.inputFormat, encoding: options.encoding, asOf: asOf)
        } catch {
            progress?.stop()
            throw error
        }
        progress?.stop()
        for a in result.absentColumns { console.err(ValidateCommand.columnNotice(a.file, a.severity, a.message)) }
        result.findings = FindingMask(versions, enabled: mask).apply(result.findings)
        let context = try FindingContext.build(versions[0], sources: sources, format: options.inputFormat, encoding: options.encoding)
        let text: String
        switch options.formatName {
        case "html":
            text = ValidationHTMLReport(ruleset: versions[0], result: result, context: context, inputs: sources.map(\.name), mask: mask).render()
        case "markdown":
            text = ValidationOutputs(ruleset: versions[0], result: result, context: context, mask: mask).markdown()
        default:
            text = ValidationOutputs(ruleset: versions[0], result: result, context: context, mask: mask).junit()
        }
        try options.emit(text, console)
        return ValidateCommand.finish(result, versions, asOf: asOf, failOn: failOn, console)
    }
}
