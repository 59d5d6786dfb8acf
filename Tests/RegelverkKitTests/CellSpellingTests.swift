import Foundation
import RegelBuiltins
import RegelData
import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelValues

/// The two cell conversions, `RowDecoder` (bytes, the path of every export)
/// and `CellConverter` (text: JSON lists, rule-file tests, parameters), read
/// the same spellings to the same values, and reject the same ones.
@Suite struct CellSpellingTests {
    static let dates = [
        "2024-03-05", "20240305", "2024-3-5", "2024-03-5", "2024-3-05", "2024-03-05 00:00:00", "2024-03-05T00:00:00",
        "2024-03-05 00:00", "2024-03-05T00:00", "2024-03-05 00:00:00.000", "20240305 00:00:00", "2024-3-5 0:00",
        "2024-03-05 14:30:00", "2024-03-05T08:15", "2024-03-05 00:00:01", "2024-03-05 00:00:00.001",
        "2024-02-30", "2024-2-30", "20240230", "2024-13-01", "0000-01-01", "2024/03/05", "05/03/2024", "31/12/2024",
        "12/31/2024", "5.3.2024", "240305", "24-03-05", "2024-03-05Z", "2024-03-05T00:00:00Z", "2024-03-05 00:00:00+01:00",
        " 2024-03-05", "2024-03-05 ", "2024-03-05 24:00", "2024-03-05 12:60", "2024-03-05 12:00:61", "2024-03-05 12:00:00.",
        "2024-03-051", "2024-003-05", "2024--3-5", "202403051", "2024030", "2024-03-05T", "2024-03-05 x", "mars 2024", "",
        "9999-12-31", "00010101", "2024-3-5T23:59:59.999"
    ]

    static let bools = [
        "ja", "JA", "Ja", "nej", "NEJ", "Nej", "j", "J", "n", "N", "1", "0", "true", "TRUE", "True", "false", "FALSE",
        "sant", "SANT", "Sant", "falskt", "FALSKT", "Falskt", "yes", "no", "y", "x", "t", "f", " ja", "nej ", "2", "01",
        "sannt", "falsk", "jä", ""
    ]

    /// Loads one column of `type` from CSV cells through the bytes path and
    /// compares every cell with the text path.
    func compare(_ type: String, _ valueType: ValueType, _ cells: [String]) throws {
        let loaded = RulesetLoader.load(
            text: """
                ruleset "spellings"
                version "1"
                source "s"
                record r
                  id: text
                  v: optional \(type)
                end
                """, path: "spellings.regel")
        let ruleset = try #require(loaded.checked)
        let csv = "id,v\n" + cells.enumerated().map { "r\($0.offset),\"\($0.element)\"" }.joined(separator: "\n") + "\n"
        let table = try TableLoader.load(DataSource(name: "s.csv", bytes: Array(csv.utf8)), for: ruleset)
        #expect(table.table.count == cells.count)
        for (row, cell) in cells.enumerated() where row < table.table.count {
            let viaBytes: Value? = table.table.isBad(1, row) ? nil : table.table.value(1, row)
            let viaText: Value? =
                switch CellConverter.convert(cell.isEmpty ? .missing : .text(cell), to: valueType) {
                case .success(let v): v
                case .failure: nil
                }
            #expect(viaBytes == viaText, "\(type) \"\(cell)\": bytes \(String(describing: viaBytes)), text \(String(describing: viaText))")
            let finding = table.dataFindings.first { $0.line == table.table.lines[row] }
            #expect((finding == nil) == (viaText != nil), "\(type) \"\(cell)\": \(finding?.message ?? "no finding")")
        }
    }

    @Test func datesAgree() throws { try compare("date", .date, Self.dates) }
    @Test func boolsAgree() throws { try compare("bool", .bool, Self.bools) }

    @Test(arguments: [
        ("20240305", "2024-03-05"), ("2024-3-5", "2024-03-05"), ("2024-03-05 00:00:00", "2024-03-05"),
        ("2024-03-05T00:00:00", "2024-03-05"), ("2024-03-05 00:00:00.000", "2024-03-05"), ("2024-12-31 0:00", "2024-12-31")
    ])
    func exportDatesReadAsTheDay(_ cell: String, _ iso: String) throws {
        #expect(try CellConverter.convert(.text(cell), to: .date).get() == .date(try #require(Day.parse(iso))))
    }

    @Test(arguments: ["sant", "SANT", "Sant"]) func swedishExcelTrue(_ cell: String) { #expect(ContractBool.parse(cell) == true) }
    @Test(arguments: ["falskt", "FALSKT", "Falskt"]) func swedishExcelFalse(_ cell: String) { #expect(ContractBool.parse(cell) == false) }

    /// The hint of a rejected cell is the fix: what to write instead.
    @Test(arguments: [
        ("2024-03-05 14:30:00", "date", "the cell has the time 14:30:00 too, which a date column cannot hold; export the date alone (2024-03-05)"),
        ("2024/03/05", "date", "write it as 2024-03-05"),
        ("31/12/2024", "date", "write it as 2024-12-31"),
        ("12/31/2024", "date", "write it as 2024-12-31"),
        ("05/03/2024", "date", "write it as 2024-03-05 if the day comes first, 2024-05-03 if the month does"),
        ("5.3.2024", "date", "write it as 2024-03-05 if the day comes first, 2024-05-03 if the month does"),
        ("240305", "date", "write the year with four digits: 2024-03-05 (or 1924-03-05)"),
        (" 2024-03-05", "date", "remove the spaces around it: 2024-03-05"),
        ("2024-03-05T00:00:00Z", "date", "does not say which local day it is"),
        ("2024-02-30", "date", "the date does not exist in the calendar"),
        ("yes", "bool", "write ja for yes"),
        ("no", "bool", "write nej for no"),
        ("x", "bool", "write ja for a marked box and nej for an empty one"),
        (" ja", "bool", "remove the spaces around it: ja")
    ])
    func rejectedWithTheFix(_ cell: String, _ type: String, _ fix: String) throws {
        let valueType: ValueType = type == "date" ? .date : .bool
        guard case .failure(let problem) = CellConverter.convert(.text(cell), to: valueType) else {
            Issue.record("\"\(cell)\" was read as a \(type)")
            return
        }
        #expect(problem.hint?.contains(fix) == true, "\(problem.hint ?? "no hint")")
    }

    /// Every date of the oracle (a sample through 1890–2100) in each export
    /// spelling reads as that date on both paths.
    @Test func oracleDatesInEverySpelling() throws {
        let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/conformance/date-oracles/iso_week_dates_1890_2100.csv").standardizedFileURL
        guard let text = try? String(contentsOf: oracle, encoding: .utf8) else {
            print("skipped: ../shared/conformance/date-oracles is not there")
            return
        }
        let isoDates = text.split(separator: "\n").dropFirst().enumerated().filter { $0.offset % 97 == 0 }.map { String($0.element.prefix(10)) }
        #expect(isoDates.count > 700)
        var cells: [String] = []
        for iso in isoDates {
            let p = iso.split(separator: "-")
            let unpadded = "\(p[0])-\(Int(p[1])!)-\(Int(p[2])!)"
            cells += [iso, p.joined(), unpadded, iso + " 00:00:00", iso + "T00:00:00", unpadded + " 0:00"]
        }
        try compare("date", .date, cells)
        for (i, cell) in cells.enumerated() {
            #expect(try CellConverter.convert(.text(cell), to: .date).get() == .date(Day.parse(isoDates[i / 6])!), "\(cell)")
        }
    }

    static let personnummerShapes = [
        "19811218-9876", "198112189876", "811218-9876", "811218+9876", "8112189876", "20150916-0006", "1509160006",
        "19811278-9876", "8112-189876", "81121-89876", "198112189876 ", " 8112189876", "81121898760", "1981121898760",
        "19811218+9876", "19811218--9876", "ABCDEFGHIJ", "811218_9876", "811218-98x6", "", "0000000000", "9999999999",
        // Bytes just outside the digits, and above ASCII, in the positions the eight-digit reader covers.
        "198112/8-9876", "19811:18-9876", ":9811218-9876", "1981121/9876", "19811218-98/6", "1981121\u{7F}-9876",
        "1981121é9876", "19811218-987:", "99999999-9999", "00000000-0000", "/0000000000"
    ]

    /// The packed reader of exports and the shape parser of `Personnummer`
    /// accept the same shapes and keep the same digits, century and separator.
    @Test func personnummerAgreesWithTheShapeParser() throws {
        var cells = Self.personnummerShapes
        let list = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/conformance/personnummer-meta/testdata/list.json").standardizedFileURL
        if let data = try? Data(contentsOf: list), let vectors = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] {
            for vector in vectors {
                for key in ["long_format", "short_format", "separated_format", "separated_long"] {
                    if let text = vector[key] as? String { cells.append(text) }
                }
            }
            #expect(cells.count > Self.personnummerShapes.count + 40)
        } else {
            print("skipped the vectors: ../shared/conformance/personnummer-meta is not there")
        }
        for cell in cells {
            var text = cell
            let packed = text.withUTF8 { PackedPersonnummer.parse(bytes: $0) }
            #expect(packed == Personnummer.parse(cell).map(PackedPersonnummer.init), "\(cell)")
            #expect(packed.map(\.raw) == Personnummer.parse(cell).map { PackedPersonnummer($0).raw }, "\(cell)")
            if let packed { #expect(packed.description == cell, "\(cell) is rebuilt as \(packed.description)") }
        }
        try compare("personnummer", .personnummer, cells)
    }
}
