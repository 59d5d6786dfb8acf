/// Which header of an export probably is a declared column that the header
/// lacks: the same name but for case, spaces, accents (`å` for `a`) and
/// `-`/`_`, or else a likely typo of it. Export systems name columns for
/// people (`Ordinarie personal`, `ID-kontroll`), contracts for tools.
package enum HeaderSuggestion {
    /// The headers that differ from `name` only in case, spaces, accents and
    /// `-`/`_`/`.`; when there is none, the closest likely typo, if any.
    package static func nearMisses(for name: String, among headers: [String]) -> [String] {
        let key = folded(name)
        let same = headers.filter { folded($0) == key }
        if !same.isEmpty { return same }
        let byKey = Dictionary(headers.map { (folded($0), $0) }, uniquingKeysWith: { first, _ in first })
        return closest(key, among: byKey.keys).flatMap { byKey[$0] }.map { [$0] } ?? []
    }

    /// Lowercase, accents dropped, spaces and separators removed.
    package static func folded(_ s: String) -> String {
        var out = ""
        for c in s.lowercased() {
            switch c {
            case " ", "\t", "-", "_", ".": continue
            case "å", "ä", "à", "á", "â", "ã": out.append("a")
            case "ö", "ø", "ò", "ó", "ô", "õ": out.append("o")
            case "é", "è", "ê", "ë": out.append("e")
            case "ü", "ù", "ú", "û": out.append("u")
            case "í", "ì", "î", "ï": out.append("i")
            case "æ": out.append("ae")
            case "ç": out.append("c")
            case "ñ": out.append("n")
            case "ý", "ÿ": out.append("y")
            default: out.append(c)
            }
        }
        return out
    }
}
