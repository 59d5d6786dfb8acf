import RegelValues

/// A command's arguments: options with a value (`--format jsonl` or
/// `--format=jsonl`), flags, and the rest in order. Anything unknown is a
/// usage error naming the option.
struct Arguments {
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var positional: [String] = []

    init(_ args: [String], options: Set<String>, flags known: Set<String>) throws(UsageError) {
        var i = 0
        var onlyPositional = false
        while i < args.count {
            let a = args[i]
            i += 1
            if onlyPositional || !a.hasPrefix("-") || a == "-" { positional.append(a); continue }
            if a == "--" { onlyPositional = true; continue }
            if a == "-h" { flags.insert("--help"); continue }
            var name = a, inline: String?
            if let eq = a.firstIndex(of: "=") { name = String(a[..<eq]); inline = String(a[a.index(after: eq)...]) }
            if known.contains(name) { flags.insert(name); continue }
            guard options.contains(name) else {
                let all = options.union(known)
                throw UsageError("unknown option \(name)" + (closest(name, among: all).map { "; did you mean \($0)?" } ?? ""))
            }
            if let inline { values[name, default: []].append(inline); continue }
            guard i < args.count else { throw UsageError("\(name) needs a value") }
            values[name, default: []].append(args[i])
            i += 1
        }
    }

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func has(_ flag: String) -> Bool { flags.contains(flag) }
}

struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
