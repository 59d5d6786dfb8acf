// regelverk-bench: times `regelverk validate` on generated exports, side by
// side with the yardsticks of ../shared/bench (a hand-written Swift program
// for the same checks, and DuckDB SQL), and checks that the findings agree.
//
//   swift build -c release && swift run -c release regelverk-bench
//
// See Options.usage and docs/performance.md.

import Foundation
import RegelCheck
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct Tool {
    var name: String
    var argv: (_ input: String, _ output: String) -> [String]
    var searchPath = false
    var okStatus: Set<Int32> = [0]
}

struct Row {
    var size: Int
    var workload: String
    var tool: String
    var runs: [Measurement]
    var ratioWall: Double?
    var ratioCPU: Double?
}

func records(_ n: Int) -> String {
    n >= 1_000_000 && n % 1_000_000 == 0 ? "\(n / 1_000_000)M" : (n >= 1000 && n % 1000 == 0 ? "\(n / 1000)k" : "\(n)")
}

func perSecond(_ v: Double) -> String {
    v >= 1e6 ? String(format: "%.2fM", v / 1e6) : String(format: "%.0fk", v / 1e3)
}

/// Writes a line at once (progress shows while the runs go on, also through a pipe).
func say(_ s: String = "") {
    let line = s + "\n"
    line.withCString { p in _ = write(1, p, strlen(p)) }
}

func runBench() -> Int32 {
    let options = Options(Array(CommandLine.arguments.dropFirst()))
    let setup = Setup.find()
    let workloads = Workload.all.filter { options.workloads.contains($0.id) }

    say("regelverk-bench")
    say("  machine:   \(Machine.describe())")
    say("  regelverk: \(setup.regelverk)")
    say("  sizes \(options.sizes.map(String.init).joined(separator: ", ")); \(options.runs) timed runs each (medians), seed \(options.seed)")

    // MARK: Yardsticks

    var baseline: String?
    var duckdb = false
    if !options.yardsticks {
        say("  yardsticks: skipped (--no-yardsticks)")
    } else if let shared = setup.shared {
        let scratch = setup.data + "/.baseline-build"
        let log = setup.data + "/logs/baseline-build.txt"
        say("  baseline:  building \(shared)/baseline (release) into \(setup.relative(scratch)) …")
        let b = Child.run(
            ["swift", "build", "-c", "release", "--package-path", shared + "/baseline", "--scratch-path", scratch],
            stdout: log, stderr: log, searchPath: true)
        let path = scratch + "/release/baseline"
        if b.status == 0 && FileManager.default.isExecutableFile(atPath: path) {
            baseline = path
            say(String(format: "  baseline:  %@ (built in %.1f s)", setup.relative(path), b.wall))
        } else {
            say("  baseline:  the build failed (status \(b.status)); see \(setup.relative(log)). Skipping the baseline.")
        }
        let probe = Child.run(["python3", "-c", "import duckdb"], searchPath: true)
        if probe.status == 0 {
            duckdb = true
            say("  duckdb:    python3 with duckdb found; running \(shared)/duckdb_w1.py and duckdb_w2.py")
        } else {
            say("  duckdb:    python3 cannot import duckdb (`pip install duckdb`); skipping DuckDB")
        }
    } else {
        say("  yardsticks: ../shared/bench is not beside the package root; timing Regelverk alone")
    }

    for w in workloads where w.id == "w1" {
        let path = setup.root + "/" + w.rules
        let count = (try? RulesetLoader.load(path: path).checked).flatMap { $0 }.map { $0.ruleIds.count }
        say("  note: W1 times the shipped rulesets/skane-distans.regel as it is (\(count.map(String.init) ?? "all") rules and checks, the whole")
        say("        regulation); the yardsticks implement 12 of them. The differential check compares those 12.")
    }
    for w in workloads where w.id == "w1y" {
        say("  note: W1Y times \(w.rules): the same 12 rules as the yardsticks, copied from the shipped file (like for like).")
    }
    for w in workloads where w.id == "w2" {
        say("  note: W2 times the shipped rulesets/stockholm-rehab.regel (its cap plus the rules ordinarie_personal, personnummer_ogiltigt);")
        say("        the differential check compares the cap's 4 checks (innehall, vecka, utan_fysiskt, tolv_manader).")
    }

    // MARK: Runs

    var rows: [Row] = []
    var checks: [String] = []
    var failedCheck = false

    for size in options.sizes {
        for w in workloads {
            say("\n\(w.id.uppercased()) \(w.ruleset), \(size) records — \(w.title)")
            let input = setup.dataFile(w.ruleset, size, seed: options.seed)
            let out = { (tool: String) in "\(setup.data)/out/\(w.id)-\(size)-\(tool).\(tool == "regelverk" ? "csv" : "txt")" }
            var tools = [
                Tool(
                    name: "regelverk",
                    argv: { i, o in
                        [setup.regelverk, "validate", "--rules", setup.root + "/" + w.rules, "--format", "csv", "--output", o, i]
                    }, okStatus: [0, 1])
            ]
            if let baseline { tools.append(Tool(name: "baseline", argv: { i, o in [baseline, w.yardstick, i, o] })) }
            if duckdb, let shared = setup.shared {
                tools.append(Tool(name: "duckdb", argv: { i, o in ["python3", "\(shared)/duckdb_\(w.yardstick).py", i, o] }, searchPath: true))
            }
            let warmup = size >= 10_000_000 && !CommandLine.arguments.contains(where: { $0.hasPrefix("--warmup") }) ? 0 : options.warmup
            var results = [[Measurement]](repeating: [], count: tools.count)
            for run in -warmup..<options.runs {
                for (k, tool) in tools.enumerated() {
                    let log = "\(setup.data)/logs/\(w.id)-\(size)-\(tool.name).stderr.txt"
                    let m = Child.run(tool.argv(input, out(tool.name)), stderr: log, searchPath: tool.searchPath)
                    if !tool.okStatus.contains(m.status) {
                        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                        fail("\(tool.name) exited with status \(m.status) on \(setup.relative(input)):\n\(text.suffix(2000))")
                    }
                    if run >= 0 { results[k].append(m) }
                    let label =
                        (run < 0 ? "warmup" : "run \(run + 1)").padding(toLength: 7, withPad: " ", startingAt: 0)
                        + tool.name.padding(toLength: 10, withPad: " ", startingAt: 0)
                    say("  " + label + String(format: "wall %7.3f s  cpu %7.3f s  peak %7.1f MiB", m.wall, m.cpu, m.peakMiB))
                }
            }
            for (k, tool) in tools.enumerated() {
                var row = Row(size: size, workload: w.id.uppercased(), tool: tool.name, runs: results[k])
                if k > 0 {
                    row.ratioWall = median(zip(results[0], results[k]).map { $0.wall / $1.wall })
                    row.ratioCPU = median(zip(results[0], results[k]).map { $0.cpu / $1.cpu })
                }
                rows.append(row)
            }
            // Differential check against the baseline (and DuckDB against the baseline).
            if baseline != nil {
                let label = "\(w.id.uppercased()) \(size)"
                guard let r = Findings.fromRegelverkCSV(out("regelverk"), rules: w.yardstickRules),
                    let b = Findings.fromLines(out("baseline"))
                else {
                    checks.append("\(label): could not read the outputs"); failedCheck = true; continue
                }
                let (ok, text) = Findings.compare(r.pairs, b, yardstickName: "baseline")
                if !ok { failedCheck = true }
                let others = r.other.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                checks.append(
                    "\(label) Regelverk vs baseline: \(text)" + (others.isEmpty ? "" : "\n      (not compared, rules outside the yardstick: \(others))"))
                if duckdb, let d = Findings.fromLines(out("duckdb")) {
                    checks.append("\(label) DuckDB vs baseline: \(Findings.compare(d, b, yardstickName: "baseline").text)")
                }
                say("  check: " + checks.suffix(duckdb ? 2 : 1).joined(separator: "\n  check: "))
            }
        }
    }

    // MARK: Report

    say("\n## Results (medians of \(options.runs) runs; ratio = Regelverk / tool, median of the per-run ratios)\n")
    say("| size | workload | tool | wall s | cpu s | peak MiB | records/s | ratio wall | ratio cpu |")
    say("|---:|---|---|---:|---:|---:|---:|---:|---:|")
    for r in rows {
        let wall = median(r.runs.map(\.wall)), cpu = median(r.runs.map(\.cpu)), peak = median(r.runs.map(\.peakMiB))
        let ratioWall = r.ratioWall.map { String(format: "%.2f", $0) } ?? "—"
        let ratioCPU = r.ratioCPU.map { String(format: "%.2f", $0) } ?? "—"
        say(
            String(
                format: "| %@ | %@ | %@ | %.3f | %.3f | %.0f | %@ | %@ | %@ |", records(r.size), r.workload, r.tool, wall, cpu, peak,
                perSecond(Double(r.size) / wall), ratioWall, ratioCPU))
    }

    let sizes = options.sizes.sorted()
    if sizes.count > 1 {
        say("\n## Growth with input size (median wall time ratio; per 10× input)\n")
        for w in workloads {
            let tools = rows.filter { $0.workload == w.id.uppercased() }.map(\.tool).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            for tool in tools {
                var parts: [String] = []
                for (a, b) in zip(sizes, sizes.dropFirst()) {
                    guard let ra = rows.first(where: { $0.size == a && $0.workload == w.id.uppercased() && $0.tool == tool }),
                        let rb = rows.first(where: { $0.size == b && $0.workload == w.id.uppercased() && $0.tool == tool })
                    else { continue }
                    let f = median(rb.runs.map(\.wall)) / median(ra.runs.map(\.wall))
                    let per10 = pow(f, 1 / log10(Double(b) / Double(a)))
                    let mem = median(rb.runs.map(\.peakMiB)) / median(ra.runs.map(\.peakMiB))
                    parts.append(String(format: "%@→%@ time ×%.1f (×%.1f per 10×), peak memory ×%.1f", records(a), records(b), f, per10, mem))
                }
                if !parts.isEmpty { say("- \(w.id.uppercased()) \(tool): " + parts.joined(separator: "; ")) }
            }
        }
    }

    if !checks.isEmpty {
        say("\n## Differential check (record id, rule id)\n")
        for c in checks { say("- " + c) }
    }
    return failedCheck ? 1 : 0
}

exit(runBench())
