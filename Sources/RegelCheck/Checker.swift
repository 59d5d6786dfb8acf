import RegelBuiltins
import RegelSyntax
import RegelValues

/// Resolves every name in a parsed rule file, checks types against the record
/// schema before any data is read, and produces a `CheckedRuleset`. Reports
/// every problem it finds and goes on.
public struct Checker {
    var diagnostics: DiagnosticBag
    let syntax: RulesetSyntax
    var document = ""
    var fields: [String: FieldInfo] = [:]
    var fieldList: [FieldInfo] = []
    var codeSets: [String: CodesDecl] = [:]
    var params: [String: Int] = [:]
    var paramList: [CheckedParam] = []
    var paramDecls: [ParamDecl] = []
    var defineDecls: [String: DefineDecl] = [:]
    var defineIndex: [String: Int] = [:]
    var defineList: [CheckedDefine] = []
    var defineMasks: [UInt64] = []
    /// The definitions being checked, outermost first: a name met again is a cycle.
    var definesInProgress: [String] = []
    /// Definitions that did not check: already reported, so a use of one
    /// gives no second diagnostic.
    var failedDefines: Set<String> = []
    var used: Set<String> = []
    var lookups: [LookupPlan] = []
    var usedIds: [String: Span] = [:]

    public static func check(_ syntax: RulesetSyntax, file: SourceFile) -> (CheckedRuleset?, [Diagnostic]) {
        var checker = Checker(diagnostics: DiagnosticBag(file: file), syntax: syntax)
        let result = checker.run(file: file)
        return (checker.diagnostics.hasErrors ? nil : result, checker.diagnostics.items)
    }

    mutating func run(file: SourceFile) -> CheckedRuleset {
        let header = syntax.header
        document = header?.source?.value ?? ""
        if let header, header.source == nil {
            diagnostics.report(.noSource(), at: header.name.span)
        }
        var effective: Day?, until: Day?
        if let e = header?.effective {
            effective = Day.parse(e.value)
            if effective == nil { diagnostics.report(.notARealDateInHeader(e.value), at: e.span) }
        }
        if let u = header?.until {
            until = Day.parse(u.value)
            if until == nil { diagnostics.report(.notARealDateInHeader(u.value), at: u.span) }
        }
        if let e = effective, let u = until, u < e, let span = header?.until?.span {
            diagnostics.report(.untilBeforeEffective(until: u, effective: e), at: span)
        }
        if let header, header.dateField == nil, let dated = header.effective ?? header.until {
            diagnostics.report(.effectiveWithoutDateField(effective: header.effective != nil), at: dated.span)
        }

        declareRecord()
        declareNamesAndParams()

        var rules: [CheckedRule] = []
        var caps: [CheckedCap] = []
        var measures: [CheckedMeasure] = []
        var notes: [NoteDecl] = []
        var order: [CheckedRuleset.CheckRef] = []
        var sample: RecordLiteral?
        var testDecls: [TestDecl] = []
        for declaration in syntax.declarations {
            switch declaration {
            case .rule(let r):
                if let checked = checkRule(r) {
                    order.append(.rule(rules.count))
                    rules.append(checked)
                }
            case .cap(let c):
                if let checked = checkCap(c) {
                    for k in checked.checks.indices { order.append(.capCheck(cap: caps.count, check: k)) }
                    caps.append(checked)
                }
            case .measure(let m):
                if let checked = checkMeasure(m, existing: measures) { measures.append(checked) }
            case .note(let n): notes.append(n)
            case .sample(let s):
                if sample != nil { diagnostics.report(.twoSamples(), at: s.span) }
                sample = s
            case .test(let t): testDecls.append(t)
            case .record, .codes, .param, .define: break
            }
        }
        for d in syntax.declarations {
            if case .define(let def) = d, defineIndex[def.name.text] == nil {
                _ = resolveDefine(def.name.text)
            }
        }
        warnUnused()
        // Only a file without other errors is measured: its cost is known once every name resolves.
        if !diagnostics.hasErrors { checkCost(rules: rules, caps: caps, measures: measures) }

        let dateSlot: Int? = header?.dateField.flatMap { name in
            guard let f = fields[name.text] else {
                diagnostics.report(.dateFieldNamesNoField(name.text, near: closest(name.text, among: fields.keys)), at: name.span)
                return nil
            }
            if f.type != .date || f.optional {
                diagnostics.report(.dateFieldNotRequiredDate(f.name, type: f.type, optional: f.optional), at: name.span)
            }
            return f.slot
        }
        var ruleset = CheckedRuleset(
            file: file, syntax: syntax, name: header?.name.value ?? "", version: header?.version?.value ?? "",
            document: document, effective: effective, until: until, dateFieldSlot: dateSlot,
            recordName: recordName, fields: fieldList, params: paramList, defines: defineList, rules: rules, caps: caps,
            measures: measures, tests: [], notes: notes, lookups: lookups, checkOrder: order)
        ruleset.tests = checkTests(testDecls, sample: sample, ruleset: ruleset)
        return ruleset
    }

    var recordName = ""

    // MARK: Record schema

    mutating func declareRecord() {
        let records = syntax.declarations.compactMap { d -> RecordDecl? in if case .record(let r) = d { r } else { nil } }
        guard let record = records.first else {
            diagnostics.report(.noRecordBlock(), at: syntax.header?.name.span ?? .none)
            return
        }
        for extra in records.dropFirst() {
            diagnostics.report(.secondRecordBlock(extra.name.text), at: extra.name.span)
        }
        recordName = record.name.text
        if record.fields.count > 64 {
            diagnostics.report(.moreThan64Fields(), at: record.name.span)
        }
        for f in record.fields {
            if fields[f.name.text] != nil {
                diagnostics.report(.fieldDeclaredTwice(f.name.text), at: f.name.span)
                continue
            }
            guard let type = resolveType(f.type, span: f.typeSpan) else { continue }
            let info = FieldInfo(name: f.name.text, type: type, optional: f.optional, slot: fieldList.count, span: f.name.span)
            fields[f.name.text] = info
            fieldList.append(info)
        }
    }

    /// `span` is where the whole type is written, for C0107.
    mutating func resolveType(_ t: TypeSyntax, span: Span) -> ValueType? {
        switch t {
        case .named(let n):
            switch n.text {
            case "text": return .text
            case "int": return .int
            case "decimal": return .decimal
            case "bool": return .bool
            case "date": return .date
            case "time": return .time
            case "personnummer": return .personnummer
            default:
                diagnostics.report(.unknownType(n.text), at: n.span)
                return nil
            }
        case .oneOf(let codes):
            var seen: Set<String> = []
            for c in codes where !seen.insert(c.value).inserted {
                diagnostics.report(.codeListedTwice(c.value), at: c.span)
            }
            return .code(codes.map(\.value).reduce(into: []) { if !$0.contains($1) { $0.append($1) } })
        case .list(let inner):
            guard let t = resolveType(inner, span: span) else { return nil }
            if case .list = t {
                diagnostics.report(.listOfLists(), at: span)
                return nil
            }
            return .list(t)
        }
    }

    // MARK: Names

    mutating func declareNamesAndParams() {
        var seen: [String: Span] = [:]
        for (name, f) in fields { seen[name] = f.span }
        func claim(_ name: Name, _ kind: NamedDeclaration) -> Bool {
            if let previous = seen[name.text] {
                let (line, _) = diagnostics.file.location(of: previous.start)
                diagnostics.report(.nameAlreadyDeclared(name.text, line: line, as: kind), at: name.span)
                return false
            }
            seen[name.text] = name.span
            return true
        }
        for d in syntax.declarations {
            switch d {
            case .codes(let c):
                guard claim(c.name, .codeSet) else { continue }
                codeSets[c.name.text] = c
            case .define(let def):
                guard claim(def.name, .definition) else { continue }
                defineDecls[def.name.text] = def
            case .param(let p):
                guard claim(p.name, .parameter) else { continue }
                guard let type = resolveType(p.type, span: p.typeSpan) else { continue }
                let value: Value
                if case .missing = p.defaultValue.kind {
                    diagnostics.report(.parameterDefaultIsMissing(), at: p.defaultValue.span)
                    value = .missing
                } else {
                    value = constantValue(p.defaultValue, as: type, at: .parameterDefault) ?? .missing
                }
                params[p.name.text] = paramList.count
                paramList.append(CheckedParam(name: p.name.text, type: type, defaultValue: value))
                paramDecls.append(p)
            default: break
            }
        }
    }

    /// Checks a definition once. One that fails is remembered, so its problem
    /// is reported once, not at every use; a cycle is reported once, at the
    /// definition the checker reached first.
    mutating func resolveDefine(_ name: String) -> Int? {
        if let i = defineIndex[name] { return i }
        guard let decl = defineDecls[name], !failedDefines.contains(name) else { return nil }
        // Each level is a nested evaluation at run time; the limit keeps it
        // far from the end of the stack.
        if definesInProgress.count >= 64 {
            failedDefines.insert(name)
            diagnostics.report(.definitionsNestedTooDeeply(through: name), at: decl.name.span)
            return nil
        }
        if let start = definesInProgress.firstIndex(of: name) {
            let cycle = definesInProgress[start...]
            failedDefines.formUnion(cycle)
            diagnostics.report(.definitionRefersToItself(name, cycle: Array(cycle)), at: decl.name.span)
            return nil
        }
        definesInProgress.append(name)
        defer { definesInProgress.removeLast() }
        guard let typed = checkExpression(decl.value, Scope()) else {
            failedDefines.insert(name)
            return nil
        }
        let i = defineList.count
        defineIndex[name] = i
        defineList.append(CheckedDefine(name: name, expr: typed))
        defineMasks.append(fieldMask(typed))
        return i
    }

    mutating func warnUnused() {
        for p in paramDecls where !used.contains(p.name.text) {
            diagnostics.report(.parameterNeverUsed(p.name.text), at: p.name.span)
        }
        for d in syntax.declarations {
            if case .define(let def) = d, !used.contains(def.name.text) {
                diagnostics.report(.definitionNeverUsed(def.name.text), at: def.name.span)
            }
            if case .codes(let c) = d, !used.contains(c.name.text) {
                diagnostics.report(.codeSetNeverUsed(c.name.text), at: c.name.span)
            }
        }
    }

    var allNames: [String] {
        Array(fields.keys) + Array(codeSets.keys) + Array(params.keys) + Array(defineDecls.keys)
    }

    // MARK: Ids

    mutating func claimId(_ id: Name) -> Bool {
        if let previous = usedIds[id.text] {
            let (line, _) = diagnostics.file.location(of: previous.start)
            diagnostics.report(.idAlreadyUsed(id.text, line: line), at: id.span)
            return false
        }
        usedIds[id.text] = id.span
        return true
    }

    func citation(_ cites: Located<String>?) -> Citation { Citation(document: document, section: cites?.value) }
}
