import Testing
import RegelBuiltins

@Suite("ContractNumber")
struct ContractNumberTests {
    @Test func integers() {
        #expect(ContractNumber.parseInt("42") == 42)
        #expect(ContractNumber.parseInt("-42") == -42)
        #expect(ContractNumber.parseInt("+42") == 42)
        #expect(ContractNumber.parseInt("007") == 7)
        #expect(ContractNumber.parseInt("9223372036854775807") == .max)
        #expect(ContractNumber.parseInt("-9223372036854775808") == .min)
        for bad in [
            "", "-", "+", " 1", "1 ", "1.0", "1,0", "9223372036854775808", "-9223372036854775809",
            "1_000", "1 000", "0x10", "1e3", "--1"
        ] {
            #expect(ContractNumber.parseInt(bad) == nil, "\(bad)")
        }
    }

    @Test func decimals() {
        #expect(ContractNumber.parseDecimal("12.5") == 12.5)
        #expect(ContractNumber.parseDecimal("12,5") == 12.5)
        #expect(ContractNumber.parseDecimal("-0,25") == -0.25)
        #expect(ContractNumber.parseDecimal("+3") == 3)
        #expect(ContractNumber.parseDecimal("0,1") == 0.1)
        #expect(ContractNumber.parseDecimal("123456789,123456789") == 123456789.123456789)
        // Past 10^15 a decimal is out of range (issue 10): never a trap, never infinity.
        #expect(ContractNumber.parseDecimal("999999999999999,5") == 999999999999999.5)
        #expect(ContractNumber.parseDecimal("12345678901234567890,5") == nil)
        #expect(ContractNumber.parseDecimal(String(repeating: "9", count: 400)) == nil)
        #expect(ContractNumber.isOutOfRange("12345678901234567890,5", whole: false))
        #expect(ContractNumber.isOutOfRange("9223372036854775808", whole: true))
        #expect(!ContractNumber.isOutOfRange("12,5", whole: true))
        #expect(!ContractNumber.isOutOfRange("abc", whole: false))
        #expect(ContractNumber.parseDecimal("0,0000000000000000000000001") == 1e-25)
        for bad in [
            "", ",5", ".5", "12.", "12,", "1.2.3", "1,2,3", "1.2,3", "1e3", "1 000,5", "1.000,5", " 1",
            "1 ", "inf", "nan", "-", "+,5", "12.5e1"
        ] {
            #expect(ContractNumber.parseDecimal(bad) == nil, "\(bad)")
        }
    }
}
