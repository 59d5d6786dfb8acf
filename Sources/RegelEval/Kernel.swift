import RegelCheck
import RegelSyntax
import RegelValues
import RegelBuiltins

/// One node of a compiled expression, evaluated a batch at a time.
class Kernel: @unchecked Sendable {
    func eval(_ b: Batch) -> Vec { fatalError("abstract") }
}

final class ConstantKernel: Kernel, @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
    override func eval(_ b: Batch) -> Vec { .constant(value) }
}

final class FieldKernel: Kernel, @unchecked Sendable {
    let slot: Int
    init(_ slot: Int) { self.slot = slot }
    override func eval(_ b: Batch) -> Vec { .column(b.table.columns[slot]) }
}

final class ParamKernel: Kernel, @unchecked Sendable {
    let index: Int
    init(_ index: Int) { self.index = index }
    override func eval(_ b: Batch) -> Vec { .constant(b.run.params[index]) }
}

final class DefineKernel: Kernel, @unchecked Sendable {
    let index: Int
    init(_ index: Int) { self.index = index }
    override func eval(_ b: Batch) -> Vec { b.define(index) }
}

final class NotKernel: Kernel, @unchecked Sendable {
    let a: Kernel
    init(_ a: Kernel) { self.a = a }
    override func eval(_ b: Batch) -> Vec {
        let t = b.truth(a.eval(b))
        return .truth(Truth(yes: t.no, no: t.yes))
    }
}

/// `and` / `or` in three-valued logic; the right side is evaluated only on
/// rows the left side has not decided.
final class LogicKernel: Kernel, @unchecked Sendable {
    let a: Kernel, c: Kernel
    let isAnd: Bool
    init(_ a: Kernel, _ c: Kernel, isAnd: Bool) {
        self.a = a
        self.c = c
        self.isAnd = isAnd
    }

    override func eval(_ b: Batch) -> Vec {
        let x = b.truth(a.eval(b))
        let decided = isAnd ? x.no : x.yes
        var open = b.active
        var any = false
        for k in open.indices {
            open[k] &= ~decided[k]
            any = any || open[k] != 0
        }
        guard any else { return .truth(x) }
        let y = b.truth(b.evaluate(c, on: open))
        var yes = x.yes, no = x.no
        for k in yes.indices {
            if isAnd {
                yes[k] = x.yes[k] & y.yes[k]
                no[k] = x.no[k] | y.no[k]
            } else {
                yes[k] = x.yes[k] | y.yes[k]
                no[k] = x.no[k] & y.no[k]
            }
        }
        return .truth(Truth(yes: yes, no: no))
    }
}

final class PresenceKernel: Kernel, @unchecked Sendable {
    let a: Kernel
    let isPresent: Bool
    init(_ a: Kernel, isPresent: Bool) {
        self.a = a
        self.isPresent = isPresent
    }

    override func eval(_ b: Batch) -> Vec {
        let valid = b.validity(a.eval(b))
        let invalid = Bits.trimmed(valid.map { ~$0 }, rows: b.count)
        return .truth(isPresent ? Truth(yes: valid, no: invalid) : Truth(yes: invalid, no: valid))
    }
}

/// `a otherwise b`: `b` where `a` is missing.
final class OtherwiseKernel: Kernel, @unchecked Sendable {
    let a: Kernel, c: Kernel
    init(_ a: Kernel, _ c: Kernel) {
        self.a = a
        self.c = c
    }

    override func eval(_ b: Batch) -> Vec {
        let x = a.eval(b)
        let valid = b.validity(x)
        var open = b.active
        for k in open.indices { open[k] &= ~valid[k] }
        if Bits.isEmpty(open) { return x }
        let y = b.evaluate(c, on: open)
        if case .truth(let tx) = x {
            let ty = b.truth(y)
            var yes = tx.yes, no = tx.no
            for k in yes.indices {
                yes[k] |= ty.yes[k] & ~valid[k]
                no[k] |= ty.no[k] & ~valid[k]
            }
            return .truth(Truth(yes: yes, no: no))
        }
        if let p = b.physical(x), p != .list, b.physical(y) == p || fits(y, p, b) {
            var wx = b.operand(x, physical: p)
            let wy = b.operand(y, physical: p)
            for i in 0..<b.count where !Bits.test(valid, i) && Bits.test(wy.valid, i) {
                wx.w[i] = wy.w[i]
                Bits.set(&wx.valid, i)
            }
            return .words(wx)
        }
        return .boxed((0..<b.count).map { i in Bits.test(valid, i) ? b.value(x, i) : b.value(y, i) })
    }

    /// A constant that has a word of type `p` (text not seen in the table has none).
    private func fits(_ v: Vec, _ p: PhysicalType, _ b: Batch) -> Bool {
        guard case .constant(let value) = v else { return false }
        return value.isMissing || Column.word(value, p, b.table.dictionary, intern: false) != nil
    }
}

/// The general path: the closure compiled from the same expression, one
/// active row at a time. Used for what has no batch kernel of its own
/// (calls, text tests, `if`), and it is exactly the closure semantics.
final class ScalarKernel: Kernel, @unchecked Sendable {
    let compiled: Compiled
    init(_ compiled: @escaping Compiled) { self.compiled = compiled }

    override func eval(_ b: Batch) -> Vec {
        var out = [Value](repeating: .missing, count: b.count)
        let run = b.run, table = b.table, start = b.start
        Bits.forEach(b.active) { i in
            out[i] = compiled(Frame(run: run, table: table, row: start + i, other: start + i))
        }
        return .boxed(out)
    }
}
