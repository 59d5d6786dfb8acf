import Foundation
import RegelBuiltins
import Testing
@testable import RegelCheck
@testable import RegelGenerate

/// The generator keeps its own copy of each contract's columns and dates (it
/// sits below the checker and cannot read rule files); these tests hold the
/// copy to the shipped rule files, so a change to a ruleset's record or
/// effective dates fails here until the generator follows.
@Suite struct GeneratorContractTests {
    @Test(arguments: DataGenerator.contracts)
    func columnsAreTheRulesetsFieldsInOrder(_ contract: String) throws {
        let ruleset = try GenerateTests.ruleset(contract)
        let columns = try #require(DataGenerator.columns(of: contract))
        #expect(columns == ruleset.fields.map(\.name), "rulesets/\(contract).regel and the generator's columns differ")
    }

    @Test(arguments: DataGenerator.contracts)
    func datesStartWhereTheRulesetIsInForce(_ contract: String) throws {
        let ruleset = try GenerateTests.ruleset(contract)
        let dates = try #require(DataGenerator.defaultDates(of: contract))
        if let effective = ruleset.effective {
            #expect(dates.lowerBound == effective, "rulesets/\(contract).regel is effective from \(effective), the generator starts at \(dates.lowerBound)")
        }
        if let until = ruleset.until {
            #expect(dates.upperBound <= until, "rulesets/\(contract).regel is in force until \(until)")
        }
        #expect(ruleset.dateFieldSlot != nil, "the generator dates records by the ruleset's date field")
    }

    @Test func everyShippedRulesetHasAGenerator() {
        #expect(Set(DataGenerator.contracts) == Set(RulesetsTests.files.map { String($0.dropLast(".regel".count)) }))
    }
}
