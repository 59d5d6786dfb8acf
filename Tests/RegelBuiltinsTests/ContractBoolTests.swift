import Testing
import RegelBuiltins

@Suite("ContractBool")
struct ContractBoolTests {
    @Test(
        "booleans",
        arguments: [
            ("ja", true), ("JA", true), ("Ja", true), ("j", true), ("J", true), ("true", true), ("TRUE", true), ("True", true),
            ("1", true), ("nej", false), ("NEJ", false), ("n", false), ("N", false), ("false", false), ("False", false),
            ("0", false), ("sant", true), ("SANT", true), ("falskt", false), ("FALSKT", false)
        ])
    func bools(_ text: String, expected: Bool) {
        #expect(ContractBool.parse(text) == expected)
    }

    @Test(
        "not booleans",
        arguments: [
            "", "yes", "no", "y", "t", "f", " ja", "ja ", "nej.", "2", "01", "sann", "falsk", "truee", "jä"
        ])
    func notBools(_ text: String) {
        #expect(ContractBool.parse(text) == nil)
    }
}
