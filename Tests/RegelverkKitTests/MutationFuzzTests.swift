import Foundation
import RegelData
import Testing
@testable import RegelCheck
@testable import RegelDiff
@testable import RegelEval
@testable import RegelGenerate
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

/// Bad input is normal input: the shipped rule files, damaged at random
/// (characters deleted, duplicated, swapped, words dropped), must give
/// diagnostics and never crash the checker or the evaluator. A fixed seed
/// keeps the run repeatable. `swift test` runs a short round; a long one is
/// `REGELVERK_FUZZ_ROUNDS=5000 swift test --filter MutationFuzz`.
@Suite struct MutationFuzzTests {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func damagedRuleFilesNeverCrash() throws {
        let files = try RulesetLoader.expand([Self.root.appendingPathComponent("rulesets").path])
        var random = Generator(state: 20_261_121)
        let rounds = Int(ProcessInfo.processInfo.environment["REGELVERK_FUZZ_ROUNDS"] ?? "") ?? 80
        var checkedCount = 0
        for path in files {
            let original = Array(try String(contentsOfFile: path, encoding: .utf8).unicodeScalars)
            for _ in 0..<rounds {
                var text = original
                for _ in 0..<(1 + random.below(4)) {
                    let at = random.below(text.count)
                    switch random.below(5) {
                    case 0: text.remove(at: at)
                    case 1: text.insert(text[at], at: at)
                    case 2: text.insert(["(", ")", "\"", "{", "}", ":", "=", "-", "#", "\n", "ö"][random.below(11)], at: at)
                    case 3: if at + 1 < text.count { text.swapAt(at, at + 1) }
                    default:
                        let end = min(text.count, at + random.below(40))
                        text.removeSubrange(at..<end)
                    }
                }
                var s = String.UnicodeScalarView()
                s.append(contentsOf: text)
                let loaded = RulesetLoader.load(text: String(s), path: "damaged.regel")
                for d in loaded.diagnostics { _ = DiagnosticRenderer().render(d, in: loaded.file) }
                if let checked = loaded.checked {
                    checkedCount += 1
                    _ = TestRunner.run(checked)
                }
            }
        }
        // Some damage is harmless (inside a comment or a message): those files still run.
        #expect(checkedCount > 0)
    }

    /// Damaged exports (the shipped examples with bytes deleted, duplicated,
    /// quotes and delimiters inserted) are read without a crash, and every
    /// record is accounted for.
    @Test func damagedExportsNeverCrash() throws {
        var random = Generator(state: 42)
        let rounds = Int(ProcessInfo.processInfo.environment["REGELVERK_FUZZ_ROUNDS"] ?? "") ?? 80
        for name in ["skane-distans", "stockholm-rehab", "vgr-primar-sekundar", "skr-aterbesok", "vgr-oppenvardsprocess"] {
            let rules = Self.root.appendingPathComponent("rulesets/\(name).regel").path
            let checked = try #require(try RulesetLoader.load(path: rules).checked)
            let original = Array(try Data(contentsOf: Self.root.appendingPathComponent("rulesets/examples/\(name).csv")))
            for _ in 0..<rounds {
                var bytes = original
                for _ in 0..<(1 + random.below(6)) {
                    let at = 20 + random.below(bytes.count - 20)
                    switch random.below(4) {
                    case 0: bytes.remove(at: at)
                    case 1: bytes.insert(bytes[at], at: at)
                    case 2: bytes.insert([34, 44, 59, 10, 13, 0xC3, 0xFF, 124][random.below(8)], at: at)
                    default: bytes.removeSubrange(at..<min(bytes.count, at + random.below(60)))
                    }
                }
                let source = DataSource(name: "damaged.csv", bytes: bytes)
                guard let result = try? Validation.run(checked, params: checked.params.map(\.defaultValue), sources: [source]) else { continue }
                #expect(result.read == result.validated + result.rejected + result.outside)
            }
        }
    }
}
