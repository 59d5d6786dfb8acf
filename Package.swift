// swift-tools-version:6.0
import PackageDescription

// The pipeline is split into modules so each phase builds and is tested alone:
// RegelData reads exports (knows nothing of rules), RegelBuiltins holds the
// calendar and personnummer arithmetic, RegelverkKit is the language itself
// (syntax → check → eval) and the CLI commands; `regelverk` is a thin main.
// Release builds skip the run-time exclusivity checks on the hot paths (they
// showed as 6 % of reading an export); debug builds, which the tests use, keep them.
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Regelverk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "regelverk", targets: ["regelverk"]),
        .library(name: "RegelverkKit", targets: ["RegelverkKit"]),
    ],
    targets: [
        .target(name: "RegelData", swiftSettings: fast),
        .target(name: "RegelBuiltins", swiftSettings: fast),
        .target(name: "RegelverkKit", dependencies: ["RegelData", "RegelBuiltins"], swiftSettings: fast),
        .executableTarget(name: "regelverk", dependencies: ["RegelverkKit"]),
        // The benchmark: `swift run -c release regelverk-bench` (not part of `swift test`).
        .executableTarget(name: "regelverk-bench", dependencies: ["RegelverkKit"]),
        .testTarget(name: "RegelDataTests", dependencies: ["RegelData"]),
        .testTarget(name: "RegelBuiltinsTests", dependencies: ["RegelBuiltins"]),
        .testTarget(name: "RegelverkKitTests", dependencies: ["RegelverkKit"], exclude: ["Golden"]),
        // Runs the built `regelverk` binary as a user would.
        .testTarget(name: "RegelverkEndToEndTests", dependencies: ["regelverk"], exclude: ["ExampleGolden"]),
    ],
    swiftLanguageModes: [.v6]
)
