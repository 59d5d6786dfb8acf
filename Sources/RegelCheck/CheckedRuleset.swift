import RegelBuiltins
import RegelSyntax
import RegelValues

public struct FieldInfo: Sendable {
    public var name: String
    public var type: ValueType
    public var optional: Bool
    public var slot: Int
    public var span: Span
}

public struct CheckedParam: Sendable {
    public var name: String
    public var type: ValueType
    public var defaultValue: Value
}

public struct CheckedDefine: Sendable {
    public var name: String
    public var expr: TypedExpr
}

/// A message with `{name}` placeholders resolved to what they show.
public struct MessageTemplate: Sendable {
    public enum Part: Sendable {
        case literal(String)
        case value(TypedExpr)
        case capCount, capLimit
    }
    public var parts: [Part]
}

/// What a finding cites: the document (from the header) and the section.
public struct Citation: Sendable, Equatable {
    public var document: String
    public var section: String?
    public var text: String {
        guard let section, !section.isEmpty else { return document }
        return document.isEmpty ? section : "\(document), \(section)"
    }
}

public struct CheckedRule: Sendable {
    public var id: String
    public var title: String
    public var severity: Severity
    public var citation: Citation
    public var when: TypedExpr?
    public var require: TypedExpr
    public var message: MessageTemplate
    /// Fields of the current record the rule reads: when one of them did not
    /// convert, the rule is skipped for that record (the cell has its own finding).
    public var fieldMask: UInt64
}

public struct CheckedCapCheck: Sendable {
    public enum Kind: Sendable {
        case require(TypedExpr)
        case rolling(Int, DurationUnit)
        case calendar(CalendarPeriod)
        case sinceLatest(TypedExpr)
    }
    public var id: String
    public var title: String
    public var severity: Severity
    public var citation: Citation
    public var kind: Kind
    public var limit: Int
    public var message: MessageTemplate
}

public struct CheckedCap: Sendable {
    public var name: String
    public var when: TypedExpr?
    public var per: [TypedExpr]
    /// The first key is the cap's date.
    public var orderBy: [TypedExpr]
    public var checks: [CheckedCapCheck]
    public var fieldMask: UInt64
}

public struct CheckedMeasure: Sendable {
    public struct Output: Sendable {
        public enum Kind: Sendable {
            case count(TypedExpr?)
            case sum(TypedExpr, TypedExpr?)
            case derived(TypedExpr)
        }
        public var name: String
        public var kind: Kind
        public var type: ValueType
        /// A derived value can be missing (a ratio whose denominator is 0).
        public var optional = false
    }
    public var name: String
    public var title: String
    public var citation: Citation
    public var when: TypedExpr?
    public var groupBy: [(name: String, expr: TypedExpr)]
    public var values: [Output]
    /// A record with an unreadable cell among these fields is not counted.
    public var fieldMask: UInt64
}

public struct CheckedTest: Sendable {
    public struct Record: Sendable {
        public var name: String
        public var values: [Value]
        public var span: Span
    }
    public enum Expect: Sendable {
        case breaks(record: Int, rule: String, span: Span)
        case passes(record: Int, rule: String, span: Span)
        case clean(record: Int, span: Span)
        case measure(name: String, group: [(String, Value)], values: [(String, Value)], span: Span)
    }
    public var name: String
    public var span: Span
    public var records: [Record]
    public var params: [(Int, Value)]
    public var expectations: [Expect]
}

/// A ruleset ready to run: immutable and `Sendable`, so chunks of records can
/// be evaluated in parallel.
public struct CheckedRuleset: Sendable {
    public var file: SourceFile
    public var syntax: RulesetSyntax
    public var name: String
    public var version: String
    public var document: String
    public var effective: Day?
    public var until: Day?
    public var dateFieldSlot: Int?
    public var recordName: String
    public var fields: [FieldInfo]
    public var params: [CheckedParam]
    public var defines: [CheckedDefine]
    public var rules: [CheckedRule]
    public var caps: [CheckedCap]
    public var measures: [CheckedMeasure]
    public var tests: [CheckedTest]
    public var notes: [NoteDecl]
    /// Aggregates across records, numbered; each gets one index per run.
    public var lookups: [LookupPlan]
    /// Rules and cap checks in the order they were declared: findings of a
    /// record come out in this order.
    public var checkOrder: [CheckRef]

    public enum CheckRef: Sendable, Equatable {
        case rule(Int)
        case capCheck(cap: Int, check: Int)
    }

    public var needsAllRecords: Bool { !lookups.isEmpty || !caps.isEmpty || !measures.isEmpty }

    public func field(named name: String) -> FieldInfo? { fields.first { $0.name == name } }
    public var idSlot: Int? { field(named: "id")?.slot }

    public var ruleIds: [String] {
        checkOrder.map { ref in
            switch ref {
            case .rule(let i): rules[i].id
            case .capCheck(let c, let k): caps[c].checks[k].id
            }
        }
    }
}
