import Foundation
import RehabCore

/// The patient's planned exercise sessions as an iCalendar feed (RFC 5545) that calendar apps can import or
/// subscribe to.
///
/// The feed names no diagnosis, symptom or score: a calendar is often shared or shown on a lock screen, so every
/// event just says it is time for the knee exercises.
public enum CalendarFeed {
    /// The slots a patient starts with: a morning and an early-evening session.
    public static let defaultSlots = DailySlot.defaults

    /// How long each event lasts in the calendar, in minutes.
    public static let sessionMinutes = 30

    /// How many minutes before an event its alarm goes off.
    public static let alarmMinutesBefore = 10

    /// How often a subscribed calendar is asked to fetch the feed again, in hours.
    public static let refreshHours = 12

    /// The words of the feed, in one language.
    public struct Texts: Sendable, Equatable {
        /// Each event's title.
        public var summary: String
        /// Each event's description.
        public var description: String
        /// What the alarm shows.
        public var alarm: String

        /// Makes a set of texts.
        public init(summary: String, description: String, alarm: String) {
            self.summary = summary
            self.description = description
            self.alarm = alarm
        }

        /// English.
        public static let english = Texts(
            summary: "Knee exercises",
            description: "Time for your knee exercises. Open KneeRehab to see today's session.",
            alarm: "Knee exercises soon")
        /// Spanish.
        public static let spanish = Texts(
            summary: "Ejercicios de rodilla",
            description: "Es la hora de tus ejercicios de rodilla. Abre KneeRehab para ver la sesión de hoy.",
            alarm: "Ejercicios de rodilla en breve")

        /// The texts for a language tag (`es`, `es-MX`…); English for any language without its own.
        public static func language(_ tag: String) -> Texts {
            tag.lowercased().hasPrefix("es") ? .spanish : .english
        }
    }

    /// The patient's planned sessions as iCalendar: one event per daily slot, recurring daily from `startDate`
    /// to `endDate` (for ever when nil), each with a display alarm.
    ///
    /// UIDs come from the patient id and the slot, so every download of the same feed names the same events and
    /// a calendar updates them in place. Times are wall-clock times in `timeZone` (`DTSTART;TZID=` with its
    /// `VTIMEZONE`), or UTC times when the zone is UTC. `DTSTAMP` is `generatedAt`. Lines end in CRLF and are
    /// folded at 75 octets. Slots that are not real times of day, and repeats, are left out (`DailySlot.validate`
    /// refuses them at the edge); an `endDate` before `startDate` leaves no events.
    public static func ics(
        patientID: PatientID, slots: [DailySlot], timeZone: TimeZone, startDate: CalendarDate,
        endDate: CalendarDate?, generatedAt: Date, calendarName: String, texts: Texts = .english
    ) -> String {
        let utc = CalendarTimeZone.isUTC(timeZone)
        let lastYear = max(startDate.year, endDate?.year ?? startDate.year + 10)
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//KneeRehab//Exercise calendar//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "NAME:" + ICalendarText.escape(calendarName),
            "X-WR-CALNAME:" + ICalendarText.escape(calendarName),
            "X-WR-TIMEZONE:" + ICalendarText.escape(utc ? "UTC" : timeZone.identifier),
            "REFRESH-INTERVAL;VALUE=DURATION:PT\(refreshHours)H", "X-PUBLISHED-TTL:PT\(refreshHours)H",
        ]
        if !utc { lines += CalendarTimeZone(timeZone, years: startDate.year...lastYear).lines }
        let events = Set(slots.filter { (try? $0.validate()) != nil }).sorted()
        if endDate.map({ $0 >= startDate }) ?? true {
            let stamp = CalendarFormat.utcDateTime(generatedAt)
            let until = endDate.map { "UNTIL=" + untilUTC(lastDay: $0, timeZone: timeZone, utc: utc) }
            for slot in events {
                lines += event(
                    uid: uid(patientID: patientID, slot: slot), stamp: stamp, start: startDate, slot: slot,
                    zone: utc ? nil : timeZone.identifier, until: until, texts: texts)
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(ICalendarText.fold).joined()
    }

    /// One slot's recurring event, unfolded.
    private static func event(
        uid: String, stamp: String, start: CalendarDate, slot: DailySlot, zone: String?, until: String?,
        texts: Texts
    ) -> [String] {
        let local = CalendarFormat.compact(start) + "T" + CalendarFormat.time(slot.minuteOfDay * 60)
        let dtstart = zone.map { ";TZID=" + ICalendarText.parameterValue($0) + ":" + local } ?? ":" + local + "Z"
        return [
            "BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:" + stamp, "DTSTART" + dtstart, "DURATION:PT\(sessionMinutes)M",
            "RRULE:FREQ=DAILY" + (until.map { ";" + $0 } ?? ""), "SUMMARY:" + ICalendarText.escape(texts.summary),
            "DESCRIPTION:" + ICalendarText.escape(texts.description), "CLASS:PRIVATE", "TRANSP:TRANSPARENT",
            "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + ICalendarText.escape(texts.alarm),
            "TRIGGER:-PT\(alarmMinutesBefore)M", "END:VALARM", "END:VEVENT",
        ]
    }

    /// The UID of a patient's slot: a digest of the patient id and the time, so the calendar provider is not
    /// handed the id itself, and the same slot always has the same UID.
    static func uid(patientID: PatientID, slot: DailySlot) -> String {
        let key = Array("kneerehab-calendar|\(patientID)|\(slot)".utf8)
        return hex(fnv1a(key, basis: 0xcbf2_9ce4_8422_2325)) + hex(fnv1a(key, basis: 0x6c62_272e_07bb_0142))
            + "@kneerehab"
    }

    /// The last second of `lastDay` in the zone, in UTC: RFC 5545 wants `UNTIL` in UTC when `DTSTART` has a
    /// `TZID`, and the end of the day keeps that day's events whatever their time.
    private static func untilUTC(lastDay: CalendarDate, timeZone: TimeZone, utc: Bool) -> String {
        let midnight = lastDay.adding(days: 1).dayNumber * 86_400
        var offset = 0
        if !utc {
            offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(midnight)))
            offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(midnight - offset)))
        }
        return CalendarFormat.localDateTime(midnight - offset - 1) + "Z"
    }

    private static func fnv1a(_ bytes: [UInt8], basis: UInt64) -> UInt64 {
        bytes.reduce(basis) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
