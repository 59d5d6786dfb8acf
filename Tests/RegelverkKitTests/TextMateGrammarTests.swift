import Foundation
import Testing
@testable import RegelValues
@testable import RegelSyntax
@testable import RegelRun
@testable import RegelGenerate
@testable import RegelEval
@testable import RegelDiff
@testable import RegelCheck
@testable import RegelverkKit

// The editor grammar (grammar/regelverk.tmLanguage.json), applied by a small
// TextMate tokenizer to every shipped ruleset and compared with what the
// real lexer and checker say each piece of text is.

/// A TextMate grammar's patterns applied line by line: `match` rules with
/// captures, `begin`/`end` rules with inner patterns, `include` of the
/// repository. Enough of TextMate for this grammar; no injections.
struct TextMateTokenizer {
    indirect enum Rule {
        case match(NSRegularExpression, name: String?, captures: [Int: String])
        case block(
            begin: NSRegularExpression, end: NSRegularExpression, name: String?, beginCaptures: [Int: String],
            endCaptures: [Int: String], patterns: [Rule])
    }
    let patterns: [Rule]

    init(grammar: [String: Any]) throws {
        let repository = grammar["repository"] as? [String: Any] ?? [:]
        func captures(_ any: Any?) -> [Int: String] {
            var out: [Int: String] = [:]
            for (k, v) in any as? [String: Any] ?? [:] { if let i = Int(k), let n = (v as? [String: Any])?["name"] as? String { out[i] = n } }
            return out
        }
        func rules(_ list: [[String: Any]]) throws -> [Rule] {
            try list.flatMap { p -> [Rule] in
                if let include = p["include"] as? String {
                    let key = String(include.dropFirst())
                    guard let target = repository[key] as? [String: Any] else { throw TextMateError.unknownInclude(include) }
                    return try rules([target])
                }
                if let inner = p["patterns"] as? [[String: Any]], p["begin"] == nil, p["match"] == nil { return try rules(inner) }
                if let m = p["match"] as? String {
                    return [.match(try NSRegularExpression(pattern: m), name: p["name"] as? String, captures: captures(p["captures"]))]
                }
                if let b = p["begin"] as? String, let e = p["end"] as? String {
                    return [
                        .block(
                            begin: try NSRegularExpression(pattern: b), end: try NSRegularExpression(pattern: e), name: p["name"] as? String,
                            beginCaptures: captures(p["beginCaptures"]), endCaptures: captures(p["endCaptures"]),
                            patterns: try rules(p["patterns"] as? [[String: Any]] ?? []))
                    ]
                }
                throw TextMateError.badRule("\(p)")
            }
        }
        patterns = try rules(grammar["patterns"] as? [[String: Any]] ?? [])
    }

    /// The scopes of every UTF-16 unit of every line, outermost first.
    func tokenize(_ text: String) -> [[[String]]] {
        var open: (end: NSRegularExpression, name: String?, endCaptures: [Int: String], inner: [Rule])? = nil
        return text.components(separatedBy: "\n").map { line in
            let ns = line as NSString
            var scopes = [[String]](repeating: [], count: ns.length)
            func paint(_ r: NSRange, _ name: String?, under: Bool = false) {
                guard let name, r.location != NSNotFound else { return }
                for i in r.location..<(r.location + r.length) where i < scopes.count {
                    if under { scopes[i].insert(name, at: 0) } else { scopes[i].append(name) }
                }
            }
            let options: NSRegularExpression.MatchingOptions = [.withTransparentBounds, .withoutAnchoringBounds]
            var pos = 0
            var contentStart = 0
            while pos <= ns.length {
                let range = NSRange(location: pos, length: ns.length - pos)
                var best: (NSTextCheckingResult, Rule?)? = nil
                if let o = open, let m = o.end.firstMatch(in: line, options: options, range: range) { best = (m, nil) }
                for rule in open?.inner ?? patterns {
                    let regex: NSRegularExpression
                    switch rule {
                    case .match(let r, _, _): regex = r;
                    case .block(let b, _, _, _, _, _): regex = b
                    }
                    guard let m = regex.firstMatch(in: line, options: options, range: range) else { continue }
                    if best == nil || m.range.location < best!.0.range.location { best = (m, rule) }
                }
                guard let (m, rule) = best else { break }
                switch rule {
                case nil:
                    let o = open!
                    // The block's scope lies under what its inner patterns painted.
                    paint(NSRange(location: contentStart, length: m.range.location - contentStart), o.name, under: true)
                    paint(m.range, o.name)
                    for (i, n) in o.endCaptures where i < m.numberOfRanges { paint(m.range(at: i), n) }
                    open = nil
                case .match(_, let name, let captures)?:
                    paint(m.range, name)
                    for (i, n) in captures.sorted(by: { $0.key < $1.key }) where i < m.numberOfRanges { paint(m.range(at: i), n) }
                case .block(_, let end, let name, let beginCaptures, let endCaptures, let inner)?:
                    paint(m.range, name)
                    for (i, n) in beginCaptures where i < m.numberOfRanges { paint(m.range(at: i), n) }
                    open = (end, name, endCaptures, inner)
                    contentStart = m.range.location + m.range.length
                }
                pos = m.range.location + max(m.range.length, 1)
            }
            if let o = open {
                paint(NSRange(location: contentStart, length: ns.length - contentStart), o.name, under: true)
            }
            return scopes
        }
    }
}

enum TextMateError: Error { case unknownInclude(String), badRule(String) }

@Suite struct TextMateGrammarTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let keywords: Set<String> = {
        // The words the grammar file (EBNF) spells in quotes are the language's keywords.
        let ebnf = (try? String(contentsOf: repository.appendingPathComponent("grammar/regelverk.ebnf"), encoding: .utf8)) ?? ""
        let regex = try! NSRegularExpression(pattern: "\"([a-z]+)\"")
        return Set(regex.matches(in: ebnf, range: NSRange(ebnf.startIndex..., in: ebnf)).map { (ebnf as NSString).substring(with: $0.range(at: 1)) })
    }()

    func tokenizer() throws -> TextMateTokenizer {
        let data = try Data(contentsOf: Self.repository.appendingPathComponent("grammar/regelverk.tmLanguage.json"))
        return try TextMateTokenizer(grammar: try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
    }

    @Test(arguments: ["skane-distans", "skr-aterbesok", "stockholm-rehab", "vgr-oppenvardsprocess", "vgr-primar-sekundar"])
    func everyShippedRulesetGetsItsScopes(_ name: String) throws {
        let path = Self.repository.appendingPathComponent("rulesets/\(name).regel").path
        let loaded = try RulesetLoader.load(path: path)
        let checked = try #require(loaded.checked)
        let file = loaded.file
        let scopes = try tokenizer().tokenize(file.text)
        let bytes = Array(file.text.utf8)
        var lineStarts = [0]
        for (i, b) in bytes.enumerated() where b == 10 { lineStarts.append(i + 1) }
        /// The scopes at a byte offset: line and UTF-16 column.
        func scopesAt(_ offset: Int) -> [String] {
            let line = (lineStarts.lastIndex { $0 <= offset })!
            let column = String(decoding: bytes[lineStarts[line]..<offset], as: UTF8.self).utf16.count
            return column < scopes[line].count ? scopes[line][column] : []
        }
        func expectScope(_ offset: Int, _ prefix: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let s = scopesAt(offset)
            #expect(
                s.last?.hasPrefix(prefix) == true, "\(name):\(file.location(of: offset).line): \(what) has scopes \(s), expected \(prefix)…",
                sourceLocation: sourceLocation)
        }
        var counts: [String: Int] = [:]
        let (tokens, _) = Lexer.tokenize(file)
        let fieldNames = Set(checked.fields.map(\.name))
        let declarations: Set<String> = ["ruleset", "record", "rule", "cap", "measure", "codes", "param", "define"]
        for (k, t) in tokens.enumerated() {
            // A rule may share its name with a field: after `rule` it is the rule's name.
            let named = k > 0 && tokens[k - 1].startsLine && tokens[k - 1].kind == .word && declarations.contains(tokens[k - 1].text)
            switch t.kind {
            case .word where named:
                expectScope(t.span.start, "entity.name", "the name `\(t.text)`")
            case .string:
                expectScope(t.span.start, "punctuation.definition.string.begin", "the string \(t.text)")
                #expect(scopesAt(t.span.start + 1).first?.hasPrefix("string.quoted.double") == true, "\(name): inside the string \(t.text)")
                counts["string", default: 0] += 1
            case .date: expectScope(t.span.start, "constant.numeric.date", "the date \(t.text)"); counts["date", default: 0] += 1
            case .time: expectScope(t.span.start, "constant.numeric.time", "the time \(t.text)"); counts["time", default: 0] += 1
            case .integer, .decimal: expectScope(t.span.start, "constant.numeric", "the number \(t.text)"); counts["number", default: 0] += 1
            case .word where Self.keywords.contains(t.text) && !fieldNames.contains(t.text):
                let s = scopesAt(t.span.start).last ?? ""
                #expect(
                    s.hasPrefix("keyword.") || s.hasPrefix("constant.language") || s.hasPrefix("support.type"),
                    "\(name):\(file.location(of: t.span.start).line): the keyword `\(t.text)` has scope \(s)")
                counts["keyword", default: 0] += 1
            case .word where fieldNames.contains(t.text):
                expectScope(t.span.start, "variable.other", "the field `\(t.text)`")
                counts["field use", default: 0] += 1
            default: break
            }
        }
        for comment in Lexer.comments(file) {
            expectScope(comment.span.start, "comment.line.number-sign", "the comment")
            expectScope(comment.span.end - 1, "comment.line.number-sign", "the end of the comment")
            counts["comment", default: 0] += 1
        }
        for field in checked.fields {
            expectScope(field.span.start, "variable.other.field.declaration", "the declaration of `\(field.name)`")
        }
        for kind in ["string", "keyword", "comment", "field use"] { #expect(counts[kind, default: 0] > 0, "\(name) has no \(kind) to check") }
        if name != "vgr-oppenvardsprocess" { #expect(counts["date", default: 0] > 0) }
    }

    /// Every keyword of the enums is painted as a keyword, and the enums
    /// whose words have a scope of their own get it.
    @Test func everyKeywordIsHighlighted() throws {
        let tokenizer = try tokenizer()
        let own: [(words: [String], scope: String)] = [
            (DeclarationKeyword.allCases.map(\.rawValue), "keyword.other.declaration"), (Severity.allCases.map(\.rawValue), "constant.language.severity"),
            (TypeName.allCases.map(\.rawValue), "support.type"), (UnitKeyword.allCases.map(\.rawValue), "keyword.other.unit")
        ]
        #expect(KeywordTests.words.count > 80)
        for word in KeywordTests.words.sorted() {
            let scope = tokenizer.tokenize("  x = \(word)")[0][6].last ?? ""
            #expect(scope.hasPrefix("keyword.") || scope.hasPrefix("constant.language") || scope.hasPrefix("support.type"), "`\(word)` has scope \(scope)")
            for (words, expected) in own where words.contains(word) { #expect(scope.hasPrefix(expected), "`\(word)` has scope \(scope), not \(expected)") }
        }
    }

    /// The words the grammar's patterns spell out (`days?` is `day` and `days`).
    static func grammarWords(_ any: Any) throws -> Set<String> {
        if let list = any as? [Any] { return try list.reduce(into: []) { $0.formUnion(try grammarWords($1)) } }
        guard let object = any as? [String: Any] else { return [] }
        var words: Set<String> = []
        for (key, value) in object {
            if key == "match" || key == "begin", let pattern = value as? String {
                for m in pattern.matches(of: try Regex(#"\(((?:[a-z]+\??\|)+[a-z]+\??)\)"#)) {
                    for word in (m.output[1].substring ?? "").split(separator: "|") {
                        let spelled = word.hasSuffix("?") ? [word.dropLast(2), word.dropLast()] : [word]
                        words.formUnion(spelled.map(String.init))
                    }
                }
            } else {
                words.formUnion(try grammarWords(value))
            }
        }
        return words
    }

    @Test func theGrammarHighlightsNoWordThatIsNotAKeyword() throws {
        let data = try Data(contentsOf: Self.repository.appendingPathComponent("grammar/regelverk.tmLanguage.json"))
        let words = try Self.grammarWords(try JSONSerialization.jsonObject(with: data))
        #expect(words.count > 80)
        #expect(words.subtracting(KeywordTests.words).sorted() == [], "words the TextMate grammar highlights that no keyword enum has")
        #expect(KeywordTests.words.subtracting(words).sorted() == [], "keywords the TextMate grammar does not list")
    }

    @Test func placeholdersAndEscapesInsideStrings() throws {
        let scopes = try tokenizer().tokenize("  message \"Kontakt {id} \\\"x\\\" ok\"")[0]
        let line = "  message \"Kontakt {id} \\\"x\\\" ok\"" as NSString
        #expect(scopes[line.range(of: "{id}").location].last == "variable.other.placeholder.regelverk")
        #expect(scopes[line.range(of: "\\\"").location].last == "constant.character.escape.regelverk")
        #expect(scopes[line.range(of: "ok").location].last == "string.quoted.double.regelverk")
        #expect(scopes[2].last == "keyword.other.clause.regelverk")
    }
}
