import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues
/// `=`, `!=`, `<`, … on typed words where both sides have the same exact
/// representation; everything else goes through boxed values with the
/// closures' semantics (`Value.equals`, `Value.compare`).
final class CompareKernel: Kernel, @unchecked Sendable {
    let op: Comparison
    let a: Kernel, c: Kernel
    init(_ op: Comparison, _ a: Kernel, _ c: Kernel) {
        self.op = op
        self.a = a
        self.c = c
    }

    override func eval(_ b: Batch) -> Vec {
        let x = a.eval(b), y = c.eval(b)
        if let p = typedPhysical(x, y, b) {
            if let other = unseenConstant(x, y, p, b) {
                // Text that no cell holds equals no cell.
                let valid = b.validity(other)
                let invalid = Bits.none(b.count)
                return .truth(op == .equal ? Truth(yes: invalid, no: valid) : Truth(yes: valid, no: invalid))
            }
            let wx = b.operand(x, physical: p), wy = b.operand(y, physical: p)
            return .truth(compare(wx, wy, p, b.count))
        }
        var yes = Bits.none(b.count), no = Bits.none(b.count)
        Bits.forEach(b.active) { i in
            let u = b.value(x, i), v = b.value(y, i)
            if u.isMissing || v.isMissing { return }
            if CompareKernel.holds(op, u, v) { Bits.set(&yes, i) } else { Bits.set(&no, i) }
        }
        return .truth(Truth(yes: yes, no: no))
    }

    /// When one side is a text constant absent from the dictionary: the other side.
    private func unseenConstant(_ x: Vec, _ y: Vec, _ p: PhysicalType, _ b: Batch) -> Vec? {
        if case .constant(let v) = y, !v.isMissing, Column.word(v, p, b.table.dictionary, intern: false) == nil { return x }
        if case .constant(let v) = x, !v.isMissing, Column.word(v, p, b.table.dictionary, intern: false) == nil { return y }
        return nil
    }

    static func holds(_ op: Comparison, _ u: Value, _ v: Value) -> Bool {
        switch op {
        case .equal: Value.equals(u, v)
        case .notEqual: !Value.equals(u, v)
        case .less: Value.compare(u, v) < 0
        case .lessOrEqual: Value.compare(u, v) <= 0
        case .greater: Value.compare(u, v) > 0
        case .greaterOrEqual: Value.compare(u, v) >= 0
        }
    }

    /// The representation both sides can be compared in, word against word.
    private func typedPhysical(_ x: Vec, _ y: Vec, _ b: Batch) -> PhysicalType? {
        let px = b.physical(x), py = b.physical(y)
        let p: PhysicalType
        switch (px, py) {
        case let (u?, v?) where u == v: p = u
        case (let u?, nil): p = u
        case (nil, let v?): p = v
        default: return nil
        }
        let equality = op == .equal || op == .notEqual
        switch p {
        case .bool, .int, .date, .time: break
        case .code, .text: guard equality else { return nil }
        case .personnummer: guard equality else { return nil }
        case .decimal, .list: return nil
        }
        // A constant must have a word of that type, except text never seen,
        // which is simply equal to nothing.
        for v in [x, y] {
            guard case .constant(let value) = v, !value.isMissing else { continue }
            if Column.word(value, p, b.table.dictionary, intern: false) == nil {
                switch (p, value) {
                case (.text, .text), (.code, .text): continue
                default: return nil
                }
            }
        }
        return p
    }

    private func compare(_ x: Words, _ y: Words, _ p: PhysicalType, _ n: Int) -> Truth {
        var yes = Bits.none(n), no = Bits.none(n)
        let signed: Bool =
            switch p {
            case .int, .date: true;
            default: false
            }
        let mask: UInt64 = p == .personnummer ? (1 << 34) - 1 : ~0
        let op = self.op
        x.w.withUnsafeBufferPointer { u in
            y.w.withUnsafeBufferPointer { v in
                for k in 0..<yes.count {
                    let valid = x.valid[k] & y.valid[k]
                    if valid == 0 { continue }
                    var bits: UInt64 = 0
                    let base = k << 6, m = min(64, n - base)
                    for j in 0..<m {
                        let l = u[base + j] & mask, r = v[base + j] & mask
                        let c: Int =
                            signed
                            ? (Int64(bitPattern: l) < Int64(bitPattern: r) ? -1 : (l == r ? 0 : 1))
                            : (l < r ? -1 : (l == r ? 0 : 1))
                        let holds: Bool =
                            switch op {
                            case .equal: c == 0
                            case .notEqual: c != 0
                            case .less: c < 0
                            case .lessOrEqual: c <= 0
                            case .greater: c > 0
                            case .greaterOrEqual: c >= 0
                            }
                        if holds { bits |= 1 << UInt64(j) }
                    }
                    yes[k] = bits & valid
                    no[k] = ~bits & valid
                }
            }
        }
        return Truth(yes: yes, no: no)
    }
}

/// `x in [constants]`: a bitset of code indexes, a set of text ids, or a set
/// of words; boxed values otherwise.
final class MemberKernel: Kernel, @unchecked Sendable {
    let item: Kernel
    let values: [Value]
    let negated: Bool
    init(_ item: Kernel, _ values: [Value], negated: Bool) {
        self.item = item
        self.values = values
        self.negated = negated
    }

    override func eval(_ b: Batch) -> Vec {
        let x = item.eval(b)
        if let p = b.physical(x), p.wordsCompareExactly {
            var wanted = Set<UInt64>()
            var typed = true
            for v in values {
                if let w = Column.word(v, p, b.table.dictionary, intern: false) { wanted.insert(w); continue }
                switch (p, v) {
                case (.text, .text), (.code, .text): continue
                default: typed = false
                }
            }
            if typed {
                let w = b.operand(x, physical: p)
                var yes = Bits.none(b.count), no = Bits.none(b.count)
                let small = wanted.allSatisfy { $0 < 64 }
                let bitset = small ? wanted.reduce(UInt64(0)) { $0 | (1 << $1) } : 0
                w.w.withUnsafeBufferPointer { cells in
                    for k in 0..<yes.count where w.valid[k] != 0 {
                        var bits: UInt64 = 0
                        let base = k << 6, m = min(64, b.count - base)
                        for j in 0..<m {
                            let cell = cells[base + j]
                            let found = small ? (cell < 64 && bitset & (1 << cell) != 0) : wanted.contains(cell)
                            if found != negated { bits |= 1 << UInt64(j) }
                        }
                        yes[k] = bits & w.valid[k]
                        no[k] = ~bits & w.valid[k]
                    }
                }
                return .truth(Truth(yes: yes, no: no))
            }
        }
        let set = Set(values)
        let numeric = values.contains { $0.asDouble != nil }
        var yes = Bits.none(b.count), no = Bits.none(b.count)
        Bits.forEach(b.active) { i in
            let u = b.value(x, i)
            if u.isMissing { return }
            let found = numeric ? values.contains { Value.equals($0, u) } : set.contains(u)
            if found != negated { Bits.set(&yes, i) } else { Bits.set(&no, i) }
        }
        return .truth(Truth(yes: yes, no: no))
    }
}
