import RegelValues

/// Recursive-descent parser. Each function is preceded by the production it
/// implements (grammar/regelverk.ebnf). On a mistake it reports a diagnostic,
/// skips to the next line that starts an item or declaration, and goes on, so
/// one run reports every error in the file.
public struct Parser {
    struct Failure: Error {}

    var tokens: [Token]
    var index = 0
    var diagnostics: DiagnosticBag
    var depth = 0
    static let maxDepth = 100
    /// Operators in the expression being parsed. A long chain (`a and b and
    /// …`) is parsed in a loop but becomes a deep tree, which every later
    /// phase walks recursively; the limit keeps those walks far from the
    /// end of the stack.
    var operators = 0
    static let maxOperators = 256

    public static func parse(_ file: SourceFile) -> (RulesetSyntax, [Diagnostic]) {
        let (tokens, lexDiagnostics) = Lexer.tokenize(file)
        var parser = Parser(tokens: tokens, diagnostics: DiagnosticBag(file: file))
        let syntax = parser.parseFile()
        return (syntax, lexDiagnostics + parser.diagnostics.items)
    }

    // MARK: Token helpers

    var current: Token { tokens[index] }
    var previous: Token { tokens[max(0, index - 1)] }
    var atEnd: Bool { current.kind == .end }

    mutating func advance() -> Token {
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    func check(_ word: some Keyword) -> Bool { current.isWord(word) }
    func check(_ symbol: Symbol) -> Bool { current.isSymbol(symbol) }

    mutating func accept(_ word: some Keyword) -> Bool {
        if check(word) { _ = advance(); return true }
        return false
    }
    mutating func accept(_ symbol: Symbol) -> Bool {
        if check(symbol) { _ = advance(); return true }
        return false
    }

    mutating func fail(_ draft: DiagnosticDraft, at span: Span? = nil) -> Failure {
        diagnostics.report(draft, at: span ?? current.span)
        return Failure()
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .end: return "the end of the file"
        case .string: return "the string \"\(t.text)\""
        case .word: return "`\(t.text)`"
        default: return "`\(t.text)`"
        }
    }

    mutating func expect(_ word: some Keyword, _ context: String) throws(Failure) {
        guard accept(word) else { throw fail(.expectedWordOrSymbol(word.rawValue, context, found: describe(current))) }
    }
    mutating func expect(_ symbol: Symbol, _ context: String) throws(Failure) {
        guard accept(symbol) else { throw fail(.expectedWordOrSymbol(symbol.rawValue, context, found: describe(current))) }
    }

    mutating func expectName(_ what: String) throws(Failure) -> Name {
        guard current.kind == .word else { throw fail(.expectedName(what, found: describe(current))) }
        let t = advance()
        return Name(t.text, t.span)
    }

    mutating func expectString(_ what: String) throws(Failure) -> Located<String> {
        guard current.kind == .string else {
            throw fail(.expectedQuotedString(what, found: describe(current)))
        }
        let t = advance()
        return Located(value: t.text, span: t.span)
    }

    mutating func expectDate(_ what: String) throws(Failure) -> Located<String> {
        guard current.kind == .date else { throw fail(.expectedDate(what, found: describe(current))) }
        let t = advance()
        return Located(value: t.text, span: t.span)
    }

    /// A whole number written as digits: a limit or a window's length. These
    /// are never negative, so `-1` gets a message of its own, made by `negative`.
    mutating func expectInteger(_ what: String, negative: (_ what: String, _ digits: String) -> DiagnosticDraft = DiagnosticDraft.negativeWholeNumber)
        throws(Failure) -> Located<Int>
    {
        if check(.minus), index + 1 < tokens.count, tokens[index + 1].kind == .integer {
            let number = tokens[index + 1]
            throw fail(negative(what, number.text), at: current.span.to(number.span))
        }
        guard current.kind == .integer, let n = Int(current.text) else { throw fail(.expectedWholeNumber(what, found: describe(current))) }
        let t = advance()
        return Located(value: n, span: t.span)
    }

    /// Skips to the next token that starts a line and is one of `words`, a
    /// declaration keyword or `end`.
    mutating func synchronize(to words: Set<String>) {
        _ = advance()
        while !atEnd {
            if current.startsLine, current.kind == .word,
                words.contains(current.text) || current.keyword(DeclarationKeyword.self) != nil || check(ItemKeyword.end) || check(HeaderKeyword.ruleset)
            {
                return
            }
            _ = advance()
        }
    }

    // MARK: File

    // file = header , { declaration } ;
    mutating func parseFile() -> RulesetSyntax {
        var header: Header?
        if check(HeaderKeyword.ruleset) {
            do { header = try parseHeader() } catch { synchronize(to: []) }
        } else {
            diagnostics.report(.fileDoesNotStartWithRuleset(), at: current.span)
        }
        var declarations: [Declaration] = []
        while !atEnd {
            let start = index
            do {
                if let d = try parseDeclaration() { declarations.append(d) }
            } catch {
                synchronize(to: [])
                if check(ItemKeyword.end) { _ = advance() }
            }
            if index == start { _ = advance() }
        }
        return RulesetSyntax(header: header, declarations: declarations)
    }

    // header = "ruleset" STRING { header_item } ;
    mutating func parseHeader() throws(Failure) -> Header {
        _ = advance()
        var header = Header(name: try expectString("the ruleset's name"))
        while current.kind == .word, current.keyword(DeclarationKeyword.self) == nil {
            let word = advance()
            switch word.keyword(HeaderKeyword.self) {
            case .version?: header.version = try expectString("the version")
            case .source?: header.source = try expectString("the source document")
            case .effective?: header.effective = try expectDate("the date the ruleset applies from")
            case .until?: header.until = try expectDate("the last date the ruleset applies")
            case .date?:
                try expect(HeaderKeyword.field, "after `date` (as in `date field datum`)")
                header.dateField = try expectName("the name of the record's date field")
            case .ruleset?, .field?, nil:
                throw fail(.unknownHeaderItem(word.text), at: word.span)
            }
        }
        return header
    }

    // declaration = record | codes | param | define | note | rule | cap | measure | sample | test ;
    mutating func parseDeclaration() throws(Failure) -> Declaration? {
        guard current.kind == .word else { throw fail(.expectedDeclaration(found: describe(current))) }
        switch current.keyword(DeclarationKeyword.self) {
        case .record?: return .record(try parseRecord())
        case .codes?: return .codes(try parseCodes())
        case .param?: return .param(try parseParam())
        case .define?: return .define(try parseDefine())
        case .note?: return .note(try parseNote())
        case .rule?: return .rule(try parseRule())
        case .cap?: return .cap(try parseCap())
        case .measure?: return .measure(try parseMeasure())
        case .sample?: _ = advance(); return .sample(try parseRecordLiteral())
        case .test?: return .test(try parseTest())
        case nil where check(HeaderKeyword.ruleset): throw fail(.rulesetTwice())
        case nil: throw fail(.notADeclaration(current.text, suggestion: closest(current.text, among: DeclarationKeyword.words)))
        }
    }

    /// Runs `item` for each item of a block until `end`. A failing item is
    /// reported and skipped; a declaration keyword at a line start closes a
    /// block whose `end` is missing.
    mutating func parseBlock(_ kind: DeclarationKeyword, _ name: Name, items: Set<String>, _ item: (inout Parser) throws(Failure) -> Void) -> Span {
        while !atEnd {
            if check(ItemKeyword.end) { return name.span.to(advance().span) }
            if current.startsLine, current.keyword(DeclarationKeyword.self) != nil, !items.contains(current.text) {
                break
            }
            let start = index
            do { try item(&self) } catch {
                synchronize(to: items)
            }
            if index == start { synchronize(to: items) }
        }
        diagnostics.report(.blockNotClosedWithEnd(kind, name: name.text), at: name.span)
        return name.span.to(previous.span)
    }

    mutating func unknownItem<Item: Keyword>(_ kind: DeclarationKeyword, _ items: Item.Type) -> Failure {
        let word = current
        let suggestion = word.kind == .word ? closest(word.text, among: items.words) : nil
        return fail(.notAnItemOfThisBlock(found: describe(word), of: kind, suggestion: suggestion, items: items.words))
    }

    mutating func once<T>(_ slot: inout T?, _ word: Token, _ value: T) {
        if slot != nil { diagnostics.report(.itemGivenTwice(word.text), at: word.span) }
        slot = value
    }

    // record = "record" WORD { field } "end" ;
    mutating func parseRecord() throws(Failure) -> RecordDecl {
        _ = advance()
        let name = try expectName("the record's name")
        var fields: [FieldDecl] = []
        let span = parseBlock(.record, name, items: []) { (p: inout Parser) throws(Failure) in
            fields.append(try p.parseField())
        }
        return RecordDecl(name: name, fields: fields, span: span)
    }

    // field = WORD ":" [ "optional" ] type ;
    mutating func parseField() throws(Failure) -> FieldDecl {
        let name = try expectName("a field name")
        try expect(.colon, "after the field name (as in `datum: date`)")
        let optional = accept(ClauseKeyword.optional)
        let typeStart = current.span
        let type = try parseType()
        return FieldDecl(name: name, optional: optional, type: type, typeSpan: typeStart.to(previous.span), span: name.span.to(previous.span))
    }

    // type = "text" | "int" | … | "one" "of" STRING { "," STRING } | "list" "of" type ;
    mutating func parseType() throws(Failure) -> TypeSyntax {
        if accept(ClauseKeyword.one) {
            try expect(ClauseKeyword.of, "after `one` (as in `one of \"A\", \"B\"`)")
            var codes = [try expectString("a code")]
            while accept(.comma) { codes.append(try expectString("a code")) }
            return .oneOf(codes)
        }
        if accept(ClauseKeyword.list) {
            try expect(ClauseKeyword.of, "after `list` (as in `list of text`)")
            return .list(try parseType())
        }
        return .named(try expectName("a type (text, int, decimal, bool, date, time, personnummer, one of …, list of …)"))
    }

    // codes = "codes" WORD "=" STRING { "," STRING } ;
    mutating func parseCodes() throws(Failure) -> CodesDecl {
        let start = advance().span
        let name = try expectName("the code set's name")
        try expect(.equal, "after the code set's name")
        var codes = [try expectString("a code")]
        while accept(.comma) { codes.append(try expectString("a code")) }
        return CodesDecl(name: name, codes: codes, span: start.to(previous.span))
    }

    // param = "param" WORD ":" type "=" expr ;
    mutating func parseParam() throws(Failure) -> ParamDecl {
        let start = advance().span
        let name = try expectName("the parameter's name")
        try expect(.colon, "after the parameter's name (as in `param referensdatum: date = 2025-01-01`)")
        let typeStart = current.span
        let type = try parseType()
        let typeSpan = typeStart.to(previous.span)
        try expect(.equal, "before the parameter's default value")
        let value = try parseExpression()
        return ParamDecl(name: name, type: type, typeSpan: typeSpan, defaultValue: value, span: start.to(previous.span))
    }

    // define = "define" WORD "=" expr ;
    mutating func parseDefine() throws(Failure) -> DefineDecl {
        let start = advance().span
        let name = try expectName("the definition's name")
        try expect(.equal, "after the definition's name")
        let value = try parseExpression()
        return DefineDecl(name: name, value: value, span: start.to(previous.span))
    }

    // note = "note" STRING [ "cites" STRING ] ;
    mutating func parseNote() throws(Failure) -> NoteDecl {
        let start = advance().span
        let text = try expectString("the note's text")
        var cites: Located<String>?
        if accept(ItemKeyword.cites) { cites = try expectString("the cited section") }
        return NoteDecl(text: text, cites: cites, span: start.to(previous.span))
    }

    mutating func parseSeverity() throws(Failure) -> Located<Severity> {
        guard let s = current.keyword(Severity.self) else { throw fail(.notSeverity(found: describe(current))) }
        return Located(value: s, span: advance().span)
    }

    // rule = "rule" WORD { rule_item } "end" ;
    mutating func parseRule() throws(Failure) -> RuleDecl {
        _ = advance()
        let id = try expectName("the rule's id")
        var rule = RuleDecl(id: id, span: id.span)
        rule.span = parseBlock(.rule, id, items: RuleItem.words) { (p: inout Parser) throws(Failure) in
            let word = p.current
            switch word.keyword(RuleItem.self) {
            case .title?: _ = p.advance(); let v = try p.expectString("the title"); p.once(&rule.title, word, v)
            case .severity?: _ = p.advance(); let v = try p.parseSeverity(); p.once(&rule.severity, word, v)
            case .cites?: _ = p.advance(); let v = try p.expectString("the cited section"); p.once(&rule.cites, word, v)
            case .when?: _ = p.advance(); let v = try p.parseExpression(); p.once(&rule.when, word, v)
            case .require?: _ = p.advance(); let v = try p.parseExpression(); p.once(&rule.require, word, v)
            case .message?: _ = p.advance(); let v = try p.expectString("the message"); p.once(&rule.message, word, v)
            case nil: throw p.unknownItem(.rule, RuleItem.self)
            }
        }
        return rule
    }

    // cap = "cap" WORD { cap_item } { cap_check } "end" ;
    mutating func parseCap() throws(Failure) -> CapDecl {
        _ = advance()
        let name = try expectName("the cap's name")
        var cap = CapDecl(name: name, per: [], orderBy: [], checks: [], span: name.span)
        cap.span = parseBlock(.cap, name, items: CapItem.words) { (p: inout Parser) throws(Failure) in
            let word = p.current
            let inCheck = !cap.checks.isEmpty
            switch word.keyword(CapItem.self) {
            case .require?, .limit?: cap.checks.append(try p.parseCapCheck())
            case .title? where inCheck: _ = p.advance(); let v = try p.expectString("the title"); p.once(&cap.checks[cap.checks.count - 1].title, word, v)
            case .cites? where inCheck:
                _ = p.advance(); let v = try p.expectString("the cited section"); p.once(&cap.checks[cap.checks.count - 1].cites, word, v)
            case .severity? where inCheck: _ = p.advance(); let v = try p.parseSeverity(); p.once(&cap.checks[cap.checks.count - 1].severity, word, v)
            case .message? where inCheck: _ = p.advance(); let v = try p.expectString("the message"); p.once(&cap.checks[cap.checks.count - 1].message, word, v)
            case .title?: _ = p.advance(); let v = try p.expectString("the title"); p.once(&cap.title, word, v)
            case .cites?: _ = p.advance(); let v = try p.expectString("the cited section"); p.once(&cap.cites, word, v)
            case .severity?: _ = p.advance(); let v = try p.parseSeverity(); p.once(&cap.severity, word, v)
            case .when?: _ = p.advance(); let v = try p.parseExpression(); p.once(&cap.when, word, v)
            case .per?:
                _ = p.advance()
                cap.per = try p.parseExpressionList()
            case .order?:
                _ = p.advance()
                try p.expect(ClauseKeyword.by, "after `order` (as in `order by datum, id`)")
                cap.orderBy = try p.parseExpressionList()
            case .message?: throw p.fail(.messageDirectlyUnderCap())
            case nil: throw p.unknownItem(.cap, CapItem.self)
            }
        }
        return cap
    }

    mutating func parseExpressionList() throws(Failure) -> [Expr] {
        var list = [try parseExpression()]
        while accept(.comma) { list.append(try parseExpression()) }
        return list
    }

    // cap_check = ( "require" WORD ":" expr | "limit" WORD ":" "at" "most" INT window ) { … } ;
    mutating func parseCapCheck() throws(Failure) -> CapCheckDecl {
        let word = advance()
        let id = try expectName("the check's id (as in `\(word.text) vecka: …`)")
        try expect(.colon, "after the check's id")
        if word.isWord(CapItem.require) {
            let e = try parseExpression()
            return CapCheckDecl(id: id, kind: .require(e), span: word.span.to(previous.span))
        }
        try expect(ClauseKeyword.at, "in a limit (as in `limit vecka: at most 1 per iso week`)")
        try expect(ClauseKeyword.most, "after `at`")
        let n = try expectInteger("the limit", negative: DiagnosticDraft.negativeLimit)
        let window = try parseWindow()
        return CapCheckDecl(id: id, kind: .limit(n, window), span: word.span.to(previous.span))
    }

    // window = "within" INT unit | "per" ( "iso" "week" | "week" | "month" | "year" ) | "since" "latest" expr ;
    mutating func parseWindow() throws(Failure) -> CapWindow {
        if accept(ExpressionKeyword.within) {
            let n = try expectInteger("the window's length")
            return .rolling(n.value, try parseUnit())
        }
        if accept(CapItem.per) {
            if accept(ClauseKeyword.iso) { try expect(UnitKeyword.week, "after `per iso`"); return .calendar(.isoWeek) }
            if accept(UnitKeyword.week) { return .calendar(.isoWeek) }
            if accept(UnitKeyword.month) { return .calendar(.month) }
            if accept(UnitKeyword.year) { return .calendar(.year) }
            throw fail(.unknownCalendarPeriod(found: describe(current)))
        }
        if accept(ClauseKeyword.since) {
            try expect(ExpressionKeyword.latest, "after `since` (as in `since latest kontakttyp = \"fysiskt\"`)")
            return .sinceLatest(try parseExpression())
        }
        throw fail(.expectedCapWindow(found: describe(current)))
    }

    mutating func parseUnit() throws(Failure) -> DurationUnit {
        guard let u = current.keyword(UnitKeyword.self)?.unit else { throw fail(.unknownUnit(found: describe(current))) }
        _ = advance()
        return u
    }

    // measure = "measure" WORD { measure_item } "end" ;
    mutating func parseMeasure() throws(Failure) -> MeasureDecl {
        _ = advance()
        let name = try expectName("the measure's name")
        var m = MeasureDecl(name: name, groupBy: [], values: [], span: name.span)
        m.span = parseBlock(.measure, name, items: MeasureItem.words) { (p: inout Parser) throws(Failure) in
            let word = p.current
            switch word.keyword(MeasureItem.self) {
            case .title?: _ = p.advance(); let v = try p.expectString("the title"); p.once(&m.title, word, v)
            case .cites?: _ = p.advance(); let v = try p.expectString("the cited section"); p.once(&m.cites, word, v)
            case .when?: _ = p.advance(); let v = try p.parseExpression(); p.once(&m.when, word, v)
            case .group?:
                _ = p.advance()
                try p.expect(ClauseKeyword.by, "after `group` (as in `group by klinik`)")
                repeat {
                    let key = try p.expectName("a group key")
                    if p.accept(.equal) {
                        m.groupBy.append(GroupKeyDecl(name: key, value: try p.parseExpression()))
                    } else {
                        m.groupBy.append(GroupKeyDecl(name: key, value: Expr(.name(key.text), key.span)))
                    }
                } while p.accept(.comma)
            case .value?:
                let start = p.advance().span
                let vname = try p.expectName("the value's name")
                try p.expect(.equal, "after the value's name")
                let kind: MeasureValueDecl.Kind
                if p.accept(ExpressionKeyword.count) {
                    kind = .count(where: p.accept(ExpressionKeyword.where) ? try p.parseExpression() : nil)
                } else if p.accept(ClauseKeyword.sum) {
                    let e = try p.parseExpression()
                    kind = .sum(e, where: p.accept(ExpressionKeyword.where) ? try p.parseExpression() : nil)
                } else {
                    kind = .derived(try p.parseExpression())
                }
                m.values.append(MeasureValueDecl(name: vname, kind: kind, span: start.to(p.previous.span)))
            case nil: throw p.unknownItem(.measure, MeasureItem.self)
            }
        }
        return m
    }

    // record_literal = "{" [ WORD ":" expr { "," WORD ":" expr } ] "}" ;
    mutating func parseRecordLiteral() throws(Failure) -> RecordLiteral {
        let start = current.span
        try expect(.openBrace, "to open the record's values")
        var fields: [(name: Name, value: Expr)] = []
        if !check(.closeBrace) {
            repeat {
                let name = try expectName("a field name")
                try expect(.colon, "after the field name")
                fields.append((name, try parseExpression()))
            } while accept(.comma)
        }
        try expect(.closeBrace, "to close the record's values")
        return RecordLiteral(fields: fields, span: start.to(previous.span))
    }

    // test = "test" STRING { test_item } "end" ;
    mutating func parseTest() throws(Failure) -> TestDecl {
        let start = advance()
        let name = try expectString("the test's name")
        var test = TestDecl(name: name, records: [], params: [], expectations: [], span: start.span)
        test.span = parseBlock(.test, Name(name.value, start.span.to(name.span)), items: TestItem.words) { (p: inout Parser) throws(Failure) in
            let word = p.current
            switch word.keyword(TestItem.self) {
            case .record?:
                _ = p.advance()
                let rname = try p.expectName("the test record's name")
                test.records.append((rname, try p.parseRecordLiteral()))
            case .param?:
                _ = p.advance()
                let pname = try p.expectName("a parameter's name")
                try p.expect(.equal, "after the parameter's name")
                test.params.append((pname, try p.parseExpression()))
            case .expect?:
                test.expectations.append(try p.parseExpectation())
            case nil: throw p.unknownItem(.test, TestItem.self)
            }
        }
        return test
    }

    // "expect" WORD ( "breaks" | "passes" ) WORD { "," WORD } | "expect" WORD "clean"
    // | "expect" "measure" WORD [ "for" WORD "=" otherwise_expr { … } ] ":" WORD "=" otherwise_expr { … }
    mutating func parseExpectation() throws(Failure) -> Expectation {
        let start = advance().span
        if accept(DeclarationKeyword.measure) {
            let m = try expectName("the measure's name")
            var group: [(Name, Expr)] = []
            if accept(ClauseKeyword.for) {
                repeat {
                    let key = try expectName("a group key")
                    try expect(.equal, "after the group key")
                    group.append((key, try parseOtherwise()))
                } while accept(.comma)
            }
            try expect(.colon, "before the expected values (as in `expect measure m for klinik = \"Ortopedi\": inom = 3`)")
            var values: [(Name, Expr)] = []
            repeat {
                let v = try expectName("a value's name")
                try expect(.equal, "after the value's name")
                values.append((v, try parseOtherwise()))
            } while accept(.comma)
            return .measure(m, group: group, values: values, span: start.to(previous.span))
        }
        let record = try expectName("the test record's name")
        if accept(ClauseKeyword.clean) { return .clean(record: record) }
        let breaks: Bool
        if accept(ClauseKeyword.breaks) {
            breaks = true
        } else if accept(ClauseKeyword.passes) {
            breaks = false
        } else {
            throw fail(.expectedBreaksPassesOrClean(found: describe(current)))
        }
        var rules = [try expectName("a rule id")]
        while accept(.comma) { rules.append(try expectName("a rule id")) }
        return breaks ? .breaks(record: record, rules: rules) : .passes(record: record, rules: rules)
    }
}
