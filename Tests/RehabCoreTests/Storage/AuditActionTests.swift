import Testing

@testable import RehabCore

/// The audit log's action names are stored for years: they never change.
struct AuditActionTests {
    @Test func storedNamesAreFixed() {
        #expect(
            AuditAction.written.map(\.rawValue) == [
                "account.create", "account.password", "invite.claim", "password.change", "signin.end-all",
                "invite.reissue", "patient.create", "plan.revise", "plan.change",
                "record.read", "session.create", "checkin.create", "questionnaire.create", "measurement.create",
                "measurement.strike", "patient.discharge", "patient.reopen", "patient.reassign", "surgery.correct",
                "time.log", "record.export",
                "alert.raise", "alert.acknowledge", "message.create", "message.read", "reminders.change",
                "second-factor.enrol", "second-factor.recovery-code", "second-factor.setting",
                "second-factor.remove",
            ])
    }
}
