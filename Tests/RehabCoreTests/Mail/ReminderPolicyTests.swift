import Foundation
import PropertyBased
import Testing

@testable import RehabCore

/// Which reminders fall due, in the patient's own time zone.
struct ReminderPolicyTests {
    let patient = PatientID.generate()
    /// 2026-12-02 00:00 UTC.
    let midnightUTC = Date(timeIntervalSince1970: 1_796_169_600)
    let day = CalendarDate(iso: "2026-12-02") ?? CalendarDate(dayNumber: 0)

    func candidate(
        zone: String = "UTC", slots: [DailySlot] = DailySlot.defaults, sessions: [CalendarDate: Int] = [:],
        lastCheckIn: CalendarDate? = nil
    ) -> ReminderCandidate {
        ReminderCandidate(
            patientID: patient, settings: CalendarSettings(slots: slots, timeZone: zone),
            addedAt: midnightUTC.addingTimeInterval(-30 * 86_400), sessionsByDay: sessions,
            lastCheckIn: lastCheckIn ?? day)
    }

    func at(_ hour: Int, _ minute: Int = 0) -> Date {
        midnightUTC.addingTimeInterval(Double(hour * 3600 + minute * 60))
    }

    @Test func nothingBeforeTheFirstTime() {
        #expect(ReminderPolicy.due(candidate(), now: at(8, 59)).isEmpty)
    }

    @Test func theMorningReminderGoesWhenNoSessionIsDone() {
        let due = ReminderPolicy.due(candidate(), now: at(9))
        #expect(due.map(\.kind) == [.sessionReminder])
        #expect(due.first?.dedupeKey == "session-reminder:\(patient):2026-12-02:09:00")
        #expect(ReminderPolicy.due(candidate(sessions: [day: 1]), now: at(9, 30)).isEmpty)
    }

    @Test func theEveningReminderCountsTheDaysSessions() {
        #expect(ReminderPolicy.due(candidate(sessions: [day: 1]), now: at(18)).map(\.kind) == [.sessionReminder])
        #expect(ReminderPolicy.due(candidate(sessions: [day: 2]), now: at(18)).isEmpty)
    }

    @Test func aReminderMoreThanTwoHoursLateIsNotSent() {
        #expect(ReminderPolicy.due(candidate(), now: at(10, 59)).count == 1)
        #expect(ReminderPolicy.due(candidate(), now: at(11)).isEmpty)
    }

    @Test func timesAreThePatientsOwn() {
        // 09:00 in Madrid is 08:00 UTC in winter.
        let madrid = candidate(zone: "Europe/Madrid")
        #expect(ReminderPolicy.due(madrid, now: at(8)).map(\.kind) == [.sessionReminder])
        #expect(ReminderPolicy.due(madrid, now: at(7, 59)).isEmpty)
        // 09:00 in New York is 14:00 UTC in winter.
        #expect(ReminderPolicy.due(candidate(zone: "America/New_York"), now: at(14)).count == 1)
    }

    @Test func theNudgeAfterTwoDaysWithoutACheckIn() {
        let yesterday = ReminderPolicy.due(candidate(sessions: [day: 2], lastCheckIn: day.adding(days: -1)), now: at(9))
        #expect(yesterday.isEmpty)
        let twoDays = ReminderPolicy.due(candidate(sessions: [day: 2], lastCheckIn: day.adding(days: -2)), now: at(9))
        #expect(twoDays.map(\.kind) == [.checkInNudge])
        #expect(twoDays.first?.dedupeKey == "check-in-nudge:\(patient):2026-11-30")
        // The same gap keeps the same key, so the nudge goes once however long the gap lasts.
        let threeDays = ReminderPolicy.due(
            candidate(sessions: [day.adding(days: 1): 2], lastCheckIn: day.adding(days: -2)), now: at(33))
        #expect(threeDays.first?.dedupeKey == twoDays.first?.dedupeKey)
    }

    @Test func aNewPatientIsNotNudgedBeforeTwoDays() {
        var new = candidate(sessions: [day: 2])
        new.lastCheckIn = nil
        new.addedAt = at(-20)
        #expect(ReminderPolicy.due(new, now: at(9)).isEmpty)
        new.addedAt = at(-40)
        #expect(ReminderPolicy.due(new, now: at(9)).first?.dedupeKey == "check-in-nudge:\(patient):none")
    }

    /// Whatever the times, sessions and moment: at most one reminder per daily time plus one nudge, none for a
    /// time that has not come or is over two hours past, and none once the day's sessions reach the times.
    @Test func invariants() async {
        await propertyCheck(
            input: Gen.int(in: 0...1439).array(of: 0...6), Gen.int(in: 0...6), Gen.int(in: 0...(3 * 1440))
        ) { minutes, done, moment in
            let slots = Array(Set(minutes.map { DailySlot(hour: $0 / 60, minute: $0 % 60) })).sorted()
            let now = at(0, moment)
            let today = ReminderPolicy.local(now, TimeZone(secondsFromGMT: 0)!).day
            let due = ReminderPolicy.due(candidate(slots: slots, sessions: [today: done]), now: now)
            let reminders = due.filter { $0.kind == .sessionReminder }
            #expect(reminders.count <= slots.count)
            #expect(Set(due.map(\.dedupeKey)).count == due.count)
            if done >= slots.count { #expect(reminders.isEmpty) }
            let minuteOfDay = (moment % 1440)
            for reminder in reminders {
                let slot = slots.first { reminder.dedupeKey.hasSuffix(":\($0)") }
                #expect(slot != nil)
                if let slot {
                    #expect(minuteOfDay >= slot.minuteOfDay && minuteOfDay < slot.minuteOfDay + 120)
                }
            }
        }
    }
}
