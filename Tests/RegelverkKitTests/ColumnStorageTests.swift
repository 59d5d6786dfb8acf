import Testing
@testable import RegelBuiltins
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelValues

/// A column keeps each cell in as few bytes as its type needs and gives
/// back the very word it was given; list cells are ids into the column's
/// lists; a text column that is only shown keeps its cells apart.
@Suite struct ColumnStorageTests {
    @Test func cellWidthsFollowTheType() {
        #expect(PhysicalType.bool.cellWidth == 1)
        #expect(PhysicalType.time.cellWidth == 2)
        #expect(PhysicalType.date.cellWidth == 4)
        #expect(PhysicalType.text.cellWidth == 4)
        #expect(PhysicalType.code(["A", "B"]).cellWidth == 1)
        #expect(PhysicalType.code((0..<256).map { "K\($0)" }).cellWidth == 1)
        #expect(PhysicalType.code((0..<257).map { "K\($0)" }).cellWidth == 2)
        #expect(PhysicalType.int.cellWidth == 8)
        #expect(PhysicalType.decimal.cellWidth == 8)
        #expect(PhysicalType.personnummer.cellWidth == 8)
    }

    /// Every value round-trips through its narrow cell, through growth, a
    /// batch's copy of the words and an append to another column.
    @Test func valuesRoundTripThroughNarrowCells() {
        let manyCodes = (0..<300).map { "K\($0)" }
        let cases: [(ValueType, [Value])] = [
            (.bool, [.bool(true), .bool(false)]),
            (.int, [.int(Int(Int64.min)), .int(-1), .int(0), .int(Int(Int64.max))]),
            (.decimal, [.decimal(-0.0), .decimal(0.1), .decimal(-1e300), .decimal(.infinity)]),
            (.date, [.date(Day(ordinal: Int32.min)), .date(Day(ordinal: -1)), .date(Day(ordinal: 0)), .date(Day(ordinal: Int32.max))]),
            (.time, [.time(ClockTime(minutes: 0)), .time(ClockTime(minutes: 1439)), .time(ClockTime(minutes: Int16.max))]),
            (.code(["PMO", "PASiS"]), [.text("PASiS"), .text("PMO")]),
            (.code(manyCodes), [.text("K0"), .text("K255"), .text("K256"), .text("K299")]),
            (.text, [.text(""), .text("åäö"), .text("SK00000001")]),
            (.personnummer, [.personnummer(ColumnStorageTests.packed("19121212-1212")), .personnummer(ColumnStorageTests.packed("20171021-5409"))]),
            (.list(.text), [.list([.text("a"), .text("b")]), .list([])])
        ]
        for (type, values) in cases {
            let dictionary = TextDictionary()
            let column = Column(type, capacity: 1)
            // Past the first capacity, so the cells are moved at least once.
            let rows = 200
            for row in 0..<rows {
                column.reserve(row + 1)
                column.clear(row)
                if row % 7 == 3 { continue }  // missing
                #expect(column.set(row, values[row % values.count], dictionary), "\(type)")
            }
            func expected(_ row: Int) -> Value { row % 7 == 3 ? .missing : values[row % values.count] }
            for row in 0..<rows {
                #expect(column.value(row, dictionary) == expected(row), "\(type) row \(row)")
            }
            let copied = UnsafeMutablePointer<UInt64>.allocate(capacity: rows)
            defer { copied.deallocate() }
            column.words.copy(0, rows, into: copied)
            for row in 0..<rows where column.isValid(row) {
                #expect(copied[row] == column.word(row), "\(type) row \(row)")
                if case .list = type { continue }
                #expect(Column.box(copied[row], column.physical, dictionary) == expected(row), "\(type) row \(row)")
            }
            let joined = Column(type, capacity: 1)
            for row in 0..<5 {
                joined.reserve(row + 1)
                joined.clear(row)
                joined.set(row, values[0], dictionary)
            }
            joined.append(column, count: rows, at: 5, ids: (0..<UInt32(dictionary.count)).map { $0 })
            for row in 0..<rows {
                #expect(joined.value(5 + row, dictionary) == expected(row), "appended \(type) row \(row)")
            }
            #expect(joined.value(0, dictionary) == values[0])
        }
    }

    static func packed(_ text: String) -> PackedPersonnummer {
        var text = text
        return text.withUTF8 { PackedPersonnummer.parse(bytes: $0)! }
    }

    @Test func aDictionaryThatDoesNotDeduplicateKeepsEveryCell() {
        let shown = TextDictionary(deduplicates: false)
        let ids = ["b", "a", "b", "", "b"].map { shown.intern($0) }
        #expect(ids == [0, 1, 2, 3, 4], "equal text is appended again, not looked up")
        #expect(ids.map { shown.string($0) } == ["b", "a", "b", "", "b"])
        let other = TextDictionary(deduplicates: false)
        _ = other.intern("a")
        _ = other.intern("a")
        #expect(shown.absorb(other) == [5, 6])
        #expect(shown.string(6) == "a")
    }

    /// Only a text field that nothing computes with is kept uninterned:
    /// shown as the record's name or as `{id}` in a message is fine, a
    /// comparison, a search key or a computed message part is not.
    @Test func onlyTextThatIsShownIsLeftUninterned() throws {
        func shown(_ rule: String, message: String = "{id}", define: String = "") throws -> [String] {
            let text = """
                ruleset "visas"
                source "Dokument"

                record r
                  id: text
                  enhet: text
                  kommentar: text
                  antal: int
                end
                \(define)
                rule r1
                  title "R"
                  severity error
                  cites "1"
                  require \(rule)
                  message "\(message)"
                end
                """
            let checked = try #require(EvalSupport.load(text))
            return ColumnUse.textOnlyShown(checked).map { checked.fields[$0].name }.sorted()
        }
        #expect(try shown("antal <= 5") == ["enhet", "id", "kommentar"])
        #expect(try shown("antal <= 5", message: "{id} på {enhet}") == ["enhet", "id", "kommentar"])
        #expect(try shown("enhet = \"A\"") == ["id", "kommentar"])
        #expect(try shown("not exists other where other.enhet = enhet and other.antal > antal") == ["id", "kommentar"])
        #expect(try shown("antal <= 5", message: "{visat}", define: "define visat = kommentar otherwise id") == ["enhet"])
    }
}
