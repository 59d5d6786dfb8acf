import RegelBuiltins

extension Value {
    /// The value as outputs for people and tools show it: with `maskingPersonnummer`,
    /// a personnummer as `19811218-****` and any personnummer inside a text
    /// masked the same way (see `PersonnummerMask`).
    package func shown(maskingPersonnummer mask: Bool) -> String {
        guard mask else { return description }
        switch self {
        case .personnummer(let p): return PersonnummerMask.mask(p.description)
        case .text(let s): return PersonnummerMask.maskAll(in: s)
        case .list(let items): return items.map { $0.shown(maskingPersonnummer: true) }.joined(separator: "|")
        default: return description
        }
    }
}
