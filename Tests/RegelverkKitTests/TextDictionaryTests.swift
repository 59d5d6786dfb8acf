import Testing
@testable import RegelEval

/// The text arena: equal text one id, ids in order of first appearance,
/// through the growth of every buffer.
@Suite struct TextDictionaryTests {
    @Test func equalTextHasOneIdThroughGrowth() {
        let dictionary = TextDictionary()
        let texts = (0..<50_000).map { "K\($0 * 7919 % 100_003)" } + ["", "a", "a\u{0}", "\u{0}", "åäö", String(repeating: "x", count: 10_000)]
        var first: [String: UInt32] = [:]
        for text in texts + texts.reversed() {
            let id = dictionary.intern(text)
            if let known = first[text] {
                #expect(id == known, "\(text.prefix(20))")
            } else {
                #expect(Int(id) == first.count, "ids are given in order of first appearance")
                first[text] = id
            }
        }
        #expect(dictionary.count == first.count)
        for (text, id) in first {
            #expect(dictionary.string(id) == text)
            #expect(dictionary.lookup(text) == id)
        }
        #expect(dictionary.lookup("K-1") == nil)
    }

    @Test func textsOfEveryLengthAroundAWordStayApart() {
        let dictionary = TextDictionary()
        var ids: Set<UInt32> = []
        for n in 0..<40 {
            ids.insert(dictionary.intern(String(repeating: "a", count: n)))
            ids.insert(dictionary.intern(String(repeating: "a", count: n) + "b"))
        }
        #expect(ids.count == 80)
    }

    @Test func compareIsByteOrder() {
        let dictionary = TextDictionary()
        let words = ["b", "a", "ab", "", "ä", "B", "abc"]
        let ids = words.map { dictionary.intern($0) }
        for (i, x) in words.enumerated() {
            for (j, y) in words.enumerated() {
                let expected = Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8)) ? -1 : (x == y ? 0 : 1)
                #expect(dictionary.compare(ids[i], ids[j]) == expected, "\(x) \(y)")
            }
        }
    }

    @Test func absorbTranslatesIds() {
        let a = TextDictionary(), b = TextDictionary()
        for text in ["x", "y", "z"] { _ = a.intern(text) }
        for text in ["z", "w", "x"] { _ = b.intern(text) }
        let ids = a.absorb(b)
        #expect(ids.map { a.string($0) } == ["z", "w", "x"])
        #expect(a.count == 4)
    }
}
