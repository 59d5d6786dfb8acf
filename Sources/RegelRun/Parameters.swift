import RegelCheck
import RegelValues

/// `--param name=value` overrides, read as the parameter's type.
public enum Parameters {
    /// For several versions: an override applies to each version that has
    /// the parameter, and must fit at least one.
    public static func resolve(_ overrides: [String], for versions: [CheckedRuleset]) throws(InputError) -> [[Value]] {
        if versions.count == 1 { return [try resolve(overrides, for: versions[0])] }
        var out: [[Value]] = versions.map { $0.params.map(\.defaultValue) }
        for override in overrides {
            var firstError: InputError?
            var applied = false
            for (i, v) in versions.enumerated() {
                do {
                    let values = try resolve([override], for: v)
                    for (k, p) in v.params.enumerated() where override.hasPrefix(p.name + "=") { out[i][k] = values[k] }
                    applied = true
                } catch { if firstError == nil { firstError = error } }
            }
            if !applied, let firstError { throw firstError }
        }
        return out
    }

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
