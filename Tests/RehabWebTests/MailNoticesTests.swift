import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import RehabMail
import Testing

@testable import RehabWeb

/// What the mails say (nothing about health, in the patient's language, with a working stop link) and which
/// reminders the clinic's services queue.
struct MailNoticesTests {
    static let health = ["knee replacement", "pain", "swelling", "fever", "Rosa", "Díaz", "quad", "score"]

    static func claimed(_ kind: MailKind, patient: PatientID, language: String = "en", level: AlertLevel? = nil)
        -> ClaimedMail
    {
        ClaimedMail(
            id: .generate(), kind: kind, patientID: patient, recipientEmail: "rosa@home.test",
            recipientName: "Rosa", language: language, alertLevel: level, stillApplies: true, attempts: 1)
    }

    static func notices(_ harness: WebHarness) throws -> MailNotices {
        MailNotices(
            settings: MailSettings(
                transport: try SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: 25)),
                from: try MailAddress("rehab@riverside.test", displayName: "Riverside Knee Clinic"),
                publicURL: "https://rehab.riverside.test/"),
            links: ReminderLinks(store: harness.services.store), strings: .bundled, now: { WebHarness.clock })
    }

    @Test func aNoticeNamesTheLevelAndNothingAboutThePatient() async throws {
        let harness = try await WebHarness.make()
        let mail = try await Self.notices(harness).compose(
            Self.claimed(.alertNotice, patient: .generate(), level: .emergency))
        #expect(mail.subject == "You have a new emergency alert in KneeRehab")
        #expect(mail.body.contains("https://rehab.riverside.test/login"))
        #expect(mail.listUnsubscribe == nil, "a notice cannot be unsubscribed from")
        #expect(mail.messageID.domain == "riverside.test")
        for word in Self.health.dropLast(2) where word != "Rosa" {
            #expect(!mail.body.lowercased().contains(word.lowercased()), "\(word)")
        }
    }

    /// The person whose second factor an admin removed hears of it, in case they did not ask: no code, no secret,
    /// no stop link (it is not a reminder), and the way back in.
    @Test func aRemovedSecondFactorIsToldToTheAccount() async throws {
        let harness = try await WebHarness.make()
        let mail = try await Self.notices(harness).compose(
            ClaimedMail(
                id: .generate(), kind: .secondFactorRemoved, patientID: nil, recipientEmail: "ana@clinic.test",
                recipientName: "Ana", language: "en", alertLevel: nil, stillApplies: true, attempts: 1))
        #expect(mail.to.map(\.address) == ["ana@clinic.test"])
        #expect(mail.subject == "The second factor of your KneeRehab account was removed")
        #expect(mail.body.hasPrefix("Hello Ana,"))
        #expect(mail.body.contains("An admin at Riverside Knee Clinic removed"))
        #expect(mail.body.contains("If you did not ask for this"))
        #expect(mail.body.contains("https://rehab.riverside.test/login"))
        #expect(mail.listUnsubscribe == nil && !mail.body.contains("/reminders/stop/"))
    }

    @Test func aReminderIsInThePatientsLanguageWithAStopLinkThatWorks() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            #expect(
                try await client.execute(
                    uri: "/api/v1/me/reminders", method: .post, headers: patient,
                    body: Body.json(#"{"byMail":true}"#)
                ).status == .ok)
            let patientID = try #require(PatientID(uuidString: id))
            let mail = try await Self.notices(harness).compose(
                Self.claimed(.sessionReminder, patient: patientID, language: "es"))
            #expect(mail.subject == "Un recordatorio de Riverside Knee Clinic")
            #expect(mail.body.hasPrefix("Hola, Rosa:"))
            let link = try #require(mail.listUnsubscribe?.url)
            #expect(link.hasPrefix("https://rehab.riverside.test/reminders/stop/") && mail.body.contains(link))
            for word in Self.health.dropFirst() where word != "Rosa" {
                #expect(!mail.body.lowercased().contains(word.lowercased()), "\(word)")
            }
            let path = String(link.dropFirst("https://rehab.riverside.test".count))
            #expect(try await client.execute(uri: path, method: .post).status == .ok)
            let actor = AuditActor(.system, origin: "test", at: WebHarness.clock)
            #expect(try await harness.services.store.mailReminders(of: patientID, by: actor) == false)
        }
    }

    @Test func remindersAreQueuedOnceAndNotWhenEveryExerciseIsPaused() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            _ = try await client.execute(
                uri: "/api/v1/me/reminders", method: .post, headers: patient, body: Body.json(#"{"byMail":true}"#))
            let patientID = try #require(PatientID(uuidString: id))
            // The harness clock is 12:00 UTC; the clinic's default times are 09:00 and 18:00, so 18:00 comes next.
            let evening = WebHarness.clock.addingTimeInterval(6 * 3600)
            #expect(try await harness.services.queueDueReminders(now: evening) == 1)
            #expect(try await harness.services.queueDueReminders(now: evening + 60) == 0, "once per time and day")
            let urgent = #"{"date":"2026-11-25","painAtRest":9,"swelling":"none"}"#
            let checkIn = try await client.execute(
                uri: "/api/v1/me/checkins", method: .post, headers: patient, body: Body.json(urgent))
            #expect(try Body.object(checkIn)["level"] as? String == "urgent")
            let nextMorning = WebHarness.clock.addingTimeInterval(21 * 3600)
            #expect(try await harness.services.queueDueReminders(now: nextMorning) == 0, "every exercise paused")
            let queued = try await harness.services.store.outboxMail(of: patientID).map(\.kind)
            #expect(queued.filter { $0 == .sessionReminder }.count == 1)
        }
    }
}
