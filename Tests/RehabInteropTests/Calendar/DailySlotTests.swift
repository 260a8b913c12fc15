import Foundation
import RehabCore
import RehabInterop
import Testing

/// Daily slots: what the settings page takes and what the feed trusts.
struct DailySlotTests {
    @Test func defaultsAreAMorningAndAnEvening() throws {
        #expect(CalendarFeed.defaultSlots.map(\.description) == ["09:00", "18:00"])
        try DailySlot.validate(CalendarFeed.defaultSlots)
    }

    @Test(arguments: [
        (DailySlot(hour: 24, minute: 0), "slot.hour"), (DailySlot(hour: -1, minute: 0), "slot.hour"),
        (DailySlot(hour: 8, minute: 60), "slot.minute"), (DailySlot(hour: 8, minute: -5), "slot.minute"),
    ])
    func aTimeThatDoesNotExistNamesItsField(slot: DailySlot, field: String) {
        #expect(throws: InvalidInput.self) { try slot.validate() }
        do {
            try slot.validate()
        } catch {
            #expect(error.field == field)
        }
    }

    @Test func aListNamesTheSlotThatIsWrong() {
        let repeated = [DailySlot(hour: 9, minute: 0), DailySlot(hour: 12, minute: 0), DailySlot(hour: 9, minute: 0)]
        #expect(throws: InvalidInput(field: "times[2]", problem: "repeats 09:00")) {
            try DailySlot.validate(repeated, field: "times")
        }
        #expect(throws: InvalidInput(field: "slots[1].minute", problem: "75 is outside 0–59")) {
            try DailySlot.validate([DailySlot(hour: 9, minute: 0), DailySlot(hour: 9, minute: 75)])
        }
        let many = (0...DailySlot.maximumPerDay).map { DailySlot(hour: $0, minute: 0) }
        #expect(throws: InvalidInput.self) { try DailySlot.validate(many) }
    }

    @Test(arguments: [("9:00", 9, 0), ("09:30", 9, 30), ("23:59", 23, 59), ("00:00", 0, 0)])
    func parsesFormTimes(text: String, hour: Int, minute: Int) throws {
        #expect(try DailySlot.parse(text, field: "time") == DailySlot(hour: hour, minute: minute))
    }

    @Test(arguments: ["24:00", "9", "09:5", "ab:cd", "09:00:00", "", "٠٩:٠٠", "-1:00", "9:0 "])
    func refusesWhatIsNotATime(text: String) {
        #expect(throws: InvalidInput(field: "time", problem: "should be a time of day as HH:MM, from 00:00 to 23:59")) {
            try DailySlot.parse(text, field: "time")
        }
    }

    @Test func jsonRoundTripsAndRefusesImpossibleTimes() throws {
        let slot = DailySlot(hour: 7, minute: 45)
        #expect(try JSONDecoder().decode(DailySlot.self, from: JSONEncoder().encode(slot)) == slot)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DailySlot.self, from: Data(#"{"hour":25,"minute":0}"#.utf8))
        }
    }
}
