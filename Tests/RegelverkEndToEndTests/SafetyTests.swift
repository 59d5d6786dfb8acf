import Foundation
import Testing

/// Issue 10: nothing a user gives crashes the program or damages a file.
@Suite struct SafetyTests {
    static let rules = """
        ruleset "num"
        version "1"
        source "test"
        effective 2023-01-01
        date field datum

        record r
          id: text
          patient: personnummer
          datum: date
          belopp: decimal
          antal: int
        end

        rule liten
          title "Beloppet är litet"
          severity error
          cites "x"
          require belopp <= 1000
          message "Kontakt {id} har belopp {belopp}."
        end

        measure summa
          value n = count
          value s = sum antal
        end

        """

    static let data =
        "id,patient,datum,belopp,antal\n"
        + "k1,19811218-9876,2023-05-01,9223372036854775808,9223372036854775807\n"
        + "k2,19811218-9876,2023-05-01,\(String(repeating: "9", count: 400)),9223372036854775807\n"

    @Test func hugeDecimalsAreCellFindingsNotCrashesOrInfinity() throws {
        let rules = try Binary.temporaryFile("num-\(UUID().uuidString).regel", Self.rules)
        let data = try Binary.temporaryFile("num-\(UUID().uuidString).csv", Self.data)
        let r = try Binary.run(["validate", "--rules", rules, data])
        #expect(r.status == 1)
        #expect(r.stdout.contains("smaller than 10^15"))
        #expect(!r.stdout.contains("error liten"))
        let report = try Binary.run(["report", "--rules", rules, data])
        #expect(report.status == 0)
        #expect(report.stdout.contains("1.8446744073709552e+19"))
        let read = try Binary.run(["read", "--rules", rules, data])
        #expect(read.status == 1)
    }

    @Test func hugeLiteralsAndDurationsAreCheckErrors() throws {
        let literal = try Binary.temporaryFile(
            "lit-\(UUID().uuidString).regel",
            Self.rules.replacingOccurrences(of: "belopp <= 1000", with: "belopp <= 1\(String(repeating: "0", count: 400)).5"))
        let r = try Binary.run(["check", literal])
        #expect(r.status == 2)
        #expect(r.stderr.contains("P0205"))
        let format = try Binary.run(["format", "--write", literal])
        #expect(format.status == 2)
        let duration = try Binary.temporaryFile(
            "dur-\(UUID().uuidString).regel",
            Self.rules.replacingOccurrences(of: "belopp <= 1000", with: "datum + 99999999 years > datum"))
        let d = try Binary.run(["check", duration])
        #expect(d.status == 2)
        #expect(d.stderr.contains("T0215"))
        #expect(d.stderr.contains(":19:19: error[T0215]"))
    }

    @Test func outputThatIsAnInputIsRefusedAndKept() throws {
        let rules = try Binary.temporaryFile("o-\(UUID().uuidString).regel", Self.rules)
        let data = try Binary.temporaryFile("o-\(UUID().uuidString).csv", Self.data)
        let r = try Binary.run(["validate", "--rules", rules, "--output", data, data])
        #expect(r.status == 2)
        #expect(r.stderr.contains("same file as the input"))
        #expect(try String(contentsOfFile: data, encoding: .utf8) == Self.data)
    }

    @Test func inputErrorLeavesTheOldOutputAndItsMode() throws {
        let rules = try Binary.temporaryFile("m-\(UUID().uuidString).regel", Self.rules)
        let output = try Binary.temporaryFile("m-\(UUID().uuidString).txt", "old\n")
        chmod(output, 0o640)
        let r = try Binary.run(["validate", "--rules", rules, "--output", output, "no-such-file.csv"])
        #expect(r.status == 2)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "old\n")
        let data = try Binary.temporaryFile("m-\(UUID().uuidString).csv", Self.data)
        let ok = try Binary.run(["validate", "--rules", rules, "--output", output, data])
        #expect(ok.status == 1)
        let attributes = try FileManager.default.attributesOfItem(atPath: output)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        let folder = (output as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).allSatisfy { !$0.contains(".regelverk-") })
    }

    @Test func fifoOutputIsRefused() throws {
        let rules = try Binary.temporaryFile("f-\(UUID().uuidString).regel", Self.rules)
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let data = try Binary.temporaryFile("f-\(UUID().uuidString).csv", Self.data)
        let r = try Binary.run(["validate", "--rules", rules, "--output", fifo, data])
        #expect(r.status == 2)
        #expect(r.stderr.contains("named pipe"))
    }

    @Test func fullStandardOutputIsExitTwo() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let process = Process()
        process.executableURL = Binary.executable
        process.arguments = ["check", "--help"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("No space left on device"))
    }
}
