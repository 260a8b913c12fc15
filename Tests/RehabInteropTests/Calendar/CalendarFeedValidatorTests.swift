import Foundation
import RehabCore
import RehabInterop
import Testing

/// The feeds checked by `tools/interop/validate_ics.py`, which parses them with PyPI `icalendar` and compares
/// each VTIMEZONE with Python's zone database.
@Suite(.enabled(if: CSVCalendarValidator.python != nil, CSVCalendarValidator.skipReason))
struct CalendarFeedValidatorTests {
    @Test func feedsPassTheOutsideValidator() async throws {
        var documents: [(name: String, text: String)] = []
        for zone in CalendarFeedTests.zones {
            for end in [nil, CalendarDate(year: 2027, month: 3, day: 31)] {
                let name = zone.replacingOccurrences(of: "/", with: "_") + (end == nil ? "" : "-bounded") + ".ics"
                documents.append((name, try CalendarFeedTests.feed(zone: zone, end: end, name: "Rodilla, ñandú; 😀")))
            }
        }
        let slots = [DailySlot(hour: 6, minute: 45), DailySlot(hour: 12, minute: 0), DailySlot(hour: 21, minute: 15)]
        documents.append(("three-slots.ics", try CalendarFeedTests.feed(zone: "America/New_York", slots: slots)))
        let (status, output) = try await CSVCalendarValidator.run("validate_ics.py", documents: documents)
        #expect(output == "")
        #expect(status == 0)
    }

    /// The validator is not a rubber stamp: LF line ends, a long line and a TZID without its VTIMEZONE are named.
    @Test func theValidatorNamesWhatIsWrong() async throws {
        let broken = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT", "UID:x@test",
            "DTSTAMP:20260101T000000Z", "DTSTART;TZID=Europe/Madrid:20260101T090000",
            "DESCRIPTION:" + String(repeating: "a", count: 80), "END:VEVENT", "END:VCALENDAR", "",
        ].joined(separator: "\n")
        let (status, output) = try await CSVCalendarValidator.run(
            "validate_ics.py", documents: [("broken.ics", broken)])
        #expect(status == 1)
        #expect(output.contains("bare CR or LF") || output.contains("does not end with CRLF"))
        #expect(output.contains("octets"))
        #expect(output.contains("TZID Europe/Madrid is used but has no VTIMEZONE"))
    }
}
