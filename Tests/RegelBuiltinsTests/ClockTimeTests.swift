import Testing
import RegelBuiltins

@Suite("ClockTime")
struct ClockTimeTests {
    @Test(
        "accepted forms",
        arguments: [
            ("00:00", 0), ("23:59", 1439), ("08:05", 485), ("8:05", 485), ("08:05:59", 485), ("8:05:00", 485), ("12:30:15", 750)
        ])
    func accepts(_ text: String, minutes: Int) throws {
        let time = try #require(ClockTime.parse(text))
        #expect(Int(time.minutes) == minutes)
    }

    @Test(
        "rejected forms",
        arguments: [
            "", "24:00", "23:60", "8:5", "08:5", "0805", "08.05", " 08:05", "08:05 ", "08:05:60", "08:05:5", "123:00",
            "-1:00", "08:05:", "ab:cd", "08:05:00.5"
        ])
    func rejects(_ text: String) {
        #expect(ClockTime.parse(text) == nil)
    }

    @Test func descriptionAndParts() throws {
        let time = try #require(ClockTime.parse("7:09"))
        #expect(time.description == "07:09")
        #expect(time.hour == 7 && time.minute == 9)
        #expect(ClockTime(hour: 24, minute: 0) == nil)
        #expect(ClockTime(hour: 23, minute: 59)?.minutes == 1439)
        #expect(ClockTime(minutes: 60) < ClockTime(minutes: 61))
    }
}
