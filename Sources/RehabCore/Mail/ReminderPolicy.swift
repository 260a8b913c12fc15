import Foundation

/// What the store knows about a patient who asked for reminders, for deciding which are due.
public struct ReminderCandidate: Sendable, Equatable {
    /// The patient.
    public var patientID: PatientID
    /// Their daily times and time zone.
    public var settings: CalendarSettings
    /// When the patient was added (no nudge before they have had two days).
    public var addedAt: Date
    /// Sessions logged per day, for the last few days.
    public var sessionsByDay: [CalendarDate: Int]
    /// The day of the latest check-in, if any.
    public var lastCheckIn: CalendarDate?

    /// Makes a value.
    public init(
        patientID: PatientID, settings: CalendarSettings, addedAt: Date, sessionsByDay: [CalendarDate: Int],
        lastCheckIn: CalendarDate?
    ) {
        self.patientID = patientID
        self.settings = settings
        self.addedAt = addedAt
        self.sessionsByDay = sessionsByDay
        self.lastCheckIn = lastCheckIn
    }
}

/// A reminder that has fallen due.
public struct DueReminder: Sendable, Equatable {
    /// A session reminder or a check-in nudge.
    public var kind: MailKind
    /// The patient's own calendar day it is for.
    public var day: CalendarDate
    /// Makes it once: the same key is never mailed twice.
    public var dedupeKey: String
}

/// Which reminders are due for a patient at a moment, in the patient's own time zone.
///
/// - A **session reminder** for the k-th daily time (k = 1, 2, …) is due from that time on, when fewer than k
///   sessions are logged that day: the morning reminder goes only if no session is done yet, the evening one only
///   if fewer than two are. Whether a session is planned at all that day (the plan not paused) is the caller's
///   check, since it needs the plan.
/// - A **check-in nudge** is due at the first daily time when the last check-in is two or more days old (or there
///   has been none in the two days since the patient was added), once for each such gap.
/// - Nothing is sent more than `lateness` after its time: a server that was down for hours does not send a morning
///   reminder in the afternoon.
public enum ReminderPolicy {
    /// How late a reminder may still go.
    public static let lateness: TimeInterval = 2 * 3600
    /// Days without a check-in before the gentle nudge.
    public static let quietDaysBeforeNudge = 2

    /// The reminders due at `now`; nil time zone names fall back to UTC.
    public static func due(_ candidate: ReminderCandidate, now: Date) -> [DueReminder] {
        let zone = TimeZone(identifier: candidate.settings.timeZone) ?? TimeZone(secondsFromGMT: 0) ?? .current
        let (today, minute) = local(now, zone)
        let slots = candidate.settings.slots.sorted()
        let lateMinutes = Int(lateness / 60)
        func isDue(_ slot: DailySlot) -> Bool {
            minute >= slot.minuteOfDay && minute < slot.minuteOfDay + lateMinutes
        }
        var due: [DueReminder] = []
        let done = candidate.sessionsByDay[today] ?? 0
        for (index, slot) in slots.enumerated() where isDue(slot) && done <= index {
            due.append(
                DueReminder(
                    kind: .sessionReminder, day: today,
                    dedupeKey: "\(MailKind.sessionReminder.rawValue):\(candidate.patientID):\(today):\(slot)"))
        }
        if let first = slots.first, isDue(first) {
            let since = candidate.lastCheckIn ?? local(candidate.addedAt, zone).day
            if since.days(until: today) >= quietDaysBeforeNudge {
                let gap = candidate.lastCheckIn.map(\.description) ?? "none"
                due.append(
                    DueReminder(
                        kind: .checkInNudge, day: today,
                        dedupeKey: "\(MailKind.checkInNudge.rawValue):\(candidate.patientID):\(gap)"))
            }
        }
        return due
    }

    /// The calendar day and minute of the day of `date` in `zone`.
    static func local(_ date: Date, _ zone: TimeZone) -> (day: CalendarDate, minute: Int) {
        let seconds = Int((date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))).rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        return (CalendarDate(dayNumber: days), (seconds - days * 86_400) / 60)
    }
}
