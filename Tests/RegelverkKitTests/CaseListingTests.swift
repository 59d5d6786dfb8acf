import Foundation
import Testing

/// A parameterised test over an empty list runs no case and passes, so each
/// folder listing the tests are driven by must find its cases: a moved or
/// renamed folder fails here instead of silently testing nothing.
@Suite struct CaseListingTests {
    @Test(arguments: ["parser", "diagnostics", "format"])
    func goldenFolderHasCases(_ folder: String) {
        #expect(!GoldenFiles.cases(folder).isEmpty, "no .regel files in Tests/RegelverkKitTests/Golden/\(folder)")
    }

    @Test func diffCorpusHasCases() {
        #expect(!DiffGoldenTests.cases.isEmpty, "no cases in Tests/RegelverkKitTests/Golden/diff")
    }

    @Test func shippedRulesetsAreFound() {
        #expect(!RulesetsTests.files.isEmpty, "no rule files in rulesets/")
        #expect(FormatterTests.allFiles.count > RulesetsTests.files.count, "the formatter sees the shipped and the golden files")
    }

    @Test func generatorHasContracts() {
        #expect(!GenerateTests.contracts.isEmpty)
    }
}
