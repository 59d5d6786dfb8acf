import Foundation
import RegelData
import Testing

@Suite struct Windows1252Tests {
    @Test(
        .enabled(
            if: ConformanceData.isAvailable("whatwg-encoding"),
            "conformance data not found at ../shared/conformance/whatwg-encoding"))
    func tableMatchesWHATWGIndexForEveryByte() throws {
        let text = String(decoding: try ConformanceData.bytes("whatwg-encoding/index-windows-1252.txt"), as: UTF8.self)
        var expected: [UInt8: UInt32] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count >= 2,
                let pointer = Int(fields[0].trimmingCharacters(in: .whitespaces)),
                let codePoint = UInt32(fields[1].dropFirst(2), radix: 16)
            else { continue }
            expected[UInt8(0x80 + pointer)] = codePoint
        }
        #expect(expected.count == 128)
        for byte in UInt8.min...UInt8.max {
            let want = byte < 0x80 ? UInt32(byte) : try #require(expected[byte])
            #expect(Windows1252.scalar(for: byte).value == want, "byte 0x\(String(byte, radix: 16))")
            #expect(Windows1252.decode([byte]).unicodeScalars.map(\.value) == [want])
        }
    }

    @Test func decodesSwedishLettersAndSpecials() {
        #expect(Windows1252.decode([0xE5, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6]) == "åäöÅÄÖ")
        #expect(Windows1252.decode([0x80, 0x20, 0x96, 0x20, 0x85]) == "€ – …")
        #expect(Windows1252.decode(Array("plain".utf8)) == "plain")
        #expect(Windows1252.decode([0x81, 0x8D]).unicodeScalars.map(\.value) == [0x81, 0x8D])
    }
}
