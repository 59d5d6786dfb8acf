// swift-tools-version:6.0
import PackageDescription

// One module per layer of the pipeline; each depends only on those below it,
// so the compiler refuses an import that points up a layer (docs/architecture.md):
//   RegelBuiltins              bytes, calendar and personnummer arithmetic
//   RegelData                  reading exports
//   RegelValues                run-time values, their types, cell conversion, the suggester
//   RegelSyntax                source files, diagnostics, lexer, parser, formatter
//   RegelCheck                 names and types; loading a rule file
//   RegelEval                  compiling and evaluating a checked ruleset over a table
//   RegelRun                   validation, rule tests, findings output
//   RegelDiff                  comparing ruleset versions, impact on data
//   RegelSQL                   a checked ruleset as one SQL query (DuckDB, PostgreSQL, Spark)
//   RegelGenerate              synthetic exports for the shipped contracts
//   RegelverkKit               the CLI commands; `regelverk` is a thin main
// Release builds skip the run-time exclusivity checks on the hot paths (they
// showed as 6 % of reading an export); debug builds, which the tests use, keep them.
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Regelverk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "regelverk", targets: ["regelverk"]),
        .library(name: "RegelverkKit", targets: ["RegelverkKit"])
    ],
    targets: [
        .target(name: "RegelBuiltins", swiftSettings: fast),
        .target(name: "RegelData", dependencies: ["RegelBuiltins"], swiftSettings: fast),
        .target(name: "RegelValues", dependencies: ["RegelData", "RegelBuiltins"], swiftSettings: fast),
        .target(name: "RegelSyntax", dependencies: ["RegelValues"], swiftSettings: fast),
        .target(name: "RegelCheck", dependencies: ["RegelSyntax", "RegelValues", "RegelBuiltins"], swiftSettings: fast),
        .target(name: "RegelEval", dependencies: ["RegelCheck", "RegelSyntax", "RegelValues", "RegelData", "RegelBuiltins"], swiftSettings: fast),
        .target(name: "RegelRun", dependencies: ["RegelEval", "RegelCheck", "RegelSyntax", "RegelValues", "RegelData", "RegelBuiltins"], swiftSettings: fast),
        .target(
            name: "RegelDiff", dependencies: ["RegelRun", "RegelEval", "RegelCheck", "RegelSyntax", "RegelValues", "RegelData", "RegelBuiltins"],
            swiftSettings: fast),
        .target(name: "RegelSQL", dependencies: ["RegelCheck", "RegelSyntax", "RegelValues", "RegelBuiltins"], swiftSettings: fast),
        .target(name: "RegelGenerate", dependencies: ["RegelData", "RegelBuiltins"], swiftSettings: fast),
        .target(
            name: "RegelverkKit",
            dependencies: [
                "RegelSQL", "RegelDiff", "RegelRun", "RegelEval", "RegelCheck", "RegelSyntax", "RegelValues", "RegelGenerate", "RegelData", "RegelBuiltins"
            ], swiftSettings: fast),
        // The fuzz targets' properties (docs/robustness.md); replayed by RegelFuzzTests.
        .target(name: "RegelFuzz", dependencies: ["RegelSQL", "RegelDiff", "RegelRun", "RegelEval", "RegelCheck", "RegelSyntax", "RegelValues", "RegelData"]),
        .executableTarget(name: "regelverk", dependencies: ["RegelverkKit"]),
        // The benchmark: `swift run -c release regelverk-bench` (not part of `swift test`).
        .executableTarget(name: "regelverk-bench", dependencies: ["RegelCheck", "RegelGenerate"], exclude: ["Rulesets"]),
        .testTarget(name: "RegelDataTests", dependencies: ["RegelData", "RegelBuiltins"]),
        .testTarget(name: "RegelBuiltinsTests", dependencies: ["RegelBuiltins"]),
        .testTarget(
            name: "RegelverkKitTests",
            dependencies: [
                "RegelverkKit", "RegelDiff", "RegelRun", "RegelEval", "RegelCheck", "RegelSyntax", "RegelValues", "RegelGenerate", "RegelData", "RegelBuiltins"
            ], exclude: ["Golden"]),
        .testTarget(name: "RegelFuzzTests", dependencies: ["RegelFuzz", "RegelSyntax"]),
        // Runs the built `regelverk` binary as a user would.
        .testTarget(name: "RegelverkEndToEndTests", dependencies: ["regelverk"], exclude: ["ExampleGolden", "OutputGolden"])
    ],
    swiftLanguageModes: [.v6]
)

// One libFuzzer executable per fuzz target, declared only when Tests/fuzz/run.sh
// builds them (REGELVERK_FUZZ=1, with -sanitize=fuzzer,address): they call
// libFuzzer's driver, which only that build links.
if Context.environment["REGELVERK_FUZZ"] == "1" {
    package.targets.append(.target(name: "FuzzerDriver", path: "Tests/fuzz/driver"))
    for target in ["rules", "csv", "jsonl", "validate"] {
        package.targets.append(.executableTarget(name: "fuzz-\(target)", dependencies: ["RegelFuzz", "FuzzerDriver"], path: "Tests/fuzz/\(target)"))
    }
}
