/// `--param name=value` overrides, read as the parameter's type.
public enum Parameters {
    public static func resolve(_ overrides: [String], for ruleset: CheckedRuleset) throws(InputError) -> [Value] {
        var values = ruleset.params.map(\.defaultValue)
        for override in overrides {
            guard let eq = override.firstIndex(of: "=") else {
                throw InputError("--param \(override): write it as name=value, e.g. --param referensdatum=2025-06-30")
            }
            let name = String(override[..<eq]), text = String(override[override.index(after: eq)...])
            guard let i = ruleset.params.firstIndex(where: { $0.name == name }) else {
                let known = ruleset.params.map(\.name)
                let hint = closest(name, among: known).map { " Did you mean `\($0)`?" } ?? ""
                let list = known.joined(separator: ", ")
                let tail = known.isEmpty ? " It takes no parameters." : " Its parameters: " + list + "."
                throw InputError("--param \(name): the ruleset \(ruleset.name) has no parameter `\(name)`." + hint + tail)
            }
            switch CellConverter.convert(.text(text), to: ruleset.params[i].type) {
            case .success(let v): values[i] = v
            case .failure(let p): throw InputError("--param \(name)=\(text): \(p.expected)")
            }
        }
        return values
    }
}
