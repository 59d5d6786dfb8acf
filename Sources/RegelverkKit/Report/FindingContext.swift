import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
import RegelData

/// What a report shows about the record behind a finding besides the
/// finding itself: its unit (`enhet` or `klinik`), its month (the ruleset's
/// date field) and its patient. Found again by file and line.
struct FindingContext {
    struct Record {
        var unit: String?
        var date: String?
        var patient: Value
    }
    var unitField: String?
    var byLine: [String: Record] = [:]

    static let unitFields = ["enhet", "klinik", "mottagning", "vardenhet"]

    static func build(_ ruleset: CheckedRuleset, sources: [DataSource], format: RecordFormat?, encoding: TextEncoding) throws(InputError) -> FindingContext {
        let unit = unitFields.compactMap { ruleset.field(named: $0) }.first
        let patient = ruleset.fields.first { $0.type == .personnummer }
        var context = FindingContext(unitField: unit?.name)
        for source in sources {
            let table = try TableLoader.load(source, for: ruleset, format: format, encoding: encoding).table
            for row in 0..<table.count {
                let u = unit.map { table.value($0.slot, row) }.flatMap { $0.isMissing ? nil : $0.description }
                let d = ruleset.dateFieldSlot.map { table.value($0, row) }.flatMap { $0.isMissing ? nil : $0.description }
                context.byLine[key(source.name, table.lines[row])] = Record(unit: u, date: d, patient: patient.map { table.value($0.slot, row) } ?? .missing)
            }
        }
        return context
    }

    static func key(_ file: String, _ line: Int) -> String { file + "\u{0}" + String(line) }

    func record(of f: Finding) -> Record? { byLine[FindingContext.key(f.file, f.line)] }
}
