import Foundation
import NIOConcurrencyHelpers
import RehabCore
import RehabSQLite
import RehabTesting
import Testing

@testable import RehabMail

/// The outbox sender against a real SMTP server and a real SQLite store, with its clock in the test's hands: a
/// red flag's notice goes once, a refused attempt waits its turn and then goes, a notice whose alert was seen is
/// not sent, and the row keeps the server's receipt.
@Suite(.enabled(if: SMTPSink.python != nil, SMTPSink.skipped))
struct OutboxSenderTests {
    /// A store with a clinic whose patient A has just had an urgent check-in.
    static func clinicWithAnUrgentCheckIn() async throws -> (SQLiteStore, StorageClinic, AlertID) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID()).sqlite").path
        let store = try SQLiteStore(path: path)
        let clinic = try await StorageClinic.make(store)
        let urgent = TriageResult(reasons: [TriageReason(rule: "fever", level: .urgent, message: "Call the clinic")])
        let written = try await store.recordCheckIn(
            CheckInWrite(
                patientID: clinic.patientA.id, checkIn: CheckIn(date: StorageClinic.surgeryDate.adding(days: 3)),
                triage: urgent), idempotency: nil, by: clinic.asPatientA,
            respond: { _ in StoredResponse(status: 201, body: Data()) })
        return (store, clinic, try #require(written.created?.alertID))
    }

    /// The real SMTP client, after which the task that sent is cancelled, as a server shutting down cancels it.
    struct CancelledAfterSending: MailTransport {
        let client: SMTPClient

        func send(_ message: MailMessage, envelope: MailEnvelope) async throws(MailError) -> DeliveryReceipt {
            let receipt = try await client.send(message, envelope: envelope)
            withUnsafeCurrentTask { $0?.cancel() }
            return receipt
        }
    }

    static func sender(
        _ store: SQLiteStore, port: Int, clock: NIOLockedValueBox<Date>, cancelAfterSending: Bool = false
    ) throws -> OutboxSender {
        let smtp = try SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: port))
        let client: any MailTransport = cancelAfterSending ? CancelledAfterSending(client: smtp) : smtp
        let from = try MailAddress("rehab@clinic.test", displayName: "Riverside")
        return OutboxSender(
            store: store, transport: client,
            compose: { mail in
                MailMessage(
                    from: from, to: [try MailAddress(mail.recipientEmail)], subject: "New \(mail.kind.rawValue)",
                    body: "Please sign in.", date: clock.withLockedValue { $0 },
                    messageID: try MailMessageID(id: mail.id.description, domain: "clinic.test"))
            }, queueReminders: { _ in }, now: { clock.withLockedValue { $0 } })
    }

    @Test func aRedFlagsNoticeGoesOnceToThePatientsClinician() async throws {
        let sink = try await SMTPSink()
        defer { sink.end() }
        let (store, clinic, _) = try await Self.clinicWithAnUrgentCheckIn()
        let clock = NIOLockedValueBox(StorageClinic.now)
        let sender = try Self.sender(store, port: sink.port, clock: clock)
        #expect(await sender.pass() == 1)
        #expect(await sender.pass() == 0, "a sent mail is not sent again")
        let received = try sink.messages()
        #expect(received.count == 1)
        #expect(received.first?.rcptTos == [clinic.clinicianA.email])
        let row = try #require(try await store.outboxMail(of: clinic.patientA.id).first)
        #expect(row.state == .sent && row.attempts == 1 && row.receipt?.isEmpty == false)
        #expect(received.first?.messageId == "<\(row.id)@clinic.test>", "the delivery id")
    }

    @Test func aMailAcceptedJustBeforeTheServerStopsIsStillMarkedSent() async throws {
        let sink = try await SMTPSink()
        defer { sink.end() }
        let (store, clinic, _) = try await Self.clinicWithAnUrgentCheckIn()
        let clock = NIOLockedValueBox(StorageClinic.now)
        let sender = try Self.sender(store, port: sink.port, clock: clock, cancelAfterSending: true)
        await sender.pass()
        #expect(try sink.messages().count == 1)
        let row = try #require(try await store.outboxMail(of: clinic.patientA.id).first)
        #expect(row.state == .sent, "marked sent, so it does not go again when its lease ends")
    }

    @Test func aRefusedAttemptWaitsItsTurnThenGoes() async throws {
        let sink = try await SMTPSink(["--fail-first", "1"])
        defer { sink.end() }
        let (store, clinic, _) = try await Self.clinicWithAnUrgentCheckIn()
        let clock = NIOLockedValueBox(StorageClinic.now)
        let sender = try Self.sender(store, port: sink.port, clock: clock)
        #expect(await sender.pass() == 1)
        var row = try #require(try await store.outboxMail(of: clinic.patientA.id).first)
        #expect(row.state == .pending && row.attempts == 1 && row.lastError?.hasPrefix("smtp-") == true)
        clock.withLockedValue { $0 += MailRetry.firstDelay - 1 }
        #expect(await sender.pass() == 0, "not before its time")
        clock.withLockedValue { $0 += 1 }
        #expect(await sender.pass() == 1)
        row = try #require(try await store.outboxMail(of: clinic.patientA.id).first)
        #expect(row.state == .sent && row.attempts == 2)
        #expect(try sink.messages().count == 1)
    }

    @Test func aServerThatIsDownIsTriedAgainLater() async throws {
        let (store, clinic, _) = try await Self.clinicWithAnUrgentCheckIn()
        let clock = NIOLockedValueBox(StorageClinic.now)
        // A port nothing listens on: the sink was started and stopped.
        let gone = try await SMTPSink()
        let port = gone.port
        try await gone.stop()
        let sender = try Self.sender(store, port: port, clock: clock)
        #expect(await sender.pass() == 1)
        let row = try #require(try await store.outboxMail(of: clinic.patientA.id).first)
        #expect(row.state == .pending && row.lastError == "smtp-connectionFailed")
    }

    @Test func aNoticeWhoseAlertWasSeenIsNotSent() async throws {
        let sink = try await SMTPSink()
        defer { sink.end() }
        let (store, clinic, alert) = try await Self.clinicWithAnUrgentCheckIn()
        _ = try await store.acknowledgeAlert(alert, by: clinic.asA)
        let clock = NIOLockedValueBox(StorageClinic.now)
        let sender = try Self.sender(store, port: sink.port, clock: clock)
        #expect(await sender.pass() == 1)
        #expect(try await store.outboxMail(of: clinic.patientA.id).first?.state == .skipped)
        #expect(try sink.messages().isEmpty)
    }
}

/// Reminders through the sender: one for a patient who stopped reminders is skipped and nothing reaches the server.
@Suite(.enabled(if: SMTPSink.python != nil, SMTPSink.skipped))
struct OutboxSenderReminderTests {
    @Test func aPatientWhoStoppedRemindersGetsNothing() async throws {
        let sink = try await SMTPSink()
        defer { sink.end() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID()).sqlite").path
        let store = try SQLiteStore(path: path)
        let clinic = try await StorageClinic.make(store)
        let patient = clinic.patientA.id
        let settings = CalendarSettings.defaults(timeZone: "UTC")
        try await store.setMailReminders(true, defaults: settings, for: patient, by: clinic.asPatientA)
        let wanted = NewOutboxMail(kind: .sessionReminder, patientID: patient, dedupeKey: "a", dueAt: StorageClinic.now)
        #expect(try await store.enqueueMail([wanted]) == 1)
        let clock = NIOLockedValueBox(StorageClinic.now)
        let sender = try OutboxSenderTests.sender(store, port: sink.port, clock: clock)
        #expect(await sender.pass() == 1)
        #expect(try sink.messages().count == 1, "a patient who asked gets the reminder")
        try await store.setMailReminders(false, defaults: settings, for: patient, by: clinic.asPatientA)
        let unwanted = NewOutboxMail(
            kind: .sessionReminder, patientID: patient, dedupeKey: "b", dueAt: StorageClinic.now)
        #expect(try await store.enqueueMail([unwanted]) == 1)
        #expect(await sender.pass() == 1)
        #expect(try await store.outboxMail(unwanted.id).state == .skipped)
        #expect(try sink.messages().count == 1, "nothing more after stopping")
    }
}
