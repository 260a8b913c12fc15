import Foundation
import RehabCore
import RehabInterop
import Testing

/// The calendar feed, checked byte by byte and read back with the tests' own iCalendar reader.
struct CalendarFeedTests {
    static let patient = PatientID(uuidString: "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b") ?? .generate()
    static let start = CalendarDate(year: 2026, month: 10, day: 1) ?? CalendarDate(dayNumber: 0)
    /// 2026-09-21T14:13:20Z.
    static let generatedAt = Date(timeIntervalSince1970: 1_790_000_000)
    /// Summer time in the north and the south, half-hour summer time, a zone whose clocks follow no yearly rule,
    /// one without summer time, rules of the "Friday on or after the 23rd" kind, and UTC.
    static let zones = [
        "Europe/Madrid", "America/New_York", "UTC", "Australia/Lord_Howe", "Africa/Casablanca", "Asia/Tokyo",
        "Asia/Jerusalem", "America/Santiago",
    ]

    static func feed(
        zone: String, slots: [DailySlot] = CalendarFeed.defaultSlots, end: CalendarDate? = nil,
        patient: PatientID = patient, generatedAt: Date = generatedAt, name: String = "KneeRehab"
    ) throws -> String {
        let timeZone = try #require(TimeZone(identifier: zone))
        return CalendarFeed.ics(
            patientID: patient, slots: slots, timeZone: timeZone, startDate: start, endDate: end,
            generatedAt: generatedAt, calendarName: name)
    }

    static func events(_ text: String) throws -> [ICSReader.Component] {
        try ICSReader.parse(text).children("VEVENT")
    }

    @Test(arguments: zones, [nil, CalendarDate(year: 2027, month: 3, day: 31)])
    func structureIsValid(zone: String, end: CalendarDate?) throws {
        let text = try Self.feed(zone: zone, end: end)
        #expect(ICSReader.byteProblems(Array(text.utf8)) == [])
        let calendar = try ICSReader.parse(text)
        #expect(calendar.first("VERSION")?.value == "2.0")
        #expect(calendar.first("PRODID")?.value.isEmpty == false)
        let events = calendar.children("VEVENT")
        #expect(events.count == 2)
        for event in events {
            for name in ["UID", "DTSTAMP", "DTSTART", "DURATION", "RRULE", "SUMMARY", "DESCRIPTION"] {
                #expect(event.all(name).count == 1, "\(name) once in each event")
            }
            #expect(event.first("DTSTAMP")?.value == "20260921T141320Z")
            #expect(event.first("SUMMARY")?.value == "Knee exercises")
            let alarm = try #require(event.children("VALARM").first)
            #expect(alarm.first("ACTION")?.value == "DISPLAY")
            #expect(alarm.first("TRIGGER")?.value == "-PT10M")
            #expect(alarm.first("DESCRIPTION")?.value.isEmpty == false)
        }
        // Every TZID used has its VTIMEZONE; UTC uses none and writes UTC times.
        let used = Set(calendar.descendants.flatMap(\.properties).compactMap { $0.parameters["TZID"] })
        let defined = Set(calendar.children("VTIMEZONE").compactMap { $0.first("TZID")?.value })
        #expect(used == defined)
        if zone == "UTC" {
            #expect(defined.isEmpty)
            #expect(events.map { $0.first("DTSTART")?.value } == ["20261001T090000Z", "20261001T180000Z"])
        } else {
            #expect(used == [zone])
            #expect(events.map { $0.first("DTSTART")?.value } == ["20261001T090000", "20261001T180000"])
        }
    }

    /// The VTIMEZONE gives the offsets of the system's zone database every day the feed covers, and at each clock
    /// change to the second; with yearly rules it stays right past the years it was built from.
    @Test(arguments: zones.filter { $0 != "UTC" }, [nil, CalendarDate(year: 2028, month: 6, day: 30)])
    func timeZoneMatchesTheSystemDatabase(zone: String, end: CalendarDate?) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let calendar = try ICSReader.parse(try Self.feed(zone: zone, end: end))
        let vtimezone = try #require(calendar.children("VTIMEZONE").first)
        let ruled = vtimezone.components.allSatisfy { $0.first("RRULE") != nil }
        // A bounded feed is checked to its end; an open-ended one over the ten years the writer scans and, when
        // its zone has yearly rules, five years past them.
        let lastDay = end ?? Self.start.adding(days: 365 * (ruled ? 15 : 10))
        let reader = try ICSTimeZoneReader(vtimezone, throughYear: lastDay.year)
        var instants = (0...Self.start.days(until: lastDay)).map { (Self.start.dayNumber + $0) * 86_400 + 43_200 }
        var cursor = Date(timeIntervalSince1970: TimeInterval(Self.start.dayNumber * 86_400))
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor),
            next.timeIntervalSince1970 < Double(lastDay.dayNumber * 86_400)
        {
            let second = Int(next.timeIntervalSince1970)
            instants += [second - 1, second]
            cursor = next
        }
        var wrong: [Int] = []
        for instant in instants
        where reader.offset(at: instant)
            != timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
        {
            wrong.append(instant)
        }
        #expect(wrong.count == 0, "instants with the wrong offset, the first at \(wrong.first ?? 0) s after 1970")
    }

    @Test func regularZonesUseYearlyRules() throws {
        for (zone, rules) in [
            ("Europe/Madrid", ["FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"]),
            ("America/New_York", ["FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"]),
            (
                "Asia/Jerusalem",
                ["FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=23,24,25,26,27,28,29;BYDAY=FR", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"]
            ),
        ] {
            let vtimezone = try #require(try ICSReader.parse(try Self.feed(zone: zone)).children("VTIMEZONE").first)
            #expect(vtimezone.components.compactMap { $0.first("RRULE")?.value } == rules)
            #expect(vtimezone.children("DAYLIGHT").count == 1 && vtimezone.children("STANDARD").count == 1)
        }
        let tokyo = try #require(try ICSReader.parse(try Self.feed(zone: "Asia/Tokyo")).children("VTIMEZONE").first)
        #expect(tokyo.children("STANDARD").count == 1 && tokyo.first("TZID")?.value == "Asia/Tokyo")
        #expect(tokyo.children("STANDARD").first?.first("TZOFFSETTO")?.value == "+0900")
    }

    @Test func untilIsTheEndOfTheLastDayInUTC() throws {
        let end = CalendarDate(year: 2026, month: 12, day: 31)
        for (zone, until) in [
            ("Europe/Madrid", "20261231T225959Z"), ("America/New_York", "20270101T045959Z"),
            ("UTC", "20261231T235959Z"), ("Asia/Tokyo", "20261231T145959Z"),
        ] {
            let rules = try Self.events(try Self.feed(zone: zone, end: end)).map { $0.first("RRULE")?.value }
            #expect(rules == Array(repeating: "FREQ=DAILY;UNTIL=\(until)", count: 2), "\(zone)")
        }
        let open = try Self.events(try Self.feed(zone: "Europe/Madrid")).map { $0.first("RRULE")?.value }
        #expect(open == ["FREQ=DAILY", "FREQ=DAILY"])
    }

    @Test func uidsAreStableAndNameNoPatientID() throws {
        func uids(_ text: String) throws -> [String] { try Self.events(text).compactMap { $0.first("UID")?.value } }
        let first = try uids(try Self.feed(zone: "Europe/Madrid"))
        let later = try uids(
            try Self.feed(zone: "America/New_York", generatedAt: Date(timeIntervalSince1970: 1_800_000_000)))
        #expect(first == later)
        #expect(Set(first).count == 2)
        #expect(first.allSatisfy { !$0.contains(Self.patient.description) && $0.hasSuffix("@kneerehab") })
        let other = try uids(try Self.feed(zone: "Europe/Madrid", patient: .generate()))
        #expect(Set(other).isDisjoint(with: first))
        let moved = try uids(
            try Self.feed(
                zone: "Europe/Madrid", slots: [DailySlot(hour: 9, minute: 0), DailySlot(hour: 19, minute: 0)]))
        #expect(moved[0] == first[0] && moved[1] != first[1])
    }

    @Test func badRepeatedAndUnsortedSlotsAreTidied() throws {
        let slots = [
            DailySlot(hour: 18, minute: 30), DailySlot(hour: 7, minute: 5), DailySlot(hour: 18, minute: 30),
            DailySlot(hour: 24, minute: 0), DailySlot(hour: 8, minute: 60),
        ]
        let starts = try Self.events(try Self.feed(zone: "UTC", slots: slots)).map { $0.first("DTSTART")?.value }
        #expect(starts == ["20261001T070500Z", "20261001T183000Z"])
        let none = try Self.feed(zone: "Europe/Madrid", slots: [])
        #expect(try Self.events(none).isEmpty)
        #expect(ICSReader.byteProblems(Array(none.utf8)) == [])
    }

    @Test func anEndBeforeTheStartLeavesNoEvents() throws {
        let text = try Self.feed(zone: "Europe/Madrid", end: Self.start.adding(days: -1))
        #expect(try Self.events(text).isEmpty)
        #expect(try ICSReader.parse(text).children("VTIMEZONE").count == 1)
    }

    @Test func aLongNameIsFoldedAndReadsBack() throws {
        let name = String(repeating: "Rodilla, ñandú; 😀 \\ ", count: 12)
        let text = try Self.feed(zone: "Europe/Madrid", name: name)
        #expect(ICSReader.byteProblems(Array(text.utf8)) == [])
        let calendar = try ICSReader.parse(text)
        #expect(try calendar.first("NAME").map { try ICSReader.unescape($0.value) } == name)
        #expect(try calendar.first("X-WR-CALNAME").map { try ICSReader.unescape($0.value) } == name)
        #expect(ICSReader.physicalLines(text).contains { $0.hasPrefix(" ") })
    }

    @Test func spanishTextsAndNoClinicalWords() throws {
        let timeZone = try #require(TimeZone(identifier: "Europe/Madrid"))
        let text = CalendarFeed.ics(
            patientID: Self.patient, slots: CalendarFeed.defaultSlots, timeZone: timeZone, startDate: Self.start,
            endDate: nil, generatedAt: Self.generatedAt, calendarName: "KneeRehab", texts: .language("es-ES"))
        let event = try #require(try Self.events(text).first)
        #expect(event.first("SUMMARY")?.value == "Ejercicios de rodilla")
        #expect(CalendarFeed.Texts.language("en-GB") == .english)
        let english = try Self.feed(zone: "Europe/Madrid").lowercased()
        for word in ["pain", "surgery", "replacement", "acl", "swelling", "score", "diagnos", "dolor"] {
            #expect(!english.contains(word) && !text.lowercased().contains(word), "\(word)")
        }
    }
}
