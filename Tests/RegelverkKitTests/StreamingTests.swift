import RegelData
import Testing
@testable import RegelCheck
@testable import RegelEval
@testable import RegelRun
@testable import RegelSyntax
@testable import RegelValues
@testable import RegelverkKit

/// A ruleset that needs no other records is read a chunk at a time; the
/// findings and the accounting must be exactly those of reading it whole.
@Suite struct StreamingTests {
    static let rules = """
        ruleset "strom"
        source "Dokument"
        effective 2024-01-01
        date field datum

        record r
          id: text
          datum: date
          antal: int
        end

        rule hogst
          title "Högst fem"
          severity error
          cites "1"
          require antal <= 5
          message "{id}"
        end
        """

    static func csv() -> String {
        var s = "id,datum,antal\n"
        for i in 0..<1000 {
            let date = i % 97 == 0 ? "2023-12-31" : (i % 101 == 0 ? "2024-02-30" : "2024-03-01")
            let antal = i % 89 == 0 ? "x" : String(i % 8)
            s += i % 211 == 0 ? "r\(i),\(date)\n" : "r\(i),\(date),\(antal)\n"
        }
        return s
    }

    @Test func chunksGiveTheSameResultAsTheWholeFile() throws {
        let checked = try #require(RulesetLoader.load(text: Self.rules, path: "strom.regel").checked)
        let source = DataSource(name: "x.csv", bytes: Array(Self.csv().utf8))
        let whole = try Validation.runWhole(versions: [checked], params: [[]], sources: [source], format: nil, encoding: .utf8) { _ in }
        var wholeFindings: [Finding] = []
        _ = try Validation.runWhole(versions: [checked], params: [[]], sources: [source], format: nil, encoding: .utf8) { wholeFindings += $0 }
        var streamed: [Finding] = []
        var batches = 0
        let result = try Validation.stream(versions: [checked], params: [[]], sources: [source], chunkRows: 64) {
            streamed += $0
            batches += 1
        }
        #expect(batches > 10, "the input was read in chunks")
        #expect(streamed == wholeFindings)
        #expect(!streamed.isEmpty)
        #expect(streamed.contains { $0.kind == .cell } && streamed.contains { $0.kind == .record } && streamed.contains { $0.kind == .rule })
        #expect((result.read, result.validated, result.rejected, result.outside) == (whole.read, whole.validated, whole.rejected, whole.outside))
        #expect(result.read == 1000)
        #expect(result.read == result.validated + result.rejected + result.outside)
        #expect(result.count(.error) == streamed.count)
    }
}
