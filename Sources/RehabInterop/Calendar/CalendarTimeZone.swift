import Foundation
import RehabCore

/// A `VTIMEZONE` for one zone over the years a feed covers, built from Foundation's time zone transitions.
///
/// When the zone changes its clocks by the same rule every year of the window (e.g. the last Sunday of March), the
/// observances carry a yearly `RRULE`, so the definition stays right after the window too, as an open-ended feed
/// needs. Otherwise each transition of the window is its own observance.
struct CalendarTimeZone {
    /// One `STANDARD` or `DAYLIGHT` subcomponent.
    struct Observance: Equatable {
        /// `DAYLIGHT` when summer time starts here.
        var daylight: Bool
        /// Local wall-clock time at which it starts, in seconds after 1970-01-01T00:00 (the offset before it).
        var start: Int
        /// UTC offset before, in seconds.
        var offsetFrom: Int
        /// UTC offset from then on, in seconds.
        var offsetTo: Int
        /// Its abbreviation, when the system has one.
        var name: String?
        /// A yearly rule (`FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`) when it recurs.
        var rule: String?
    }

    /// The TZID.
    let identifier: String
    /// The observances, oldest first.
    let observances: [Observance]

    /// UTC's own names: a feed in one of these writes UTC times and no `VTIMEZONE`.
    static let utcIdentifiers: Set<String> = [
        "UTC", "GMT", "UCT", "Etc/UTC", "Etc/GMT", "Etc/UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu",
        "GMT0", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "GMT+0", "GMT-0", "Etc/Greenwich", "Greenwich",
    ]

    /// Whether `zone` is UTC under one of its names.
    static func isUTC(_ zone: TimeZone) -> Bool { utcIdentifiers.contains(zone.identifier) }

    /// The zone's definition from the start of the year before `years` to the end of `years`.
    init(_ zone: TimeZone, years: ClosedRange<Int>) {
        identifier = zone.identifier
        let first = years.lowerBound - 1
        let windowStart = Self.startOfYear(first)
        let windowEnd = Self.startOfYear(years.upperBound + 1)
        var transitions: [Observance] = []
        var cursor = windowStart
        while transitions.count < 1000, let next = zone.nextDaylightSavingTimeTransition(after: cursor),
            next < windowEnd
        {
            let from = zone.secondsFromGMT(for: next.addingTimeInterval(-1))
            let to = zone.secondsFromGMT(for: next)
            let seconds = Int(next.timeIntervalSince1970.rounded(.down))
            transitions.append(
                Observance(
                    daylight: zone.isDaylightSavingTime(for: next), start: seconds + from, offsetFrom: from,
                    offsetTo: to, name: zone.abbreviation(for: next)))
            cursor = next
        }
        if let yearly = Self.yearlyRules(transitions, years: first...years.upperBound) {
            observances = yearly
        } else {
            let offset = zone.secondsFromGMT(for: windowStart)
            let initial = Observance(
                daylight: zone.isDaylightSavingTime(for: windowStart),
                start: Int(windowStart.timeIntervalSince1970) + offset, offsetFrom: offset, offsetTo: offset,
                name: zone.abbreviation(for: windowStart))
            observances = [initial] + transitions
        }
    }

    /// The content lines of the `VTIMEZONE`, unfolded.
    var lines: [String] {
        var lines = ["BEGIN:VTIMEZONE", "TZID:" + ICalendarText.escape(identifier)]
        for observance in observances {
            let kind = observance.daylight ? "DAYLIGHT" : "STANDARD"
            lines.append("BEGIN:\(kind)")
            lines.append("DTSTART:" + CalendarFormat.localDateTime(observance.start))
            if let rule = observance.rule { lines.append("RRULE:" + rule) }
            lines.append("TZOFFSETFROM:" + CalendarFormat.offset(observance.offsetFrom))
            lines.append("TZOFFSETTO:" + CalendarFormat.offset(observance.offsetTo))
            if let name = observance.name, !name.isEmpty { lines.append("TZNAME:" + ICalendarText.escape(name)) }
            lines.append("END:\(kind)")
        }
        lines.append("END:VTIMEZONE")
        return lines
    }

    // MARK: - Yearly rules

    /// Two observances with yearly rules when the window's transitions are one summer-time start and one end a
    /// year, each every year on the same weekday of the same month, by one rule, at the same time with the same
    /// offsets; nil otherwise.
    private static func yearlyRules(_ transitions: [Observance], years: ClosedRange<Int>) -> [Observance]? {
        var result: [Observance] = []
        for daylight in [false, true] {
            let ofKind = transitions.filter { $0.daylight == daylight }
            let dates = ofKind.map { CalendarDate(dayNumber: floorDivide($0.start, 86_400)) }
            guard let first = ofKind.first, let firstDate = dates.first, dates.map(\.year) == Array(years),
                ofKind.allSatisfy({
                    $0.offsetFrom == first.offsetFrom && $0.offsetTo == first.offsetTo
                        && floorModulo($0.start, 86_400) == floorModulo(first.start, 86_400)
                }),
                dates.allSatisfy({ $0.month == firstDate.month }),
                let days = dayRule(dates)
            else { return nil }
            var observance = first
            observance.rule = "FREQ=YEARLY;BYMONTH=\(firstDate.month);" + days
            result.append(observance)
        }
        return result.sorted { $0.start < $1.start }
    }

    /// The rule part that picks every one of `dates` (all in one month, one a year): the last given weekday
    /// (`BYDAY=-1SU`), the n-th (`BYDAY=2SU`), or the first on or after a day of the month
    /// (`BYMONTHDAY=23,…,29;BYDAY=FR`, tzdata's `Fri>=23`) when all seven days of that span were seen; nil
    /// when none fits.
    static func dayRule(_ dates: [CalendarDate]) -> String? {
        guard let weekday = dates.first?.weekdayFromMonday, dates.allSatisfy({ $0.weekdayFromMonday == weekday })
        else { return nil }
        let name = weekdays[weekday]
        if dates.allSatisfy({ $0.adding(days: 7).month != $0.month }) { return "BYDAY=-1" + name }
        let weeks = Set(dates.map { ($0.day - 1) / 7 + 1 })
        if weeks.count == 1, let week = weeks.first { return "BYDAY=\(week)" + name }
        let days = Set(dates.map(\.day))
        guard days.count == 7, let low = days.min(), let high = days.max(), high - low == 6 else { return nil }
        return "BYMONTHDAY=" + (low...high).map(String.init).joined(separator: ",") + ";BYDAY=" + name
    }

    private static let weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    private static func startOfYear(_ year: Int) -> Date {
        let day = (CalendarDate(year: year, month: 1, day: 1) ?? CalendarDate(dayNumber: 0)).dayNumber
        return Date(timeIntervalSince1970: TimeInterval(day * 86_400))
    }
}

/// The date-time and offset forms of RFC 5545 §3.3.5 and §3.3.14.
enum CalendarFormat {
    /// `YYYYMMDDTHHMMSS` for a wall-clock time given as seconds after 1970-01-01T00:00.
    static func localDateTime(_ seconds: Int) -> String {
        let date = CalendarDate(dayNumber: floorDivide(seconds, 86_400))
        return compact(date) + "T" + time(floorModulo(seconds, 86_400))
    }

    /// `YYYYMMDDTHHMMSSZ` for an instant, to the second below.
    static func utcDateTime(_ instant: Date) -> String {
        localDateTime(Int(instant.timeIntervalSince1970.rounded(.down))) + "Z"
    }

    /// `YYYYMMDD`.
    static func compact(_ date: CalendarDate) -> String {
        date.description.replacingOccurrences(of: "-", with: "")
    }

    /// `HHMMSS` for seconds after midnight.
    static func time(_ seconds: Int) -> String {
        two(seconds / 3600) + two(seconds / 60 % 60) + two(seconds % 60)
    }

    /// `+HHMM`, or `+HHMMSS` when the offset has seconds; UTC is `+0000` (RFC 5545 forbids `-0000`).
    static func offset(_ seconds: Int) -> String {
        let magnitude = abs(seconds)
        let text = two(magnitude / 3600) + two(magnitude / 60 % 60) + (magnitude % 60 == 0 ? "" : two(magnitude % 60))
        return (seconds < 0 ? "-" : "+") + text
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// Division rounding towards minus infinity, for times before 1970.
func floorDivide(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

/// The remainder that goes with `floorDivide`, always in `0..<b`.
func floorModulo(_ a: Int, _ b: Int) -> Int { a - floorDivide(a, b) * b }
