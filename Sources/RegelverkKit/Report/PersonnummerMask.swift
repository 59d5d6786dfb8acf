import RegelData
import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
/// Personnummer in outputs meant for people show the birth date only:
/// `19811218-1234` becomes `19811218-****`, enough to tell records apart in
/// a report without spreading the full number.
enum PersonnummerMask {
    static func mask(_ text: String) -> String {
        if let sep = text.firstIndex(where: { $0 == "-" || $0 == "+" }) {
            return String(text[...sep]) + "****"
        }
        return text.count > 8 ? String(text.prefix(8)) + "****" : "****"
    }

    static func shown(_ v: Value, mask: Bool) -> String {
        switch v {
        case .personnummer(let p): mask ? PersonnummerMask.mask(p.description) : p.description
        case .list(let items): items.map { shown($0, mask: mask) }.joined(separator: "|")
        default: v.description
        }
    }
}
