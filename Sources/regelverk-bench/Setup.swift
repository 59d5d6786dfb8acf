import Foundation
import RegelGenerate
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The two workloads of ../shared/bench/README.md.
struct Workload {
    var id: String
    /// The contract the data is generated for.
    var ruleset: String
    /// The rule file timed, relative to the package root.
    var rules: String
    /// The yardstick workload of ../shared/bench run beside it (`w1`, `w2`).
    var yardstick: String
    var title: String
    /// The rule ids the yardsticks implement.
    var yardstickRules: Set<String>

    static let w1Rules: Set<String> = [
        "ersatter_journalford", "ersatter_bedomning", "ersatter_deltagare", "vk_id_kontroll",
        "sob_pmo_attribut", "sob_pasis_kva", "sob_journalford", "sob_behandlarkontakt",
        "kom_endast_pmo", "uteblivit_kom", "ko_personal", "te_fore_bes"
    ]

    static let all = [
        Workload(
            id: "w1", ruleset: "skane-distans", rules: "rulesets/skane-distans.regel", yardstick: "w1",
            title: "skane-distans record rules + TE-before-BES join", yardstickRules: w1Rules),
        Workload(
            id: "w1y", ruleset: "skane-distans", rules: "Sources/regelverk-bench/Rulesets/skane-distans-yardstick.regel",
            yardstick: "w1", title: "like for like: exactly the yardstick's 12 rules of skane-distans", yardstickRules: w1Rules),
        Workload(
            id: "w2", ruleset: "stockholm-rehab", rules: "rulesets/stockholm-rehab.regel", yardstick: "w2",
            title: "stockholm-rehab reimbursement caps", yardstickRules: ["innehall", "vecka", "utan_fysiskt", "tolv_manader"])
    ]
}

struct Options {
    var sizes = [100_000, 1_000_000, 10_000_000]
    var runs = 3
    var warmup = 1
    var workloads = ["w1", "w1y", "w2"]
    var yardsticks = true
    var seed = DataGenerator.defaultSeed

    static let usage = """
        usage: swift run -c release regelverk-bench [--sizes 100000,1000000,10000000] [--runs 3]
                                                    [--workloads w1,w1y,w2] [--no-yardsticks] [--warmup 1] [--seed S]

        Times `regelverk validate` on generated exports (W1: skane-distans, W1Y: the same data with
        only the yardstick's 12 rules, W2: stockholm-rehab)
        and, when ../shared/bench is beside the package, the hand-written Swift baseline and
        DuckDB SQL on the same files, runs alternating (A, B, C, A, B, C, …). Reports median
        wall and CPU time, peak memory, records per second, the ratio Regelverk/yardstick
        (median of the per-run ratios), the growth with input size, and checks that Regelverk's
        findings equal the baseline's for the yardstick's rule ids.

        Build the release binaries first: swift build -c release
        Data and outputs go to bench-data/ (git-ignored); generated files are reused.
        Sizes accept 100k and 10M. --warmup runs each tool that many times untimed first
        (default 1; 0 for sizes of 10M and more).

        """

    init(_ args: [String]) {
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else { fail("\(args[i - 1]) needs a value") }
            return args[i]
        }
        while i < args.count {
            var a = args[i]
            var inline: String?
            if let eq = a.firstIndex(of: "="), a.hasPrefix("--") { inline = String(a[a.index(after: eq)...]); a = String(a[..<eq]) }
            func v() -> String { inline ?? value() }
            switch a {
            case "-h", "--help": say(Options.usage); exit(0)
            case "--sizes":
                sizes = v().split(separator: ",").map { s in
                    guard let n = parseCount(String(s)), n > 0 else { fail("--sizes: '\(s)' is not a number of records") }
                    return n
                }
            case "--runs":
                guard let n = Int(v()), n >= 1 else { fail("--runs needs a number of 1 or more") }
                runs = n
            case "--warmup":
                guard let n = Int(v()), n >= 0 else { fail("--warmup needs a number of 0 or more") }
                warmup = n
            case "--workloads":
                workloads = v().lowercased().split(separator: ",").map(String.init)
                for w in workloads where !Workload.all.contains(where: { $0.id == w }) { fail("--workloads: unknown '\(w)'; choose w1, w2") }
            case "--no-yardsticks": yardsticks = false
            case "--seed":
                guard let s = UInt64(v()) else { fail("--seed needs a whole number") }
                seed = s
            default: fail("unknown option \(a)\n\n" + Options.usage)
            }
            i += 1
        }
    }
}

func parseCount(_ text: String) -> Int? {
    var t = text.filter { $0 != "_" }
    var f = 1
    if t.hasSuffix("k") || t.hasSuffix("K") { f = 1_000; t.removeLast() } else if t.hasSuffix("M") || t.hasSuffix("m") { f = 1_000_000; t.removeLast() }
    return Int(t).map { $0 * f }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(("regelverk-bench: " + message + "\n").data(using: .utf8)!)
    exit(2)
}

/// Where everything is.
struct Setup {
    var root: String
    var regelverk: String
    var data: String
    var shared: String?

    static func find() -> Setup {
        let exe = executablePath()
        let exeDir = (exe as NSString).deletingLastPathComponent
        let regelverk = exeDir + "/regelverk"
        guard FileManager.default.isExecutableFile(atPath: regelverk) else {
            fail("no regelverk binary next to this one (\(exeDir)). Build it first: swift build -c release")
        }
        if !exeDir.contains("release") {
            say("note: \(exeDir) does not look like a release build; run `swift build -c release` and `swift run -c release regelverk-bench`")
        }
        var candidates = [FileManager.default.currentDirectoryPath]
        var d = exeDir
        while d != "/" && !d.isEmpty { candidates.append(d); d = (d as NSString).deletingLastPathComponent }
        guard let root = candidates.first(where: { isPackageRoot($0) }) ?? candidates.lazy.compactMap({ findUp($0) }).first else {
            fail("cannot find the Regelverk package folder (with Package.swift and rulesets/); run from inside it")
        }
        let data = root + "/bench-data"
        for sub in ["", "/out", "/logs"] {
            try? FileManager.default.createDirectory(atPath: data + sub, withIntermediateDirectories: true)
        }
        let shared = ((root + "/../shared/bench") as NSString).standardizingPath
        var isDir: ObjCBool = false
        let hasShared = FileManager.default.fileExists(atPath: shared, isDirectory: &isDir) && isDir.boolValue
        return Setup(root: root, regelverk: regelverk, data: data, shared: hasShared ? shared : nil)
    }

    static func isPackageRoot(_ d: String) -> Bool {
        FileManager.default.fileExists(atPath: d + "/Package.swift")
            && FileManager.default.fileExists(atPath: d + "/rulesets/skane-distans.regel")
    }

    static func findUp(_ start: String) -> String? {
        var d = start
        while d != "/" && !d.isEmpty {
            if isPackageRoot(d) { return d }
            d = (d as NSString).deletingLastPathComponent
        }
        return nil
    }

    static func executablePath() -> String {
        #if os(Linux)
            var buffer = [CChar](repeating: 0, count: 4096)
            let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
            if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        #endif
        let arg0 = CommandLine.arguments[0]
        return arg0.hasPrefix("/") ? arg0 : FileManager.default.currentDirectoryPath + "/" + arg0
    }

    /// The data file for a ruleset and size, generated when missing (written
    /// under a temporary name and renamed, so an interrupted run leaves no
    /// half file to be reused).
    func dataFile(_ ruleset: String, _ size: Int, seed: UInt64) -> String {
        let path = "\(data)/\(ruleset)-\(size)-seed\(seed)-g\(DataGenerator.version).csv"
        if FileManager.default.fileExists(atPath: path) {
            say("  data: reusing \(relative(path))")
            return path
        }
        let tmp = path + ".part"
        let t0 = Child.now()
        do {
            try DataGenerator.generate(contract: ruleset, records: size, seed: seed, format: .csv, toFile: tmp)
        } catch {
            fail("generating \(relative(path)): \(error)")
        }
        rename(tmp, path)
        let mib = Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1_048_576
        say(String(format: "  data: generated %@ (%.0f MiB) in %.2f s", relative(path), mib, Child.now() - t0))
        return path
    }

    func relative(_ path: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}

/// A few lines about the machine, for the report.
enum Machine {
    static func describe() -> String {
        let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        var model = "unknown CPU"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
            let colon = line.firstIndex(of: ":")
        {
            model = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var memory = ""
        if let info = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
            let line = info.split(separator: "\n").first(where: { $0.hasPrefix("MemTotal") })
        {
            let kb = Double(line.split(separator: " ").compactMap { Double($0) }.first ?? 0)
            memory = String(format: ", %.1f GiB RAM", kb / 1_048_576)
        }
        return "\(cores) cores, \(model)\(memory)"
    }
}
