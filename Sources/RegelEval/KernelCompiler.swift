import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues
/// Turns typed expressions into batch kernels, once per ruleset. Every
/// construct has a kernel: a typed one where the physical types allow (field
/// reads, logic, comparisons, code sets, presence, `otherwise`, integer
/// arithmetic, searches), else the closure of the same expression run row by
/// row (`ScalarKernel`), which is the reference semantics.
struct KernelCompiler {
    let scalar: Compiler
    let fields: [FieldInfo]
    let registry: SearchRegistry
    var defines: [Kernel] = []

    init(scalar: Compiler, fields: [FieldInfo], registry: SearchRegistry) {
        self.scalar = scalar
        self.fields = fields
        self.registry = registry
    }

    /// `otherAsCurrent`: the expression is about the other record alone and
    /// is evaluated with each row as that other record (index filters).
    func compile(_ e: TypedExpr, otherAsCurrent: Bool = false) -> Kernel {
        let sub = { (x: TypedExpr) in compile(x, otherAsCurrent: otherAsCurrent) }
        switch e.kind {
        case .constant(let v): return ConstantKernel(v)
        case .field(let slot): return FieldKernel(slot)
        case .otherField(let slot):
            if otherAsCurrent { return FieldKernel(slot) }
            return scalarKernel(e, otherAsCurrent)
        case .param(let i): return ParamKernel(i)
        case .define(let i): return DefineKernel(i)
        case .measureValue(let i): return FieldKernel(i)
        case .not(let a): return NotKernel(sub(a))
        case .and(let a, let b): return LogicKernel(sub(a), sub(b), isAnd: true)
        case .or(let a, let b): return LogicKernel(sub(a), sub(b), isAnd: false)
        case .compare(let op, let a, let b): return CompareKernel(op, sub(a), sub(b))
        case .presence(let a, let isPresent): return PresenceKernel(sub(a), isPresent: isPresent)
        case .otherwise(let a, let b): return OtherwiseKernel(sub(a), sub(b))
        case .member(let item, let list, let negated):
            if case .constant(.list(let values)) = list.kind { return MemberKernel(sub(item), values, negated: negated) }
            return scalarKernel(e, otherAsCurrent)
        case .arithmetic(let op, let a, let b) where e.type == .int && a.type == .int && b.type == .int && op != .divide:
            return IntegerArithmeticKernel(op, sub(a), sub(b))
        case .call(.validPersonnummer, let args) where args.count == 1 && args[0].type == .personnummer:
            return PersonnummerTestKernel(sub(args[0]), samordning: false)
        case .call(.samordningsnummer, let args) where args.count == 1 && args[0].type == .personnummer:
            return PersonnummerTestKernel(sub(args[0]), samordning: true)
        case .aggregate(let kind, let field, let plan, let index) where !otherAsCurrent:
            let search = registry.plans[index] ?? SearchPlan(kind: kind, field: field, plan: plan, fields: fields, compiler: self)
            registry.plans[index] = search
            return AggregateKernel(lookup: index, plan: search, resultType: e.type)
        default:
            return scalarKernel(e, otherAsCurrent)
        }
    }

    private func scalarKernel(_ e: TypedExpr, _ otherAsCurrent: Bool) -> Kernel {
        // Searches inside reach the run's indexes from the closure: they need plans too.
        registerSearches(in: e)
        // The closure reads `other` from the frame, which is the row itself here.
        return ScalarKernel(scalar.compile(e))
    }

    private func registerSearches(in e: TypedExpr) {
        switch e.kind {
        case .aggregate(let kind, let field, let plan, let index):
            if registry.plans[index] == nil {
                registry.plans[index] = SearchPlan(kind: kind, field: field, plan: plan, fields: fields, compiler: self)
            }
        case .constant, .field, .otherField, .param, .define, .measureValue: break
        case .list(let items): items.forEach(registerSearches)
        case .not(let a), .negate(let a), .presence(let a, _), .shiftDate(let a, _, _): registerSearches(in: a)
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .arithmetic(_, let a, let b),
            .member(let a, let b, _), .startsWith(let a, let b), .textContains(let a, let b), .otherwise(let a, let b):
            registerSearches(in: a)
            registerSearches(in: b)
        case .conditional(let a, let b, let c):
            registerSearches(in: a)
            registerSearches(in: b)
            registerSearches(in: c)
        case .call(_, let args): args.forEach(registerSearches)
        }
    }
}

/// `+`, `-`, `*` on whole numbers; an overflow is missing, as in the closures.
final class IntegerArithmeticKernel: Kernel, @unchecked Sendable {
    let op: Arithmetic
    let a: Kernel, c: Kernel

    init(_ op: Arithmetic, _ a: Kernel, _ c: Kernel) {
        self.op = op
        self.a = a
        self.c = c
    }

    override func eval(_ b: Batch) -> Vec {
        let x = b.operand(a.eval(b), physical: .int), y = b.operand(c.eval(b), physical: .int)
        var out = [UInt64](repeating: 0, count: b.count)
        var valid = zip(x.valid, y.valid).map { $0 & $1 }
        for i in 0..<b.count where Bits.test(valid, i) {
            let m = Int64(bitPattern: x.w[i]), n = Int64(bitPattern: y.w[i])
            let (r, overflow) =
                switch op {
                case .plus: m.addingReportingOverflow(n)
                case .minus: m.subtractingReportingOverflow(n)
                case .times: m.multipliedReportingOverflow(by: n)
                case .divide: (0, true)
                }
            if overflow { valid[i >> 6] &= ~(1 << UInt64(i & 63)) } else { out[i] = UInt64(bitPattern: r) }
        }
        return .words(Words(w: out, valid: valid, physical: .int))
    }
}

/// `valid_personnummer(p)` and `samordningsnummer(p)` on packed
/// personnummer: the text is rebuilt as bytes on the stack, no `String`.
final class PersonnummerTestKernel: Kernel, @unchecked Sendable {
    let a: Kernel
    let samordning: Bool

    init(_ a: Kernel, samordning: Bool) {
        self.a = a
        self.samordning = samordning
    }

    override func eval(_ b: Batch) -> Vec {
        let x = b.operand(a.eval(b), physical: .personnummer)
        var yes = Bits.none(b.count), no = Bits.none(b.count)
        for i in 0..<b.count where Bits.test(x.valid, i) {
            let p = PackedPersonnummer(raw: x.w[i])
            let holds = samordning ? p.isSamordningsnummer : p.validity == .valid
            if holds { Bits.set(&yes, i) } else { Bits.set(&no, i) }
        }
        return .truth(Truth(yes: yes, no: no))
    }
}
