import Foundation
import PropertyBased
import RehabCore
import Testing

@testable import RehabWeb

/// The clinic's day is the Gregorian calendar's day in the clinic's time zone, across offsets, daylight saving
/// changes and dates before 1970.
struct WebConfigurationTests {
    static let zones = [
        "UTC", "Europe/Berlin", "America/New_York", "Pacific/Auckland", "Asia/Kolkata", "Pacific/Kiritimati",
    ]

    /// The definition `day(of:)` must agree with.
    static func calendarDay(_ date: Date, in zone: TimeZone) -> CalendarDate? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return CalendarDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
    }

    @Test func midnightStartsTheDay() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let configuration = WebConfiguration(timeZone: berlin)
        // 2026-03-29 00:00 in Berlin is 2026-03-28 23:00 UTC (winter time, UTC+1).
        let midnight = Date(timeIntervalSince1970: 1_774_738_800)
        #expect(configuration.day(of: midnight) == CalendarDate(year: 2026, month: 3, day: 29))
        #expect(configuration.day(of: midnight.addingTimeInterval(-1)) == CalendarDate(year: 2026, month: 3, day: 28))
    }

    @Test func agreesWithTheCalendar() async {
        let seconds = Gen.int(in: -2_000_000_000...4_000_000_000)
        await propertyCheck(input: Gen.element(of: Self.zones), seconds) { zone, seconds in
            guard let zone = zone.flatMap(TimeZone.init(identifier:)) else { return }
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(WebConfiguration(timeZone: zone).day(of: date) == Self.calendarDay(date, in: zone))
        }
    }
}
