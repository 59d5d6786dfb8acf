import RegelSyntax

/// A rule file's declarations sorted by kind, in the order they were written.
struct DeclarationIndex {
    var records: [RecordDecl] = []
    var codes: [CodesDecl] = []
    var params: [ParamDecl] = []
    var defines: [DefineDecl] = []
    var notes: [NoteDecl] = []
    var rules: [RuleDecl] = []
    var caps: [CapDecl] = []
    var measures: [MeasureDecl] = []
    var samples: [RecordLiteral] = []
    var tests: [TestDecl] = []

    init(_ syntax: RulesetSyntax) {
        for d in syntax.declarations {
            switch d {
            case .record(let x): records.append(x)
            case .codes(let x): codes.append(x)
            case .param(let x): params.append(x)
            case .define(let x): defines.append(x)
            case .note(let x): notes.append(x)
            case .rule(let x): rules.append(x)
            case .cap(let x): caps.append(x)
            case .measure(let x): measures.append(x)
            case .sample(let x): samples.append(x)
            case .test(let x): tests.append(x)
            }
        }
    }

    /// Tests and samples as canonical text, sorted: equal when only their
    /// layout or order differs.
    var canonicalTests: [String] {
        (samples.map { SyntaxDump.declaration(.sample($0)) } + tests.map { SyntaxDump.declaration(.test($0)) }).sorted()
    }
}
