import Testing
@testable import RegelverkKit

/// HTML and JUnit XML escape markup alike and differ where their formats do.
@Suite struct MarkupEscapingTests {
    @Test func markupIsEscapedInBoth() {
        let text = "<a href=\"x\">Åsa & 'Bo'</a>"
        #expect(HTMLText.escape(text) == "&lt;a href=&quot;x&quot;&gt;Åsa &amp; &#39;Bo&#39;&lt;/a&gt;")
        #expect(JUnitXML.escape(text) == "&lt;a href=&quot;x&quot;&gt;Åsa &amp; &apos;Bo&apos;&lt;/a&gt;")
    }

    @Test func whatEachFormatCannotCarryIsReplaced() {
        let text = "a\tb\nc\rd\u{1}e\u{1B}[31mf\u{FFFE}"
        #expect(HTMLText.escape(text) == "a\tb\nc\u{FFFD}d\u{FFFD}e\u{FFFD}[31mf\u{FFFE}")
        #expect(JUnitXML.escape(text) == "a\tb\nc\rd\u{FFFD}e\u{FFFD}[31mf\u{FFFD}")
    }
}
