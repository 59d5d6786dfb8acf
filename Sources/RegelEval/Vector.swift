import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues
/// The values of one expression for the rows of a batch.
enum Vec {
    /// A condition's result.
    case truth(Truth)
    /// A field read straight from its column (no copy): rows `start..<start+count`.
    case column(Column)
    /// Computed words of one physical type, with their validity.
    case words(Words)
    /// The same value on every row (literals, parameters).
    case constant(Value)
    /// Boxed values, one per row of the batch; rows not evaluated are missing.
    case boxed([Value])
}

/// Computed cells of a batch: one word per row and a validity bitmap.
struct Words {
    var w: [UInt64]
    var valid: [UInt64]
    var physical: PhysicalType
}

extension Batch {
    /// A vector as a condition: a bool column, bool words, a constant or
    /// boxed values become the two bitmaps.
    func truth(_ v: Vec) -> Truth {
        switch v {
        case .truth(let t): return t
        case .constant(let value):
            if case .bool(let x) = value { return Truth.constant(x, rows: count) }
            return Truth.constant(nil, rows: count)
        case .column(let column):
            let w = operand(v, physical: column.physical)
            return truth(words: w)
        case .words(let w): return truth(words: w)
        case .boxed(let values):
            var yes = Bits.none(count), no = Bits.none(count)
            for i in 0..<count {
                if case .bool(let x) = values[i] { if x { Bits.set(&yes, i) } else { Bits.set(&no, i) } }
            }
            return Truth(yes: yes, no: no)
        }
    }

    private func truth(words w: Words) -> Truth {
        var yes = Bits.none(count), no = Bits.none(count)
        w.w.withUnsafeBufferPointer { cells in
            for k in 0..<yes.count {
                var bits: UInt64 = 0
                let base = k << 6, n = min(64, count - base)
                for j in 0..<n where cells[base + j] != 0 { bits |= 1 << UInt64(j) }
                yes[k] = bits & w.valid[k]
                no[k] = ~bits & w.valid[k]
            }
        }
        return Truth(yes: yes, no: Bits.trimmed(no, rows: count))
    }

    /// A vector as words of `physical` type, when it has that representation
    /// (a constant is converted; nil when it cannot be).
    func operand(_ v: Vec, physical: PhysicalType) -> Words {
        if let own = self.physical(v), own != physical {
            // Another representation (an int looked up among decimals): convert row by row.
            var w = [UInt64](repeating: 0, count: count), valid = Bits.none(count)
            for i in 0..<count {
                if let word = Column.word(value(v, i), physical, table.dictionary, intern: false) { w[i] = word; Bits.set(&valid, i) }
            }
            return Words(w: w, valid: valid, physical: physical)
        }
        switch v {
        case .column(let column):
            return columnWords(column)
        case .words(let w): return w
        case .constant(let value):
            if let word = Column.word(value, physical, table.dictionary, intern: false) {
                return Words(w: [UInt64](repeating: word, count: count), valid: Bits.all(count), physical: physical)
            }
            return Words(w: [UInt64](repeating: 0, count: count), valid: Bits.none(count), physical: physical)
        case .truth(let t):
            var w = [UInt64](repeating: 0, count: count)
            Bits.forEach(t.yes) { w[$0] = 1 }
            var valid = t.yes
            for k in valid.indices { valid[k] |= t.no[k] }
            return Words(w: w, valid: valid, physical: .bool)
        case .boxed(let values):
            var w = [UInt64](repeating: 0, count: count), valid = Bits.none(count)
            for i in 0..<count {
                if let word = Column.word(values[i], physical, table.dictionary, intern: false) { w[i] = word; Bits.set(&valid, i) }
            }
            return Words(w: w, valid: valid, physical: physical)
        }
    }

    /// Where the vector holds a value (not missing).
    func validity(_ v: Vec) -> [UInt64] {
        switch v {
        case .truth(let t): return zip(t.yes, t.no).map { $0 | $1 }
        case .column(let column):
            return Bits.trimmed(Array(UnsafeBufferPointer(start: column.valid + (start >> 6), count: Bits.words(count))), rows: count)
        case .words(let w): return w.valid
        case .constant(let value): return value.isMissing ? Bits.none(count) : Bits.all(count)
        case .boxed(let values):
            var valid = Bits.none(count)
            for i in 0..<count where !values[i].isMissing { Bits.set(&valid, i) }
            return valid
        }
    }

    /// Row `i` of the batch as a boxed value.
    func value(_ v: Vec, _ i: Int) -> Value {
        switch v {
        case .truth(let t): return t.value(i).map(Value.bool) ?? .missing
        case .column(let column): return column.value(start + i, table.dictionary)
        case .words(let w):
            guard Bits.test(w.valid, i) else { return .missing }
            return Column.box(w.w[i], w.physical, table.dictionary)
        case .constant(let value): return value
        case .boxed(let values): return values[i]
        }
    }

    /// The physical type a vector's words have, if it is typed.
    func physical(_ v: Vec) -> PhysicalType? {
        switch v {
        case .column(let c): c.physical
        case .words(let w): w.physical
        case .truth: .bool
        case .constant, .boxed: nil
        }
    }
}
