import RegelBuiltins
import RegelCheck
import RegelGenerate
import RegelValues

enum GenerateCommand {
    static let help = """
        usage: regelverk generate RULESET --records N [--seed S] [--output FILE] [--format csv|jsonl]

        Writes N realistic records with the columns of a shipped ruleset's contract, for
        trying out rule files and measuring speed: valid personnummer, Swedish unit names
        (some with commas, so CSV quoting is exercised), dates over several years in date
        order, several contacts per patient and unit, and a few percent of records that
        break a rule. The same RULESET, N, seed and format always give the same bytes.

        RULESET is a ruleset name (skane-distans, stockholm-rehab, vgr-primar-sekundar,
        skr-aterbesok, vgr-oppenvardsprocess) or the path to its .regel file: the file's
        `ruleset` name picks the contract, and its effective dates narrow the records' dates.

        options:
          --records N        how many records (required); 100k and 10M are accepted
          --seed S           a whole number; default \(DataGenerator.defaultSeed)
          --output FILE      write to FILE instead of standard output
          --format csv|jsonl CSV with a header row (default), or JSON Lines

        example:
          regelverk generate skane-distans --records 100000 --output skane-100k.csv
          regelverk validate --rules rulesets/skane-distans.regel --format csv --output fynd.csv skane-100k.csv
          regelverk generate rulesets/stockholm-rehab.regel --records 1M --seed 7 --format jsonl --output rehab.jsonl

        exit status: 0 written, 2 usage or input error.

        """

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, options: ["--records", "--seed", "--output", "--format"], flags: ["--help"])
        if a.has("--help") { console.out(help); return 0 }
        guard a.positional.count == 1, let target = a.positional.first else {
            throw UsageError(
                a.positional.isEmpty
                    ? "name the ruleset to generate records for: \(DataGenerator.contracts.joined(separator: ", ")), or a .regel file"
                    : "give one ruleset (got \(a.positional.count): \(a.positional.joined(separator: " ")))")
        }
        guard let recordsText = a.value("--records") else {
            throw UsageError("--records N is required: how many records to write")
        }
        guard let records = parseCount(recordsText) else {
            throw UsageError("--records \(recordsText): expected a whole number of 0 or more, such as 100000, 100k or 10M")
        }
        var seed = DataGenerator.defaultSeed
        if let s = a.value("--seed") {
            guard let v = UInt64(s) ?? Int64(s).map({ UInt64(bitPattern: $0) }) else {
                throw UsageError("--seed \(s): expected a whole number")
            }
            seed = v
        }
        let formatText = a.value("--format") ?? "csv"
        guard let format = GenerateFormat(rawValue: formatText == "json" ? "jsonl" : formatText) else {
            throw UsageError("--format \(formatText): choose csv or jsonl")
        }

        var name = target
        var dates: ClosedRange<Day>? = nil
        if target.hasSuffix(".\(RulesetLoader.fileExtension)") || target.contains("/") {
            guard let rulesets = try RegelverkCLI.loadRulesets([target], console), let ruleset = rulesets.first else { return 2 }
            name = ruleset.name
            if let range = DataGenerator.defaultDates(of: name) {
                dates = narrowed(range, effective: ruleset.effective, until: ruleset.until)
            }
        }
        guard DataGenerator.columns(of: name) != nil else {
            let hint = closest(name, among: DataGenerator.contracts).map { " Did you mean `\($0)`?" } ?? ""
            throw UsageError("no generator for the ruleset `\(name)`.\(hint) Records can be generated for \(DataGenerator.contracts.joined(separator: ", ")).")
        }
        let output = a.value("--output") ?? "-"
        do {
            if output == "-" {
                if console.capture {
                    console.out(
                        String(decoding: try DataGenerator.bytes(contract: name, records: records, seed: seed, format: format, dates: dates), as: UTF8.self))
                } else {
                    try DataGenerator.generate(contract: name, records: records, seed: seed, format: format, dates: dates, toFile: "-")
                }
            } else {
                try DataGenerator.generate(contract: name, records: records, seed: seed, format: format, dates: dates, toFile: output)
                console.err("wrote \(records) \(name) records (seed \(seed), \(format.rawValue)) to \(output)\n")
            }
        } catch {
            throw InputError(error.description)
        }
        return 0
    }

    /// `1000000`, `1_000_000`, `100k`, `10M`.
    static func parseCount(_ text: String) -> Int? {
        var digits = text.filter { $0 != "_" }
        var factor = 1
        switch digits.last {
        case "k", "K": factor = 1_000; digits.removeLast()
        case "m", "M": factor = 1_000_000; digits.removeLast()
        default: break
        }
        guard let n = Int(digits), n >= 0 else { return nil }
        let (v, overflow) = n.multipliedReportingOverflow(by: factor)
        return overflow ? nil : v
    }

    /// The contract's dates within the ruleset's effective period; when they
    /// do not meet, three years from the effective date.
    static func narrowed(_ range: ClosedRange<Day>, effective: Day?, until: Day?) -> ClosedRange<Day> {
        let low = max(range.lowerBound, effective ?? range.lowerBound)
        let high = min(range.upperBound, until ?? range.upperBound)
        if low <= high { return low...high }
        let start = effective ?? range.lowerBound
        let end = until ?? start.adding(days: 3 * 365)
        return start...max(start, end)
    }
}
