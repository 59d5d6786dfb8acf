import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

// Operators of the rule language, evaluated through whole rulesets over CSV
// (see EvalSupport.swift: `truth` reports true / false / missing per record).

@Suite struct EvalLogicTests {
    static let fields = "  a: bool\n  b: bool\n"
    static let csv = "id,a,b\ntt,ja,ja\ntf,ja,nej\nft,nej,ja\nff,nej,nej\n"

    @Test func andOrNotTruthTables() throws {
        let and = try EvalSupport.truth("a and b", fields: Self.fields, csv: Self.csv)
        #expect(and == ["tt": .yes, "tf": .no, "ft": .no, "ff": .no])
        let or = try EvalSupport.truth("a or b", fields: Self.fields, csv: Self.csv)
        #expect(or == ["tt": .yes, "tf": .yes, "ft": .yes, "ff": .no])
        let not = try EvalSupport.truth("not a", fields: Self.fields, csv: Self.csv)
        #expect(not == ["tt": .no, "tf": .no, "ft": .yes, "ff": .yes])
        // `not` binds tighter than `and`, `and` tighter than `or`.
        let mixed = try EvalSupport.truth("not a and b or a and not b", fields: Self.fields, csv: Self.csv)
        #expect(mixed == ["tt": .no, "tf": .yes, "ft": .yes, "ff": .no])
    }

    /// A division by zero is missing; `and` / `or` decide without it when
    /// the other side already decides, and a missing `require` is no finding.
    @Test func shortCircuitAndMissing() throws {
        let fields = "  n: int\n"
        let csv = "id,n\nzero,0\ntwo,2\nfive,5\n"
        #expect(try EvalSupport.truth("10 / n > 2", fields: fields, csv: csv) == ["zero": .missing, "two": .yes, "five": .no])
        #expect(try EvalSupport.truth("n != 0 and 10 / n > 2", fields: fields, csv: csv) == ["zero": .no, "two": .yes, "five": .no])
        #expect(try EvalSupport.truth("n = 0 or 10 / n > 2", fields: fields, csv: csv) == ["zero": .yes, "two": .yes, "five": .no])
        // The same with the undecided side first.
        #expect(try EvalSupport.truth("10 / n > 2 and n != 0", fields: fields, csv: csv) == ["zero": .no, "two": .yes, "five": .no])
        #expect(try EvalSupport.truth("10 / n > 2 or n = 0", fields: fields, csv: csv) == ["zero": .yes, "two": .yes, "five": .no])
        #expect(try EvalSupport.truth("10 / n > 2 or n = 1", fields: fields, csv: csv)["zero"] == .missing)
        #expect(try EvalSupport.truth("10 / n > 2 and n = 0", fields: fields, csv: csv)["zero"] == .missing)
    }

    @Test func divisionByZeroIsNoFindingAndNoCrash() throws {
        let rules = EvalSupport.ruleset(
            "  id: text\n  n: int\n  x: decimal\n",
            """
            rule kvot
              severity error
              require 100 / n < 10
            end
            rule decimalkvot
              severity error
              require x / (n - n) < 10
            end
            """)
        let out = try EvalSupport.validate(rules, "id,n,x\nr0,0,1.5\nr5,5,1.5\nr50,50,1.5\n")
        #expect(out.pairs == [EvalRecordRule("r5", "kvot")])
        #expect(out.result.validated == 3)
    }

    /// A `when` that is missing (not true) does not select the record.
    @Test func missingWhenSelectsNothing() throws {
        let rules = EvalSupport.ruleset(
            "  id: text\n  n: int\n",
            """
            rule r
              severity error
              when 10 / n > 1
              require n > 100
            end
            """)
        let out = try EvalSupport.validate(rules, "id,n\nzero,0\nfive,5\nfifty,50\n")
        #expect(out.pairs == [EvalRecordRule("five", "r")])
    }

    @Test func integerOverflowIsMissingNotACrash() throws {
        let t = try EvalSupport.truth("n * 4611686018427387904 > 0", fields: "  n: int\n", csv: "id,n\none,1\nfour,4\n")
        #expect(t == ["one": .yes, "four": .missing])
    }

    /// The smallest whole number has no positive counterpart.
    @Test func negatingTheSmallestIntegerIsMissingNotACrash() throws {
        let t = try EvalSupport.truth("-n > 0", fields: "  n: int\n", csv: "id,n\nmin,-9223372036854775808\nneg,-3\n")
        #expect(t == ["min": .missing, "neg": .yes])
    }
}

@Suite struct EvalComparisonTests {
    @Test func integerComparisons() throws {
        let fields = "  n: int\n"
        let csv = "id,n\nlo,2\neq,3\nhi,4\n"
        #expect(try EvalSupport.truth("n < 3", fields: fields, csv: csv) == ["lo": .yes, "eq": .no, "hi": .no])
        #expect(try EvalSupport.truth("n <= 3", fields: fields, csv: csv) == ["lo": .yes, "eq": .yes, "hi": .no])
        #expect(try EvalSupport.truth("n > 3", fields: fields, csv: csv) == ["lo": .no, "eq": .no, "hi": .yes])
        #expect(try EvalSupport.truth("n >= 3", fields: fields, csv: csv) == ["lo": .no, "eq": .yes, "hi": .yes])
        #expect(try EvalSupport.truth("n = 3", fields: fields, csv: csv) == ["lo": .no, "eq": .yes, "hi": .no])
        #expect(try EvalSupport.truth("n != 3", fields: fields, csv: csv) == ["lo": .yes, "eq": .no, "hi": .yes])
        #expect(try EvalSupport.truth("-n < -3", fields: fields, csv: csv) == ["lo": .no, "eq": .no, "hi": .yes])
    }

    @Test func intAndDecimalMix() throws {
        let fields = "  n: int\n  x: decimal\n"
        let csv = "id,n,x\nsame,2,2.0\nbelow,2,2.5\ncomma,3,\"2,5\"\nwhole,2,2\n"
        #expect(try EvalSupport.truth("x = n", fields: fields, csv: csv) == ["same": .yes, "below": .no, "comma": .no, "whole": .yes])
        #expect(try EvalSupport.truth("n = x", fields: fields, csv: csv) == ["same": .yes, "below": .no, "comma": .no, "whole": .yes])
        #expect(try EvalSupport.truth("x != n", fields: fields, csv: csv) == ["same": .no, "below": .yes, "comma": .yes, "whole": .no])
        #expect(try EvalSupport.truth("x > n", fields: fields, csv: csv) == ["same": .no, "below": .yes, "comma": .no, "whole": .no])
        #expect(try EvalSupport.truth("n > x", fields: fields, csv: csv) == ["same": .no, "below": .no, "comma": .yes, "whole": .no])
        #expect(try EvalSupport.truth("x >= 2.5", fields: fields, csv: csv) == ["same": .no, "below": .yes, "comma": .yes, "whole": .no])
        #expect(try EvalSupport.truth("n = 2.0", fields: fields, csv: csv) == ["same": .yes, "below": .yes, "comma": .no, "whole": .yes])
        #expect(try EvalSupport.truth("x = 2", fields: fields, csv: csv) == ["same": .yes, "below": .no, "comma": .no, "whole": .yes])
        #expect(try EvalSupport.truth("x < 3", fields: fields, csv: csv) == ["same": .yes, "below": .yes, "comma": .yes, "whole": .yes])
    }

    @Test func textComparisons() throws {
        let fields = "  s: text\n"
        let csv = "id,s\nabc,abc\nABC,ABC\nabd,abd\nab,ab\n"
        #expect(try EvalSupport.truth("s = \"abc\"", fields: fields, csv: csv) == ["abc": .yes, "ABC": .no, "abd": .no, "ab": .no])
        #expect(try EvalSupport.truth("s != \"abc\"", fields: fields, csv: csv) == ["abc": .no, "ABC": .yes, "abd": .yes, "ab": .yes])
        #expect(try EvalSupport.truth("s < \"abc\"", fields: fields, csv: csv) == ["abc": .no, "ABC": .yes, "abd": .no, "ab": .yes])
        #expect(try EvalSupport.truth("s >= \"abc\"", fields: fields, csv: csv) == ["abc": .yes, "ABC": .no, "abd": .yes, "ab": .no])
    }

    @Test func dateComparisons() throws {
        let fields = "  d: date\n  e: date\n"
        let csv = "id,d,e\nbefore,2024-02-29,2024-03-01\nsame,2024-03-01,2024-03-01\nafter,2025-01-01,2024-12-31\n"
        #expect(try EvalSupport.truth("d < e", fields: fields, csv: csv) == ["before": .yes, "same": .no, "after": .no])
        #expect(try EvalSupport.truth("d <= e", fields: fields, csv: csv) == ["before": .yes, "same": .yes, "after": .no])
        #expect(try EvalSupport.truth("d > e", fields: fields, csv: csv) == ["before": .no, "same": .no, "after": .yes])
        #expect(try EvalSupport.truth("d >= e", fields: fields, csv: csv) == ["before": .no, "same": .yes, "after": .yes])
        #expect(try EvalSupport.truth("d = e", fields: fields, csv: csv) == ["before": .no, "same": .yes, "after": .no])
        #expect(try EvalSupport.truth("d != e", fields: fields, csv: csv) == ["before": .yes, "same": .no, "after": .yes])
        #expect(try EvalSupport.truth("d < 2024-03-01", fields: fields, csv: csv) == ["before": .yes, "same": .no, "after": .no])
    }

    @Test func timeComparisons() throws {
        let fields = "  t: time\n"
        let csv = "id,t\nmorning,08:30\nnoon,12:00\nevening,19:05\nmidnight,00:00\n"
        #expect(try EvalSupport.truth("t < 12:00", fields: fields, csv: csv) == ["morning": .yes, "noon": .no, "evening": .no, "midnight": .yes])
        #expect(try EvalSupport.truth("t >= 12:00", fields: fields, csv: csv) == ["morning": .no, "noon": .yes, "evening": .yes, "midnight": .no])
        #expect(try EvalSupport.truth("t = 08:30", fields: fields, csv: csv) == ["morning": .yes, "noon": .no, "evening": .no, "midnight": .no])
        #expect(try EvalSupport.truth("t > 19:04 and t <= 19:05", fields: fields, csv: csv) == ["morning": .no, "noon": .no, "evening": .yes, "midnight": .no])
    }

    @Test func codeComparisons() throws {
        let fields = "  k: one of \"VK\", \"KT\", \"TE\"\n  k2: one of \"VK\", \"KT\", \"TE\"\n"
        let csv = "id,k,k2\nvk,VK,VK\nkt,KT,TE\nte,TE,KT\n"
        #expect(try EvalSupport.truth("k = \"VK\"", fields: fields, csv: csv) == ["vk": .yes, "kt": .no, "te": .no])
        #expect(try EvalSupport.truth("k != \"VK\"", fields: fields, csv: csv) == ["vk": .no, "kt": .yes, "te": .yes])
        #expect(try EvalSupport.truth("k = k2", fields: fields, csv: csv) == ["vk": .yes, "kt": .no, "te": .no])
        // Codes are ordered as their text.
        #expect(try EvalSupport.truth("k < k2", fields: fields, csv: csv) == ["vk": .no, "kt": .yes, "te": .no])
    }

    @Test func unknownCodeIsACheckError() {
        let text = EvalSupport.ruleset(
            "  k: one of \"VK\", \"KT\"\n",
            """
            rule r
              severity error
              require k = "XX"
            end
            """)
        #expect(EvalSupport.errorCodes(text).contains("T0214"))
        let inList = EvalSupport.ruleset(
            "  k: one of \"VK\", \"KT\"\n",
            """
            rule r
              severity error
              require k in ["VK", "vk"]
            end
            """)
        #expect(EvalSupport.errorCodes(inList).contains("T0214"))
    }
}

@Suite struct EvalArithmeticTests {
    static let fields = "  n: int\n  x: decimal\n"
    static let csv = "id,n,x\nr,3,2.5\nz,0,0\n"

    @Test func integerArithmetic() throws {
        #expect(try EvalSupport.values("n + 1", fields: Self.fields, csv: Self.csv)["r"] == "4")
        #expect(try EvalSupport.values("n - 5", fields: Self.fields, csv: Self.csv)["r"] == "-2")
        #expect(try EvalSupport.values("n * 3", fields: Self.fields, csv: Self.csv)["r"] == "9")
        #expect(try EvalSupport.values("-n", fields: Self.fields, csv: Self.csv)["r"] == "-3")
        #expect(try EvalSupport.value("1 + 2 * 3") == "7")
        #expect(try EvalSupport.value("(1 + 2) * 3") == "9")
        #expect(try EvalSupport.value("10 - 2 - 3") == "5")
        #expect(try EvalSupport.value("12 / 2 / 3") == "2")
    }

    @Test func divisionGivesDecimal() throws {
        #expect(try EvalSupport.values("n / 2", fields: Self.fields, csv: Self.csv)["r"] == "1.5")
        #expect(try EvalSupport.value("7 / 2") == "3.5")
        #expect(try EvalSupport.value("1 / 4") == "0.25")
        // Shown with at most four decimals.
        #expect(try EvalSupport.value("2 / 3") == "0.6667")
        #expect(try EvalSupport.value("-1 / 8") == "-0.125")
        #expect(try EvalSupport.truth("n / 2 = 1.5", fields: Self.fields, csv: Self.csv)["r"] == .yes)
        #expect(try EvalSupport.truth("n / 3 = 1", fields: Self.fields, csv: Self.csv)["r"] == .yes)
        #expect(try EvalSupport.truth("n / 2 > 1", fields: Self.fields, csv: Self.csv)["r"] == .yes)
    }

    @Test func decimalArithmetic() throws {
        #expect(try EvalSupport.values("x * 2", fields: Self.fields, csv: Self.csv)["r"] == "5")
        #expect(try EvalSupport.values("x + n", fields: Self.fields, csv: Self.csv)["r"] == "5.5")
        #expect(try EvalSupport.values("n - x", fields: Self.fields, csv: Self.csv)["r"] == "0.5")
        #expect(try EvalSupport.values("-x", fields: Self.fields, csv: Self.csv)["r"] == "-2.5")
        #expect(try EvalSupport.values("x / 0.5", fields: Self.fields, csv: Self.csv)["r"] == "5")
    }

    @Test func divisionByZeroIsMissing() throws {
        let v = try EvalSupport.values("n / x", fields: Self.fields, csv: Self.csv)
        #expect(v["z"] == "(saknas)")
        #expect(v["r"] == "1.2")
        #expect(try EvalSupport.values("x / n", fields: Self.fields, csv: Self.csv)["z"] == "(saknas)")
        #expect(try EvalSupport.values("(n / n) otherwise -1", fields: Self.fields, csv: Self.csv, extra: "")["z"] == "-1")
    }

    /// Decimals are written as decimal fractions; 0.1 + 0.2 is 0.3.
    @Test
    func decimalSumsAreExact() throws {
        let t = try EvalSupport.truth("a + b = c", fields: "  a: decimal\n  b: decimal\n  c: decimal\n", csv: "id,a,b,c\nr,0.1,0.2,0.3\n")
        #expect(t["r"] == .yes)
        #expect(try EvalSupport.truth("0.1 + 0.2 = 0.3") == .yes)
    }
}

@Suite struct EvalMembershipTests {
    static let fields = "  s: text\n  n: int\n  x: decimal\n  k: one of \"VK\", \"KT\", \"KB\", \"TE\"\n  lst: list of text\n  kva: optional list of text\n"
    static let csv = """
        id,s,n,x,k,lst,kva
        r1,b,1,1,VK,a|b|c,UW040|XS001
        r2,z,3,2.5,TE,a,
        r3,abc,2,1.5,KB,abc|x,AA
        """ + "\n"

    @Test func inLiteralLists() throws {
        #expect(try EvalSupport.truth("s in [\"a\", \"b\"]", fields: Self.fields, csv: Self.csv) == ["r1": .yes, "r2": .no, "r3": .no])
        #expect(try EvalSupport.truth("s not in [\"a\", \"b\"]", fields: Self.fields, csv: Self.csv) == ["r1": .no, "r2": .yes, "r3": .yes])
        #expect(try EvalSupport.truth("n in [1, 2]", fields: Self.fields, csv: Self.csv) == ["r1": .yes, "r2": .no, "r3": .yes])
        #expect(try EvalSupport.truth("n in [1.0, 2.5]", fields: Self.fields, csv: Self.csv) == ["r1": .yes, "r2": .no, "r3": .no])
        #expect(try EvalSupport.truth("x in [2.5, 7]", fields: Self.fields, csv: Self.csv) == ["r1": .no, "r2": .yes, "r3": .no])
        #expect(try EvalSupport.truth("n in []", fields: Self.fields, csv: Self.csv) == ["r1": .no, "r2": .no, "r3": .no])
        // A list computed from the record (not a constant).
        #expect(try EvalSupport.truth("s in [k, \"b\"]", fields: Self.fields, csv: Self.csv) == ["r1": .yes, "r2": .no, "r3": .no])
    }

    /// A decimal looked up in a list of whole numbers: 1.0 is 1.
    @Test
    func decimalInIntegerList() throws {
        #expect(try EvalSupport.truth("x in [1, 2]", fields: Self.fields, csv: Self.csv) == ["r1": .yes, "r2": .no, "r3": .no])
        #expect(try EvalSupport.truth("x not in [1, 2]", fields: Self.fields, csv: Self.csv) == ["r1": .no, "r2": .yes, "r3": .yes])
    }

    @Test func inCodeSet() throws {
        let extra = "codes ersatter_besok = \"VK\", \"KT\", \"KB\"\n"
        #expect(try EvalSupport.truth("k in ersatter_besok", fields: Self.fields, csv: Self.csv, extra: extra) == ["r1": .yes, "r2": .no, "r3": .yes])
        #expect(try EvalSupport.truth("k not in ersatter_besok", fields: Self.fields, csv: Self.csv, extra: extra) == ["r1": .no, "r2": .yes, "r3": .no])
    }

    @Test func inListField() throws {
        #expect(try EvalSupport.truth("s in lst", fields: Self.fields, csv: Self.csv) == ["r1": .yes, "r2": .no, "r3": .yes])
        #expect(try EvalSupport.truth("s not in lst", fields: Self.fields, csv: Self.csv) == ["r1": .no, "r2": .yes, "r3": .no])
        #expect(try EvalSupport.truth("\"a\" in lst", fields: Self.fields, csv: Self.csv) == ["r1": .yes, "r2": .yes, "r3": .no])
    }

    @Test func containsOnListsAndText() throws {
        #expect(try EvalSupport.truth("lst contains \"c\"", fields: Self.fields, csv: Self.csv) == ["r1": .yes, "r2": .no, "r3": .no])
        // On a list, items match exactly: "abc" does not contain the item "a".
        #expect(try EvalSupport.truth("lst contains \"a\"", fields: Self.fields, csv: Self.csv) == ["r1": .yes, "r2": .yes, "r3": .no])
        #expect(try EvalSupport.truth("kva is present and kva contains \"UW040\"", fields: Self.fields, csv: Self.csv) == ["r1": .yes, "r2": .no, "r3": .no])
        #expect(try EvalSupport.truth("kva is missing", fields: Self.fields, csv: Self.csv) == ["r1": .no, "r2": .yes, "r3": .no])
        // On text, a substring.
        #expect(try EvalSupport.truth("s contains \"bc\"", fields: Self.fields, csv: Self.csv) == ["r1": .no, "r2": .no, "r3": .yes])
        #expect(try EvalSupport.truth("s contains \"\"", fields: Self.fields, csv: Self.csv) == ["r1": .yes, "r2": .yes, "r3": .yes])
        #expect(try EvalSupport.truth("s contains \"B\"", fields: Self.fields, csv: Self.csv) == ["r1": .no, "r2": .no, "r3": .no])
    }

    @Test func startsWith() throws {
        #expect(try EvalSupport.truth("s starts with \"ab\"", fields: Self.fields, csv: Self.csv) == ["r1": .no, "r2": .no, "r3": .yes])
        #expect(try EvalSupport.truth("s starts with \"AB\"", fields: Self.fields, csv: Self.csv) == ["r1": .no, "r2": .no, "r3": .no])
        #expect(try EvalSupport.truth("s starts with \"\"", fields: Self.fields, csv: Self.csv) == ["r1": .yes, "r2": .yes, "r3": .yes])
        #expect(try EvalSupport.truth("k starts with \"K\"", fields: Self.fields, csv: Self.csv) == ["r1": .no, "r2": .no, "r3": .yes])
        #expect(try EvalSupport.truth("s starts with \"abcd\"", fields: Self.fields, csv: Self.csv) == ["r1": .no, "r2": .no, "r3": .no])
    }
}

@Suite struct EvalOptionalTests {
    static let fields = "  tid: optional time\n  m: optional int\n"
    static let csv = "id,tid,m\nmorning,09:00,1\nafternoon,13:00,5\nnone,,\n"

    @Test func isMissingAndIsPresent() throws {
        #expect(try EvalSupport.truth("tid is missing", fields: Self.fields, csv: Self.csv) == ["morning": .no, "afternoon": .no, "none": .yes])
        #expect(try EvalSupport.truth("tid is present", fields: Self.fields, csv: Self.csv) == ["morning": .yes, "afternoon": .yes, "none": .no])
    }

    @Test func otherwiseGivesTheValueForMissing() throws {
        let v = try EvalSupport.values("m otherwise 0", fields: Self.fields, csv: Self.csv)
        #expect(v == ["morning": "1", "afternoon": "5", "none": "0"])
        #expect(try EvalSupport.truth("(m otherwise 0) > 1", fields: Self.fields, csv: Self.csv) == ["morning": .no, "afternoon": .yes, "none": .no])
        #expect(try EvalSupport.truth("(tid otherwise 00:00) < 12:00", fields: Self.fields, csv: Self.csv) == ["morning": .yes, "afternoon": .no, "none": .yes])
        // A missing value shows as "(saknas)" in a message.
        #expect(try EvalSupport.values("m", fields: Self.fields, csv: Self.csv)["none"] == "(saknas)")
    }

    @Test func ifThenElse() throws {
        let v = try EvalSupport.values("if (m otherwise 0) > 2 then \"stor\" else \"liten\"", fields: Self.fields, csv: Self.csv)
        #expect(v == ["morning": "liten", "afternoon": "stor", "none": "liten"])
        // The `then` branch sees what the condition proved present.
        let t = try EvalSupport.truth("if tid is present then tid < 12:00 else false", fields: Self.fields, csv: Self.csv)
        #expect(t == ["morning": .yes, "afternoon": .no, "none": .no])
        let u = try EvalSupport.truth("if tid is missing then true else tid >= 12:00", fields: Self.fields, csv: Self.csv)
        #expect(u == ["morning": .no, "afternoon": .yes, "none": .yes])
        // Integer and decimal branches unify to decimal.
        #expect(
            try EvalSupport.values("if m is present then m else 0.5", fields: Self.fields, csv: Self.csv) == ["morning": "1", "afternoon": "5", "none": "0.5"])
    }

    @Test func narrowingWithAnd() throws {
        let t = try EvalSupport.truth("tid is present and tid < 12:00", fields: Self.fields, csv: Self.csv)
        #expect(t == ["morning": .yes, "afternoon": .no, "none": .no])
        let u = try EvalSupport.truth("tid is missing or tid < 12:00", fields: Self.fields, csv: Self.csv)
        #expect(u == ["morning": .yes, "afternoon": .no, "none": .yes])
        let w = try EvalSupport.truth("not (tid is missing) and tid < 12:00", fields: Self.fields, csv: Self.csv)
        #expect(w == ["morning": .yes, "afternoon": .no, "none": .no])
    }

    @Test func narrowingFromWhen() throws {
        let rules = EvalSupport.ruleset(
            "  id: text\n" + Self.fields,
            """
            rule fore_tolv
              severity error
              when tid is present
              require tid < 12:00
              message "{id} klockan {tid}"
            end
            """)
        let out = try EvalSupport.validate(rules, Self.csv)
        #expect(out.pairs == [EvalRecordRule("afternoon", "fore_tolv")])
        #expect(out.findings.first?.message == "afternoon klockan 13:00")
    }

    @Test func optionalWithoutNarrowingIsACheckError() {
        func rule(_ require: String) -> String {
            EvalSupport.ruleset("  id: text\n" + Self.fields, "rule r\n  severity error\n  require \(require)\nend\n")
        }
        #expect(EvalSupport.errorCodes(rule("tid < 12:00")).contains("T0301"))
        #expect(EvalSupport.errorCodes(rule("m + 1 > 2")).contains("T0301"))
        // `or` proves nothing for its right side when the left is `is present`.
        #expect(EvalSupport.errorCodes(rule("tid is present or tid < 12:00")).contains("T0301"))
        // The narrowed forms check.
        #expect(EvalSupport.errorCodes(rule("tid is present and tid < 12:00")).isEmpty)
        #expect(EvalSupport.errorCodes(rule("tid is missing or tid < 12:00")).isEmpty)
    }
}
