import PropertyBased
import RehabCore
import Testing

@Suite struct CalendarDateTests {
    @Test(arguments: ["2026-11-25", "2024-02-29", "2000-02-29", "1970-01-01", "0001-01-01", "9999-12-31"])
    func parsesRealDates(_ text: String) throws {
        let date = try #require(CalendarDate(iso: text))
        #expect(date.description == text)
    }

    @Test(arguments: [
        "2026-02-29", "2100-02-29", "2026-13-01", "2026-04-31", "2026-1-01", "26-11-25", "2026/11/25",
        "", "2026-11-25T00:00", "abcd-ef-gh", "2026-00-10", "+026-11-25", "2026-+1-25", "2026-11- 5", "2026-11-2٥",
        "0000-01-01",
    ])
    func refusesImpossibleOrMalformedDates(_ text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test func knownDayNumbersAndWeekdays() throws {
        let epoch = try #require(CalendarDate(iso: "1970-01-01"))
        #expect(epoch.dayNumber == 0)
        #expect(epoch.weekdayFromMonday == 3)  // a Thursday
        let today = try #require(CalendarDate(iso: "2026-11-25"))
        #expect(today.weekdayFromMonday == 2)  // a Wednesday
        #expect(try #require(CalendarDate(iso: "2026-11-01")).days(until: today) == 24)
        #expect(today.adding(days: 7).description == "2026-12-02")
        #expect(today.adding(days: -366).description == "2025-11-24")
    }

    @Test func dayNumberRoundTripsForEveryDayInFourCenturies() async {
        await propertyCheck(count: 2000, input: Gen.int(in: -200_000...200_000)) { number in
            let date = CalendarDate(dayNumber: number)
            #expect(date.dayNumber == number)
            #expect(CalendarDate(iso: date.description) == date)
            #expect(date.adding(days: 1) > date)
        }
    }
}
