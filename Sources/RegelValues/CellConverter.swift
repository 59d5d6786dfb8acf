import RegelBuiltins
import RegelData

/// Why a cell did not convert: what was expected, in words for the person
/// who made the export.
public struct CellProblem: Error, Sendable {
    public var expected: String
    public var hint: String?
}

/// Converts exported cells to the schema's types with the conventions of
/// the column contract: dates YYYY-MM-DD (and the spellings `ExportDate`
/// reads), times HH:MM, ja/nej booleans (and `ContractBool`'s others), lists
/// separated by `|` in CSV. A scalar cell reads through `ScalarType`, as the
/// evaluator's `RowDecoder` reads it from bytes.
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
        if let scalar = ScalarType(type) {
            var text = s
            if let word = text.withUTF8({ scalar.word(reading: $0) }) { return .success(scalar.value(word)) }
            return .failure(problem(s, scalar))
        }
        switch type {
        case .text: return .success(.text(s))
        case .code(let codes):
            if codes.contains(s) { return .success(.text(s)) }
            let near = closest(s, among: codes)
            return .failure(
                CellProblem(
                    expected: "expected one of \(codes.joined(separator: ", "))",
                    hint: near.map { "did you mean \($0)? (codes are case-sensitive)" }))
        case .list(let inner): return convertItems([s], inner)
        case .duration, .nothing: return .failure(CellProblem(expected: "cannot be read from data"))
        case .bool, .int, .decimal, .date, .time, .personnummer: preconditionFailure("a scalar type")
        }
    }

    /// Why `s` is not a value of `type`, with the fix where the spelling shows it.
    package static func problem(_ s: String, _ type: ScalarType) -> CellProblem {
        switch type {
        case .int:
            if ContractNumber.isOutOfRange(s, whole: true) {
                return CellProblem(
                    expected: "expected a whole number from \(Int.min) to \(Int.max); this one is too large",
                    hint: "check the export: a number this large is probably a mistake")
            }
            return CellProblem(expected: "expected a whole number")
        case .decimal:
            if ContractNumber.isOutOfRange(s, whole: false) {
                return CellProblem(
                    expected: "expected a number smaller than 10^15 (1000000000000000) either side of zero; this one is too large",
                    hint: "check the export: a number this large is probably a mistake")
            }
            return CellProblem(expected: "expected a number such as 12.5 or 12,5")
        case .bool:
            return CellProblem(expected: "expected ja/nej, true/false, j/n or 1/0", hint: CellSpellingFix.bool(s))
        case .date:
            if case .withTime(let d, let time)? = ExportDate.read(s) {
                return CellProblem(
                    expected: "expected a date YYYY-MM-DD",
                    hint: "the cell has the time \(time) too, which a date column cannot hold; export the date alone (\(d)), or the time in a column of its own"
                )
            }
            return CellProblem(expected: "expected a date YYYY-MM-DD", hint: CellSpellingFix.date(s))
        case .time:
            return CellProblem(expected: "expected a time HH:MM (00:00–23:59)")
        case .personnummer:
            return CellProblem(expected: "expected a personnummer YYYYMMDD-NNNN, YYYYMMDDNNNN or YYMMDD-NNNN")
        }
    }
}
