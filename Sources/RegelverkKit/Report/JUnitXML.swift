import RegelData
import RegelBuiltins
import RegelRun
import RegelEval
import RegelCheck
import RegelSyntax
import RegelValues
/// JUnit XML, the format CI systems show as test results: suites of test
/// cases, a case failing with a message and a text.
struct JUnitXML {
    struct Case {
        var name: String
        var classname: String
        var file: String?
        var line: Int?
        var failure: (message: String, text: String)?
        var output: String?
    }
    struct Suite {
        var name: String
        var cases: [Case]
    }
    var name: String
    var suites: [Suite]

    func render() -> String {
        let tests = suites.map(\.cases.count).reduce(0, +)
        let failures = suites.map { $0.cases.filter { $0.failure != nil }.count }.reduce(0, +)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(JUnitXML.escape(name))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">\n"
        for s in suites {
            let f = s.cases.filter { $0.failure != nil }.count
            out += "  <testsuite name=\"\(JUnitXML.escape(s.name))\" tests=\"\(s.cases.count)\" failures=\"\(f)\" errors=\"0\" skipped=\"0\">\n"
            for c in s.cases {
                var attributes = "name=\"\(JUnitXML.escape(c.name))\" classname=\"\(JUnitXML.escape(c.classname))\""
                if let file = c.file { attributes += " file=\"\(JUnitXML.escape(file))\"" }
                if let line = c.line { attributes += " line=\"\(line)\"" }
                if c.failure == nil && c.output == nil { out += "    <testcase \(attributes)/>\n"; continue }
                out += "    <testcase \(attributes)>\n"
                if let failure = c.failure {
                    out += "      <failure message=\"\(JUnitXML.escape(failure.message))\">\(JUnitXML.escape(failure.text))</failure>\n"
                }
                if let output = c.output { out += "      <system-out>\(JUnitXML.escape(output))</system-out>\n" }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    /// Escapes markup and replaces what XML 1.0 cannot carry at all (most control characters).
    static func escape(_ s: String) -> String { MarkupEscaping.escape(s, for: .xml) }
}
