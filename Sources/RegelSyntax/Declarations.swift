/// A word with where it was written.
public struct Name: Sendable, Equatable, Hashable {
    public var text: String
    public var span: Span
    public init(_ text: String, _ span: Span) { self.text = text; self.span = span }
}

public struct Located<T: Sendable & Equatable>: Sendable, Equatable {
    public var value: T
    public var span: Span

    package init(value: T, span: Span) {
        self.value = value
        self.span = span
    }
}

public struct Header: Sendable, Equatable {
    public var name: Located<String>
    public var version: Located<String>?
    public var source: Located<String>?
    public var effective: Located<String>?
    public var until: Located<String>?
    public var dateField: Name?
}

public indirect enum TypeSyntax: Sendable, Equatable {
    case named(Name)
    case oneOf([Located<String>])
    case list(TypeSyntax)
}

public struct FieldDecl: Sendable, Equatable {
    public var name: Name
    public var optional: Bool
    public var type: TypeSyntax
    /// Where the type is written (`list of text`), for diagnostics about it.
    public var typeSpan: Span
    public var span: Span
}

public struct RecordDecl: Sendable, Equatable {
    public var name: Name
    public var fields: [FieldDecl]
    public var span: Span
}

public struct CodesDecl: Sendable, Equatable {
    public var name: Name
    public var codes: [Located<String>]
    public var span: Span
}

public struct ParamDecl: Sendable, Equatable {
    public var name: Name
    public var type: TypeSyntax
    /// Where the type is written, for diagnostics about it.
    public var typeSpan: Span
    public var defaultValue: Expr
    public var span: Span
}

public struct DefineDecl: Sendable, Equatable {
    public var name: Name
    public var value: Expr
    public var span: Span
}

public struct NoteDecl: Sendable, Equatable {
    public var text: Located<String>
    public var cites: Located<String>?
    public var span: Span
}

public enum Severity: String, Sendable, CaseIterable, Comparable {
    case error, warning, info
    package var rank: Int {
        switch self {
        case .error: 0;
        case .warning: 1;
        case .info: 2
        }
    }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

public struct RuleDecl: Sendable, Equatable {
    public var id: Name
    public var title: Located<String>?
    public var severity: Located<Severity>?
    public var cites: Located<String>?
    public var when: Expr?
    public var require: Expr?
    public var message: Located<String>?
    public var span: Span
}

public enum CapWindow: Sendable, Equatable {
    case rolling(Int, DurationUnit)
    case calendar(CalendarPeriod)
    case sinceLatest(Expr)
}

public enum CalendarPeriod: String, Sendable { case isoWeek = "iso week", month, year }

public struct CapCheckDecl: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case require(Expr)
        case limit(Located<Int>, CapWindow)
    }
    public var id: Name
    public var kind: Kind
    public var title: Located<String>?
    public var cites: Located<String>?
    public var severity: Located<Severity>?
    public var message: Located<String>?
    public var span: Span
}

public struct CapDecl: Sendable, Equatable {
    public var name: Name
    public var title: Located<String>?
    public var cites: Located<String>?
    public var severity: Located<Severity>?
    public var when: Expr?
    public var per: [Expr]
    public var orderBy: [Expr]
    public var checks: [CapCheckDecl]
    public var span: Span
}

public struct GroupKeyDecl: Sendable, Equatable {
    public var name: Name
    public var value: Expr
}

public struct MeasureValueDecl: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case count(where: Expr?)
        case sum(Expr, where: Expr?)
        case derived(Expr)
    }
    public var name: Name
    public var kind: Kind
    public var span: Span
}

public struct MeasureDecl: Sendable, Equatable {
    public var name: Name
    public var title: Located<String>?
    public var cites: Located<String>?
    public var when: Expr?
    public var groupBy: [GroupKeyDecl]
    public var values: [MeasureValueDecl]
    public var span: Span
}

public struct RecordLiteral: Sendable, Equatable {
    public var fields: [(name: Name, value: Expr)]
    public var span: Span
    public static func == (a: RecordLiteral, b: RecordLiteral) -> Bool {
        a.span == b.span && a.fields.count == b.fields.count
            && zip(a.fields, b.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}

public enum Expectation: Sendable, Equatable {
    case breaks(record: Name, rules: [Name])
    case passes(record: Name, rules: [Name])
    case clean(record: Name)
    case measure(Name, group: [(Name, Expr)], values: [(Name, Expr)], span: Span)

    public static func == (a: Expectation, b: Expectation) -> Bool {
        switch (a, b) {
        case let (.breaks(r1, x1), .breaks(r2, x2)), let (.passes(r1, x1), .passes(r2, x2)): return r1 == r2 && x1 == x2
        case let (.clean(r1), .clean(r2)): return r1 == r2
        case let (.measure(m1, g1, v1, s1), .measure(m2, g2, v2, s2)):
            return m1 == m2 && s1 == s2 && g1.count == g2.count && v1.count == v2.count
                && zip(g1, g2).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
                && zip(v1, v2).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}

public struct TestDecl: Sendable, Equatable {
    public var name: Located<String>
    public var records: [(name: Name, literal: RecordLiteral)]
    public var params: [(name: Name, value: Expr)]
    public var expectations: [Expectation]
    public var span: Span
    public static func == (a: TestDecl, b: TestDecl) -> Bool {
        a.name == b.name && a.span == b.span && a.expectations == b.expectations
            && a.records.count == b.records.count && zip(a.records, b.records).allSatisfy { $0.name == $1.name && $0.literal == $1.literal }
            && a.params.count == b.params.count && zip(a.params, b.params).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}

public enum Declaration: Sendable, Equatable {
    case record(RecordDecl)
    case codes(CodesDecl)
    case param(ParamDecl)
    case define(DefineDecl)
    case note(NoteDecl)
    case rule(RuleDecl)
    case cap(CapDecl)
    case measure(MeasureDecl)
    case sample(RecordLiteral)
    case test(TestDecl)
}

/// A parsed rule file: what was written, in order, nothing resolved yet.
public struct RulesetSyntax: Sendable, Equatable {
    public var header: Header?
    public var declarations: [Declaration]
}
