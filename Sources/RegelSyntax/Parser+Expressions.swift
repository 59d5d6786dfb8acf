extension Parser {
    // expr = "if" expr "then" expr "else" expr | or_expr ;
    mutating func parseExpression() throws(Failure) -> Expr {
        if depth == 0 { operators = 0 }
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth {
            throw fail(.expressionNestedTooDeeply(maximum: Parser.maxDepth))
        }
        if check(ExpressionKeyword.if) {
            let start = advance().span
            let c = try parseExpression()
            try expect(ExpressionKeyword.then, "after the condition of `if`")
            let a = try parseExpression()
            try expect(ExpressionKeyword.else, "after `if … then …` (both branches are needed)")
            let b = try parseExpression()
            return Expr(.conditional(c, a, b), start.to(b.span))
        }
        return try parseOr()
    }

    mutating func countOperator() throws(Failure) {
        operators += 1
        if operators > Parser.maxOperators {
            throw fail(.tooManyOperators(maximum: Parser.maxOperators))
        }
    }

    // or_expr = and_expr { "or" and_expr } ;
    mutating func parseOr() throws(Failure) -> Expr {
        var left = try parseAnd()
        while accept(ExpressionKeyword.or) {
            let right = try parseAnd()
            try countOperator(); left = Expr(.binary(.or, left, right), left.span.to(right.span))
        }
        return left
    }

    // and_expr = not_expr { "and" not_expr } ;
    mutating func parseAnd() throws(Failure) -> Expr {
        var left = try parseNot()
        while accept(ExpressionKeyword.and) {
            let right = try parseNot()
            try countOperator(); left = Expr(.binary(.and, left, right), left.span.to(right.span))
        }
        return left
    }

    // not_expr = "not" not_expr | comparison ;
    mutating func parseNot() throws(Failure) -> Expr {
        if check(ExpressionKeyword.not) {
            let start = advance().span
            depth += 1
            defer { depth -= 1 }
            if depth > Parser.maxDepth { throw fail(.prefixesNestedTooDeeply()) }
            let e = try parseNot()
            try countOperator(); return Expr(.not(e), start.to(e.span))
        }
        return try parseComparison()
    }

    /// The comparison operators, by the symbol that writes each.
    static let comparisons: [Symbol: BinaryOperator] = [
        .equal: .equal, .notEqual: .notEqual, .less: .less, .lessOrEqual: .lessOrEqual, .greater: .greater, .greaterOrEqual: .greaterOrEqual
    ]
    /// Words people write for a missing value after `is`; the hint points them to `is missing`.
    static let otherSpellingsOfMissing: Set<String> = ["empty", "null"]

    // comparison = otherwise_expr [ comparison_tail ] ;
    mutating func parseComparison() throws(Failure) -> Expr {
        let left = try parseOtherwise()
        if let op = current.symbol.flatMap({ Parser.comparisons[$0] }) {
            _ = advance()
            if op == .equal, check(.equal) {
                throw fail(.doubleEqualsForEquality())
            }
            let right = try parseOtherwise()
            try countOperator(); return Expr(.binary(op, left, right), left.span.to(right.span))
        }
        if check(ExpressionKeyword.not) && tokens[index + 1].isWord(ExpressionKeyword.in) {
            _ = advance(); _ = advance()
            let right = try parseOtherwise()
            try countOperator(); return Expr(.binary(.notIn, left, right), left.span.to(right.span))
        }
        if accept(ExpressionKeyword.in) {
            let right = try parseOtherwise()
            try countOperator(); return Expr(.binary(.isIn, left, right), left.span.to(right.span))
        }
        if accept(ExpressionKeyword.is) {
            if accept(ExpressionKeyword.missing) { return Expr(.presence(left, isPresent: false), left.span.to(previous.span)) }
            if accept(ExpressionKeyword.present) { return Expr(.presence(left, isPresent: true), left.span.to(previous.span)) }
            if check(ExpressionKeyword.not) {
                throw fail(.isNot())
            }
            let spelledMissing = current.kind == .word && Parser.otherSpellingsOfMissing.contains(current.text)
            throw fail(.isWithoutMissingOrPresent(found: describe(current), spelledMissing: spelledMissing))
        }
        if accept(ExpressionKeyword.starts) {
            try expect(ExpressionKeyword.with, "after `starts`")
            let right = try parseOtherwise()
            try countOperator(); return Expr(.binary(.startsWith, left, right), left.span.to(right.span))
        }
        if accept(ExpressionKeyword.contains) {
            let right = try parseOtherwise()
            try countOperator(); return Expr(.binary(.contains, left, right), left.span.to(right.span))
        }
        if accept(ExpressionKeyword.within) {
            let n = try expectInteger("the window's length")
            let unit = try parseUnit()
            let before: Bool
            if accept(ExpressionKeyword.before) {
                before = true
            } else if accept(ExpressionKeyword.after) {
                before = false
            } else {
                throw fail(.withinWithoutBeforeOrAfter(n.value, unit, found: describe(current)))
            }
            let right = try parseOtherwise()
            return Expr(.within(left, n.value, unit, before: before, right), left.span.to(right.span))
        }
        return left
    }

    // otherwise_expr = additive { "otherwise" additive } ;
    mutating func parseOtherwise() throws(Failure) -> Expr {
        var left = try parseAdditive()
        while accept(ExpressionKeyword.otherwise) {
            let right = try parseAdditive()
            try countOperator(); left = Expr(.binary(.otherwise, left, right), left.span.to(right.span))
        }
        return left
    }

    // additive = term { ( "+" | "-" ) term } ;
    mutating func parseAdditive() throws(Failure) -> Expr {
        var left = try parseTerm()
        while check(.plus) || check(.minus) {
            let op: BinaryOperator = advance().isSymbol(.plus) ? .plus : .minus
            let right = try parseTerm()
            try countOperator(); left = Expr(.binary(op, left, right), left.span.to(right.span))
        }
        return left
    }

    // term = unary { ( "*" | "/" ) unary } ;
    mutating func parseTerm() throws(Failure) -> Expr {
        var left = try parseUnary()
        while check(.times) || check(.divide) {
            let op: BinaryOperator = advance().isSymbol(.times) ? .times : .divide
            let right = try parseUnary()
            try countOperator(); left = Expr(.binary(op, left, right), left.span.to(right.span))
        }
        return left
    }

    // unary = "-" unary | primary ;
    mutating func parseUnary() throws(Failure) -> Expr {
        if check(.minus) {
            let start = advance().span
            depth += 1
            defer { depth -= 1 }
            if depth > Parser.maxDepth { throw fail(.prefixesNestedTooDeeply()) }
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
            guard let n = Int(t.text) else { throw fail(.integerTooLarge(t.text), at: t.span) }
            if let unit = current.keyword(UnitKeyword.self)?.unit {
                let u = advance()
                return Expr(.duration(n, unit), t.span.to(u.span))
            }
            return Expr(.integer(n), t.span)
        case .decimal:
            _ = advance()
            guard let d = Double(t.text), d.magnitude < 1e15 else {
                throw fail(.decimalTooLarge(t.text), at: t.span)
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
        case .symbol where t.isSymbol(.openParen):
            _ = advance()
            let e = try parseExpression()
            try expect(.closeParen, "to close the parenthesis")
            return Expr(e.kind, t.span.to(previous.span))
        case .symbol where t.isSymbol(.openBracket):
            _ = advance()
            var items: [Expr] = []
            if !check(.closeBracket) {
                repeat { items.append(try parseExpression()) } while accept(.comma)
            }
            try expect(.closeBracket, "to close the list")
            return Expr(.list(items), t.span.to(previous.span))
        case .word:
            return try parseWordPrimary()
        default:
            throw fail(.expectedValue(found: describe(t)))
        }
    }

    mutating func parseWordPrimary() throws(Failure) -> Expr {
        if current.startsLine, current.keyword(ItemKeyword.self) != nil, index > 0 {
            let before = previous
            throw fail(.expressionEndsTooEarly(after: describe(before)), at: before.span)
        }
        let t = advance()
        switch t.keyword(ExpressionKeyword.self) {
        case .true?: return Expr(.bool(true), t.span)
        case .false?: return Expr(.bool(false), t.span)
        case .missing?: return Expr(.missing, t.span)
        case .other?:
            try expect(.dot, "after `other` (as in `other.datum`)")
            let f = try expectName("a field of the other record")
            return Expr(.otherField(f.text, nameSpan: f.span), t.span.to(f.span))
        case .exists?, .count?:
            try expect(ExpressionKeyword.other, "after `\(t.text)` (as in `\(t.text) other where other.patient = patient`)")
            try expect(ExpressionKeyword.where, "after `\(t.text) other`")
            let c = try parseExpression()
            return Expr(.aggregate(t.isWord(ExpressionKeyword.exists) ? .exists : .count, field: nil, c), t.span.to(c.span))
        case .latest?, .earliest?:
            try expect(ExpressionKeyword.other, "after `\(t.text)` (as in `\(t.text) other.datum where …`)")
            try expect(.dot, "after `other`")
            let f = try expectName("a field of the other record")
            try expect(ExpressionKeyword.where, "after `\(t.text) other.\(f.text)`")
            let c = try parseExpression()
            return Expr(.aggregate(t.isWord(ExpressionKeyword.latest) ? .latest : .earliest, field: f.text, c), t.span.to(c.span))
        case .some:
            throw fail(.keywordCannotStartValue(t.text), at: t.span)
        case nil:
            if accept(.openParen) {
                var args: [Expr] = []
                if !check(.closeParen) {
                    repeat { args.append(try parseExpression()) } while accept(.comma)
                }
                try expect(.closeParen, "to close the arguments of `\(t.text)`")
                return Expr(.call(t.text, args), t.span.to(previous.span))
            }
            return Expr(.name(t.text), t.span)
        }
    }
}
