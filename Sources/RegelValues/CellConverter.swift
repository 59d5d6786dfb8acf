import RegelBuiltins
import RegelData

/// Why a cell did not convert: what was expected, in words for the person
/// who made the export.
public struct CellProblem: Error, Sendable {
    public var expected: String
    public var hint: String?
}

/// Converts exported cells to the schema's types with the conventions of
/// shared/contracts: dates YYYY-MM-DD, times HH:MM, ja/nej booleans, lists
/// separated by `|` in CSV.
package enum CellConverter {
    package static func convert(_ cell: Cell, to type: ValueType) -> Result<Value, CellProblem> {
        switch cell {
        case .missing: return .success(.missing)
        case .list(let items):
            guard case .list(let inner) = type else {
                return .failure(CellProblem(expected: "expected a single \(type), not a list"))
            }
            return convertItems(items, inner)
        case .text(let s):
            if case .list(let inner) = type {
                return convertItems(s.split(separator: "|", omittingEmptySubsequences: true).map(String.init), inner)
            }
            return convertText(s, type)
        }
    }

    private static func convertItems(_ items: [String], _ inner: ValueType) -> Result<Value, CellProblem> {
        var out: [Value] = []
        out.reserveCapacity(items.count)
        for item in items {
            switch convertText(item, inner) {
            case .success(let v): out.append(v)
            case .failure(let p): return .failure(CellProblem(expected: "list item \"\(item)\": \(p.expected)", hint: p.hint))
            }
        }
        return .success(.list(out))
    }

    static func convertText(_ s: String, _ type: ValueType) -> Result<Value, CellProblem> {
        switch type {
        case .text: return .success(.text(s))
        case .int:
            if let n = ContractNumber.parseInt(s) { return .success(.int(n)) }
            return .failure(CellProblem(expected: "expected a whole number"))
        case .decimal:
            if let d = ContractNumber.parseDecimal(s) { return .success(.decimal(d)) }
            return .failure(CellProblem(expected: "expected a number such as 12.5 or 12,5"))
        case .bool:
            if let b = ContractBool.parse(s) { return .success(.bool(b)) }
            return .failure(CellProblem(expected: "expected ja/nej, true/false, j/n or 1/0"))
        case .date:
            if let d = Day.parse(s) { return .success(.date(d)) }
            return .failure(CellProblem(expected: "expected a date YYYY-MM-DD", hint: looksLikeDate(s) ? "the date does not exist in the calendar" : nil))
        case .time:
            if let t = ClockTime.parse(s) { return .success(.time(t)) }
            return .failure(CellProblem(expected: "expected a time HH:MM (00:00–23:59)"))
        case .personnummer:
            if let p = Personnummer.parse(s) { return .success(.personnummer(PackedPersonnummer(p))) }
            return .failure(CellProblem(expected: "expected a personnummer YYYYMMDD-NNNN, YYYYMMDDNNNN or YYMMDD-NNNN"))
        case .code(let codes):
            if codes.contains(s) { return .success(.text(s)) }
            let near = closest(s, among: codes)
            return .failure(CellProblem(expected: "expected one of \(codes.joined(separator: ", "))",
                                        hint: near.map { "did you mean \($0)? (codes are case-sensitive)" }))
        case .list(let inner): return convertItems([s], inner)
        case .duration, .nothing: return .failure(CellProblem(expected: "cannot be read from data"))
        }
    }

    private static func looksLikeDate(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return u.count == 10 && u[4] == 45 && u[7] == 45
    }
}
