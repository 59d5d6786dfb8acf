import RegelBuiltins
import RegelSyntax
import RegelValues

extension Checker {
    /// A literal written for a value of `type`: a parameter's default, a test
    /// record's field, an expected measure value. Text is read the way a CSV
    /// cell would be, so `"2024-03-01"` and `2024-03-01` both give a date.
    mutating func constantValue(_ e: Expr, as type: ValueType, at place: LiteralPlace) -> Value? {
        guard let t = checkExpression(e, Scope()) else { return nil }
        guard case .constant(let v) = t.kind else {
            diagnostics.report(.defaultValueNotLiteral(place), at: e.span)
            return nil
        }
        if case .missing = v { return .missing }
        if case .text(let s) = v, type != .text {
            switch CellConverter.convert(.text(s), to: type) {
            case .success(let value): return value
            case .failure(let problem):
                diagnostics.report(.literalDoesNotConvert(place, expected: problem.expected, hint: problem.hint), at: e.span)
                return nil
            }
        }
        switch (type, v) {
        case (.decimal, .int(let n)): return .decimal(Double(n))
        case (.list(let inner), .list(let items)):
            var out: [Value] = []
            for item in items {
                if case .text(let s) = item, inner != .text {
                    guard case .success(let x) = CellConverter.convert(.text(s), to: inner) else {
                        diagnostics.report(.listItemDoesNotConvert(place, item: s, type: inner), at: e.span)
                        return nil
                    }
                    out.append(x)
                } else { out.append(item) }
            }
            return .list(out)
        default:
            guard type.isComparable(with: t.type), !(type.isTextLike && !t.type.isTextLike) else {
                diagnostics.report(.literalHasWrongType(place, expected: type, found: t.type), at: e.span)
                return nil
            }
            if let codes = type.codes, case .text(let s) = v, !codes.contains(s) {
                diagnostics.report(.literalNotOneOfCodes(s, codes: codes), at: e.span)
                return nil
            }
            return v
        }
    }

    /// `record` names the test's record; nil is the sample.
    mutating func recordValues(_ literal: RecordLiteral, base: [Value], record: String?) -> [Value] {
        var values = base
        for (name, expr) in literal.fields {
            guard let info = fields[name.text] else {
                diagnostics.report(.testRecordSetsUnknownField(name.text, near: closest(name.text, among: fields.keys)), at: name.span)
                continue
            }
            if let v = constantValue(expr, as: info.type, at: .testField(name.text, record: record)) {
                if v.isMissing && !info.optional {
                    diagnostics.report(.requiredFieldMissingInTest(name.text), at: expr.span)
                }
                values[info.slot] = v
            }
        }
        return values
    }

    mutating func checkTests(_ tests: [TestDecl], sample: RecordLiteral?, ruleset: CheckedRuleset) -> [CheckedTest] {
        let base = sample.map { recordValues($0, base: Array(repeating: .missing, count: fieldList.count), record: nil) }
            ?? Array(repeating: .missing, count: fieldList.count)
        let ruleIds = Set(ruleset.ruleIds)
        var names: Set<String> = []
        var checked: [CheckedTest] = []
        for t in tests {
            if !names.insert(t.name.value).inserted {
                diagnostics.report(.testNameUsedTwice(t.name.value), at: t.name.span)
            }
            var records: [CheckedTest.Record] = []
            var index: [String: Int] = [:]
            for (name, literal) in t.records {
                if index[name.text] != nil {
                    diagnostics.report(.testRecordNameUsedTwice(name.text), at: name.span)
                    continue
                }
                var values = recordValues(literal, base: base, record: name.text)
                if let id = fields["id"], !literal.fields.contains(where: { $0.name.text == "id" }) {
                    values[id.slot] = .text(name.text)
                }
                index[name.text] = records.count
                records.append(.init(name: name.text, values: values, span: name.span))
            }
            var params: [(Int, Value)] = []
            for (name, expr) in t.params {
                guard let i = self.params[name.text] else {
                    diagnostics.report(.unknownParameterInTest(name.text, near: closest(name.text, among: self.params.keys)), at: name.span)
                    continue
                }
                if case .missing = expr.kind {
                    diagnostics.report(.testParameterIsMissing(), at: expr.span)
                    continue
                }
                if let v = constantValue(expr, as: paramList[i].type, at: .testParameter(name.text)) { params.append((i, v)) }
            }
            var expectations: [CheckedTest.Expect] = []
            func recordIndex(_ n: Name) -> Int? {
                if let i = index[n.text] { return i }
                diagnostics.report(.unknownTestRecord(n.text, near: closest(n.text, among: index.keys)), at: n.span)
                return nil
            }
            func ruleKnown(_ r: Name) -> Bool {
                if ruleIds.contains(r.text) { return true }
                diagnostics.report(.unknownRuleIdInTest(r.text, near: closest(r.text, among: ruleIds)), at: r.span)
                return false
            }
            for e in t.expectations {
                switch e {
                case .breaks(let r, let rules):
                    guard let i = recordIndex(r) else { continue }
                    for rule in rules where ruleKnown(rule) { expectations.append(.breaks(record: i, rule: rule.text, span: rule.span)) }
                case .passes(let r, let rules):
                    guard let i = recordIndex(r) else { continue }
                    for rule in rules where ruleKnown(rule) { expectations.append(.passes(record: i, rule: rule.text, span: rule.span)) }
                case .clean(let r):
                    guard let i = recordIndex(r) else { continue }
                    expectations.append(.clean(record: i, span: r.span))
                case .measure(let m, let group, let values, let span):
                    guard let measure = ruleset.measures.first(where: { $0.name == m.text }) else {
                        diagnostics.report(.unknownMeasureInTest(m.text, near: closest(m.text, among: ruleset.measures.map(\.name))), at: m.span)
                        continue
                    }
                    var g: [(String, Value)] = []
                    for (key, expr) in group {
                        guard let k = measure.groupBy.first(where: { $0.name == key.text }) else {
                            diagnostics.report(.measureNotGroupedByKey(m.text, key: key.text), at: key.span)
                            continue
                        }
                        if let v = constantValue(expr, as: k.expr.type, at: .groupValue) { g.append((key.text, v)) }
                    }
                    var vs: [(String, Value)] = []
                    for (name, expr) in values {
                        guard let out = measure.values.first(where: { $0.name == name.text }) else {
                            let near = closest(name.text, among: measure.values.map(\.name))
                            diagnostics.report(.measureHasNoSuchValue(m.text, value: name.text, near: near), at: name.span)
                            continue
                        }
                        if let v = constantValue(expr, as: out.type == .int ? .int : .decimal, at: .expectedValue) { vs.append((name.text, v)) }
                    }
                    expectations.append(.measure(name: m.text, group: g, values: vs, span: span))
                }
            }
            // Only a test that writes no `expect` at all; one whose expectations
            // were all wrong has had its errors (C0809–C0813) already.
            if t.expectations.isEmpty {
                diagnostics.report(.testExpectsNothing(t.name.value), at: t.name.span)
            }
            checked.append(CheckedTest(name: t.name.value, span: t.span, records: records, params: params, expectations: expectations))
        }
        return checked
    }
}
