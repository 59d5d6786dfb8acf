extension Parser {
    // expr = "if" expr "then" expr "else" expr | or_expr ;
    mutating func parseExpression() throws(Failure) -> Expr {
        if depth == 0 { operators = 0 }
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth {
            throw fail(SyntaxCode.expressionNestedTooDeeply, "this expression is nested too deeply (more than \(Parser.maxDepth) levels)",
                       hint: "split it into named definitions with `define`")
        }
        if check("if") {
            let start = advance().span
            let c = try parseExpression()
            try expect("then", "after the condition of `if`")
            let a = try parseExpression()
            try expect("else", "after `if … then …` (both branches are needed)")
            let b = try parseExpression()
            return Expr(.conditional(c, a, b), start.to(b.span))
        }
        return try parseOr()
    }

    mutating func countOperator() throws(Failure) {
        operators += 1
        if operators > Parser.maxOperators {
            throw fail(SyntaxCode.tooManyOperators, "this expression has more than \(Parser.maxOperators) operators",
                       hint: "split it into named definitions with `define`, or into several rules")
        }
    }

    // or_expr = and_expr { "or" and_expr } ;
    mutating func parseOr() throws(Failure) -> Expr {
        var left = try parseAnd()
        while accept("or") {
            let right = try parseAnd()
            try countOperator(); left = Expr(.binary(.or, left, right), left.span.to(right.span))
        }
        return left
    }

    // and_expr = not_expr { "and" not_expr } ;
    mutating func parseAnd() throws(Failure) -> Expr {
        var left = try parseNot()
        while accept("and") {
            let right = try parseNot()
            try countOperator(); left = Expr(.binary(.and, left, right), left.span.to(right.span))
        }
        return left
    }

    // not_expr = "not" not_expr | comparison ;
    mutating func parseNot() throws(Failure) -> Expr {
        if check("not") {
            let start = advance().span
            depth += 1
            defer { depth -= 1 }
            if depth > Parser.maxDepth { throw fail(SyntaxCode.expressionNestedTooDeeply, "this expression is nested too deeply", hint: "split it into named definitions with `define`") }
            let e = try parseNot()
            try countOperator(); return Expr(.not(e), start.to(e.span))
        }
        return try parseComparison()
    }

    // comparison = otherwise_expr [ comparison_tail ] ;
    mutating func parseComparison() throws(Failure) -> Expr {
        let left = try parseOtherwise()
        let ops: [String: BinaryOperator] = ["=": .equal, "!=": .notEqual, "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual]
        if current.kind == .symbol, let op = ops[current.text] {
            _ = advance()
            if op == .equal, checkSymbol("=") {
                throw fail(SyntaxCode.doubleEqualsForEquality, "write a single `=` for equality", hint: "`a = b`, not `a == b`")
            }
            let right = try parseOtherwise()
            try countOperator(); return Expr(.binary(op, left, right), left.span.to(right.span))
        }
        if check("not") && tokens[index + 1].isWord("in") {
            _ = advance(); _ = advance()
            let right = try parseOtherwise()
            try countOperator(); return Expr(.binary(.notIn, left, right), left.span.to(right.span))
        }
        if accept("in") {
            let right = try parseOtherwise()
            try countOperator(); return Expr(.binary(.isIn, left, right), left.span.to(right.span))
        }
        if accept("is") {
            if accept("missing") { return Expr(.presence(left, isPresent: false), left.span.to(previous.span)) }
            if accept("present") { return Expr(.presence(left, isPresent: true), left.span.to(previous.span)) }
            if check("not") {
                throw fail(SyntaxCode.isWithoutMissingOrPresent, "write `is missing` or `is present`", hint: "`is not missing` is `is present`")
            }
            throw fail(SyntaxCode.isWithoutMissingOrPresent, "expected `missing` or `present` after `is`, found \(describe(current))",
                       hint: check("empty") || check("null") ? "a missing value is tested with `is missing`" : nil)
        }
        if accept("starts") {
            try expect("with", "after `starts`")
            let right = try parseOtherwise()
            try countOperator(); return Expr(.binary(.startsWith, left, right), left.span.to(right.span))
        }
        if accept("contains") {
            let right = try parseOtherwise()
            try countOperator(); return Expr(.binary(.contains, left, right), left.span.to(right.span))
        }
        if accept("within") {
            let n = try expectInteger("the window's length")
            let unit = try parseUnit()
            let before: Bool
            if accept("before") { before = true } else if accept("after") { before = false } else {
                throw fail(SyntaxCode.withinWithoutBeforeOrAfter, "expected `before` or `after` in `within \(n.value) \(unit.plural(n.value)) …`, found \(describe(current))")
            }
            let right = try parseOtherwise()
            return Expr(.within(left, n.value, unit, before: before, right), left.span.to(right.span))
        }
        return left
    }

    // otherwise_expr = additive { "otherwise" additive } ;
    mutating func parseOtherwise() throws(Failure) -> Expr {
        var left = try parseAdditive()
        while accept("otherwise") {
            let right = try parseAdditive()
            try countOperator(); left = Expr(.binary(.otherwise, left, right), left.span.to(right.span))
        }
        return left
    }

    // additive = term { ( "+" | "-" ) term } ;
    mutating func parseAdditive() throws(Failure) -> Expr {
        var left = try parseTerm()
        while checkSymbol("+") || checkSymbol("-") {
            let op: BinaryOperator = advance().text == "+" ? .plus : .minus
            let right = try parseTerm()
            try countOperator(); left = Expr(.binary(op, left, right), left.span.to(right.span))
        }
        return left
    }

    // term = unary { ( "*" | "/" ) unary } ;
    mutating func parseTerm() throws(Failure) -> Expr {
        var left = try parseUnary()
        while checkSymbol("*") || checkSymbol("/") {
            let op: BinaryOperator = advance().text == "*" ? .times : .divide
            let right = try parseUnary()
            try countOperator(); left = Expr(.binary(op, left, right), left.span.to(right.span))
        }
        return left
    }

    // unary = "-" unary | primary ;
    mutating func parseUnary() throws(Failure) -> Expr {
        if checkSymbol("-") {
            let start = advance().span
            depth += 1
            defer { depth -= 1 }
            if depth > Parser.maxDepth { throw fail(SyntaxCode.expressionNestedTooDeeply, "this expression is nested too deeply", hint: "split it into named definitions with `define`") }
            let e = try parseUnary()
            try countOperator(); return Expr(.negate(e), start.to(e.span))
        }
        return try parsePrimary()
    }

    // primary = INT [ unit ] | DECIMAL | STRING | DATE | TIME | "true" | "false" | "missing" | "[" … "]"
    //         | WORD "(" … ")" | WORD | "other" "." WORD | "(" expr ")"
    //         | "exists" "other" "where" expr | "count" "other" "where" expr
    //         | ( "latest" | "earliest" ) "other" "." WORD "where" expr ;
    mutating func parsePrimary() throws(Failure) -> Expr {
        let t = current
        switch t.kind {
        case .integer:
            _ = advance()
            guard let n = Int(t.text) else { throw fail(SyntaxCode.numberTooLarge, "the number \(t.text) is too large", at: t.span) }
            if current.kind == .word, let unit = DurationUnit.parse(current.text) {
                let u = advance()
                return Expr(.duration(n, unit), t.span.to(u.span))
            }
            return Expr(.integer(n), t.span)
        case .decimal:
            _ = advance()
            guard let d = Double(t.text), d.magnitude < 1e15 else {
                throw fail(SyntaxCode.numberTooLarge, "the number \(t.text) is too large (decimals must be smaller than 1000000000000000)", at: t.span)
            }
            return Expr(.decimal(d), t.span)
        case .string:
            _ = advance()
            return Expr(.string(t.text), t.span)
        case .date:
            _ = advance()
            return Expr(.date(t.text), t.span)
        case .time:
            _ = advance()
            return Expr(.time(t.text), t.span)
        case .symbol where t.text == "(":
            _ = advance()
            let e = try parseExpression()
            try expectSymbol(")", "to close the parenthesis")
            return Expr(e.kind, t.span.to(previous.span))
        case .symbol where t.text == "[":
            _ = advance()
            var items: [Expr] = []
            if !checkSymbol("]") {
                repeat { items.append(try parseExpression()) } while acceptSymbol(",")
            }
            try expectSymbol("]", "to close the list")
            return Expr(.list(items), t.span.to(previous.span))
        case .word:
            return try parseWordPrimary()
        default:
            throw fail(SyntaxCode.expectedValue, "expected a value, a field or a condition, found \(describe(t))")
        }
    }

    mutating func parseWordPrimary() throws(Failure) -> Expr {
        if current.startsLine, Parser.itemWords.contains(current.text), index > 0 {
            let before = previous
            throw fail(SyntaxCode.expressionEndsTooEarly, "the expression ends too early: a value is missing after \(describe(before))",
                       hint: "complete the condition, or remove the trailing \(describe(before))", at: before.span)
        }
        let t = advance()
        switch t.text {
        case "true": return Expr(.bool(true), t.span)
        case "false": return Expr(.bool(false), t.span)
        case "missing": return Expr(.missing, t.span)
        case "other":
            try expectSymbol(".", "after `other` (as in `other.datum`)")
            let f = try expectName("a field of the other record")
            return Expr(.otherField(f.text, nameSpan: f.span), t.span.to(f.span))
        case "exists", "count":
            try expect("other", "after `\(t.text)` (as in `\(t.text) other where other.patient = patient`)")
            try expect("where", "after `\(t.text) other`")
            let c = try parseExpression()
            return Expr(.aggregate(t.text == "exists" ? .exists : .count, field: nil, c), t.span.to(c.span))
        case "latest", "earliest":
            try expect("other", "after `\(t.text)` (as in `\(t.text) other.datum where …`)")
            try expectSymbol(".", "after `other`")
            let f = try expectName("a field of the other record")
            try expect("where", "after `\(t.text) other.\(f.text)`")
            let c = try parseExpression()
            return Expr(.aggregate(t.text == "latest" ? .latest : .earliest, field: f.text, c), t.span.to(c.span))
        default:
            if Parser.expressionKeywords.contains(t.text) {
                throw fail(SyntaxCode.keywordCannotStartValue, "`\(t.text)` cannot start a value here", at: t.span)
            }
            if acceptSymbol("(") {
                var args: [Expr] = []
                if !checkSymbol(")") {
                    repeat { args.append(try parseExpression()) } while acceptSymbol(",")
                }
                try expectSymbol(")", "to close the arguments of `\(t.text)`")
                return Expr(.call(t.text, args), t.span.to(previous.span))
            }
            return Expr(.name(t.text), t.span)
        }
    }
}
