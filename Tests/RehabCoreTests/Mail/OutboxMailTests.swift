import Testing

@testable import RehabCore

/// The outbox's stored names and its retry schedule.
struct OutboxMailTests {
    @Test func storedNamesAreFixed() {
        #expect(
            MailKind.allCases.map(\.rawValue) == [
                "alert-notice", "session-reminder", "check-in-nudge", "second-factor-removed",
            ])
        #expect(MailState.allCases.map(\.rawValue) == ["pending", "sending", "sent", "failed", "skipped"])
        #expect(MailKind.allCases.filter(\.isReminder) == [.sessionReminder, .checkInNudge])
    }

    @Test func aMailStillAppliesWhileWhatItIsAboutStands() {
        for open in [false, true] {
            for remindersOn in [false, true] {
                #expect(MailKind.alertNotice.stillApplies(alertOpen: open, remindersOn: remindersOn) == open)
                #expect(MailKind.checkInNudge.stillApplies(alertOpen: open, remindersOn: remindersOn) == remindersOn)
                #expect(MailKind.sessionReminder.stillApplies(alertOpen: open, remindersOn: remindersOn) == remindersOn)
                #expect(MailKind.secondFactorRemoved.stillApplies(alertOpen: open, remindersOn: remindersOn))
            }
        }
    }

    @Test func retriesDoubleToAnHourThenStop() {
        #expect(MailRetry.delay(afterAttempt: 1) == 15)
        #expect(MailRetry.delay(afterAttempt: 2) == 30)
        #expect(MailRetry.delay(afterAttempt: 5) == 240)
        #expect(MailRetry.delay(afterAttempt: 9) == 3600)
        #expect(MailRetry.delay(afterAttempt: MailRetry.maximumAttempts - 1) == 3600)
        #expect(MailRetry.delay(afterAttempt: MailRetry.maximumAttempts) == nil)
        let total = (1..<MailRetry.maximumAttempts).compactMap(MailRetry.delay(afterAttempt:)).reduce(0, +)
        #expect(total > 20 * 3600 && total < 26 * 3600, "about a day of trying")
    }
}
