import RegelBuiltins
import RegelSyntax
import RegelValues

extension Checker {
    /// A literal written for a value of `type`: a parameter's default, a test
    /// record's field, an expected measure value. Text is read the way a CSV
    /// cell would be, so `"2024-03-01"` and `2024-03-01` both give a date.
    mutating func constantValue(_ e: Expr, as type: ValueType, what: String) -> Value? {
        guard let t = checkExpression(e, Scope()) else { return nil }
        guard case .constant(let v) = t.kind else {
            diagnostics.error("C0801", "\(what) must be written as a literal value", at: e.span)
            return nil
        }
        if case .missing = v { return .missing }
        if case .text(let s) = v, type != .text {
            switch CellConverter.convert(.text(s), to: type) {
            case .success(let value): return value
            case .failure(let problem):
                diagnostics.error("C0802", "\(what): \(problem.expected)", at: e.span, hint: problem.hint)
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
                        diagnostics.error("C0802", "\(what): \"\(s)\" is not \(inner)", at: e.span)
                        return nil
                    }
                    out.append(x)
                } else { out.append(item) }
            }
            return .list(out)
        default:
            guard type.isComparable(with: t.type), !(type.isTextLike && !t.type.isTextLike) else {
                diagnostics.error("C0803", "\(what) must be \(type), not \(t.type)", at: e.span)
                return nil
            }
            if let codes = type.codes, case .text(let s) = v, !codes.contains(s) {
                diagnostics.error("T0214", "\"\(s)\" is not one of the codes (\(codes.map { "\"\($0)\"" }.joined(separator: ", ")))", at: e.span,
                                  hint: suggestion(s, codes))
                return nil
            }
            return v
        }
    }

    mutating func recordValues(_ literal: RecordLiteral, base: [Value], what: String) -> [Value] {
        var values = base
        for (name, expr) in literal.fields {
            guard let info = fields[name.text] else {
                diagnostics.error("C0804", "the record has no field `\(name.text)`", at: name.span, hint: suggestion(name.text, Array(fields.keys)))
                continue
            }
            if let v = constantValue(expr, as: info.type, what: "the value of `\(name.text)` in \(what)") {
                if v.isMissing && !info.optional {
                    diagnostics.warning("C0805", "`\(name.text)` is required; a test record without it tests a rejected cell", at: expr.span)
                }
                values[info.slot] = v
            }
        }
        return values
    }

    mutating func checkTests(_ tests: [TestDecl], sample: RecordLiteral?, ruleset: CheckedRuleset) -> [CheckedTest] {
        let base = sample.map { recordValues($0, base: Array(repeating: .missing, count: fieldList.count), what: "the sample") }
            ?? Array(repeating: .missing, count: fieldList.count)
        let ruleIds = Set(ruleset.ruleIds)
        var names: Set<String> = []
        var checked: [CheckedTest] = []
        for t in tests {
            if !names.insert(t.name.value).inserted {
                diagnostics.error("C0806", "two tests are named \"\(t.name.value)\"", at: t.name.span)
            }
            var records: [CheckedTest.Record] = []
            var index: [String: Int] = [:]
            for (name, literal) in t.records {
                if index[name.text] != nil {
                    diagnostics.error("C0807", "the test has two records named `\(name.text)`", at: name.span)
                    continue
                }
                var values = recordValues(literal, base: base, what: "record \(name.text)")
                if let id = fields["id"], !literal.fields.contains(where: { $0.name.text == "id" }) {
                    values[id.slot] = .text(name.text)
                }
                index[name.text] = records.count
                records.append(.init(name: name.text, values: values, span: name.span))
            }
            var params: [(Int, Value)] = []
            for (name, expr) in t.params {
                guard let i = self.params[name.text] else {
                    diagnostics.error("C0808", "unknown parameter `\(name.text)`", at: name.span, hint: suggestion(name.text, Array(self.params.keys)))
                    continue
                }
                if case .missing = expr.kind {
                    diagnostics.error("C0815", "a parameter must be a value, not `missing`", at: expr.span,
                                      hint: "rules use a parameter as a value that is always there; leave the line out to use the default")
                    continue
                }
                if let v = constantValue(expr, as: paramList[i].type, what: "the parameter `\(name.text)`") { params.append((i, v)) }
            }
            var expectations: [CheckedTest.Expect] = []
            func recordIndex(_ n: Name) -> Int? {
                if let i = index[n.text] { return i }
                diagnostics.error("C0809", "the test has no record `\(n.text)`", at: n.span, hint: suggestion(n.text, Array(index.keys)))
                return nil
            }
            func ruleKnown(_ r: Name) -> Bool {
                if ruleIds.contains(r.text) { return true }
                diagnostics.error("C0810", "no rule or cap check has the id `\(r.text)`", at: r.span, hint: suggestion(r.text, Array(ruleIds)))
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
                        diagnostics.error("C0811", "no measure is named `\(m.text)`", at: m.span, hint: suggestion(m.text, ruleset.measures.map(\.name)))
                        continue
                    }
                    var g: [(String, Value)] = []
                    for (key, expr) in group {
                        guard let k = measure.groupBy.first(where: { $0.name == key.text }) else {
                            diagnostics.error("C0812", "the measure `\(m.text)` is not grouped by `\(key.text)`", at: key.span)
                            continue
                        }
                        if let v = constantValue(expr, as: k.expr.type, what: "the group value") { g.append((key.text, v)) }
                    }
                    var vs: [(String, Value)] = []
                    for (name, expr) in values {
                        guard let out = measure.values.first(where: { $0.name == name.text }) else {
                            diagnostics.error("C0813", "the measure `\(m.text)` has no value `\(name.text)`", at: name.span,
                                              hint: suggestion(name.text, measure.values.map(\.name)))
                            continue
                        }
                        if let v = constantValue(expr, as: out.type == .int ? .int : .decimal, what: "the expected value") { vs.append((name.text, v)) }
                    }
                    expectations.append(.measure(name: m.text, group: g, values: vs, span: span))
                }
            }
            // Only a test that writes no `expect` at all; one whose expectations
            // were all wrong has had its errors (C0809–C0813) already.
            if t.expectations.isEmpty {
                diagnostics.warning("C0814", "the test \"\(t.name.value)\" expects nothing", at: t.name.span, hint: "add `expect <record> breaks <rule>` or `passes`")
            }
            checked.append(CheckedTest(name: t.name.value, span: t.span, records: records, params: params, expectations: expectations))
        }
        return checked
    }
}
