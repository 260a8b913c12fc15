import Foundation

/// The thread between each patient and their clinician. Reads and writes are audited; a clinician asking for
/// another clinician's patient gets `notFound`.
public protocol MessageRepository: Sendable {
    /// Stores a message (and its idempotency record) in one transaction. The author must match the actor: a
    /// patient writes in their own thread as `patient`, the owning clinician as `clinician`, the system as
    /// `program`; anything else is `notFound`.
    func postMessage(
        _ message: NewMessage, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (Message) throws -> StoredResponse
    ) async throws -> WriteOutcome<Message>
    /// The thread, oldest first. Reading it marks the messages written for the reader (a patient reads the
    /// clinician's; a clinician reads the patient's and the program's) as read at `actor.at`; the read is audited.
    func messages(of patient: PatientID, by actor: AuditActor) async throws -> [Message]
    /// Unread messages for a clinician, by patient (only patients with some).
    func unreadMessages(clinician: AccountID) async throws -> [PatientID: Int]
    /// Unread messages for the patient (their clinician's).
    func unreadMessageCount(patient: PatientID) async throws -> Int
}

/// Mail waiting to go out, written in the same transaction as what causes it, and the patients' choice of
/// reminders. A sender claims due mail for a lease, so each mail is sent by one sender even with several servers.
public protocol OutboxRepository: Sendable {
    /// Puts mails in the outbox; one whose `dedupeKey` is already there is left out. Returns how many were added.
    @discardableResult
    func enqueueMail(_ mails: [NewOutboxMail]) async throws -> Int
    /// Claims up to `limit` mails that are due at `now` (pending, or sending with an ended lease) for `lease`
    /// seconds, counting an attempt on each; another sender does not get them meanwhile.
    func claimDueMail(now: Date, lease: TimeInterval, limit: Int) async throws -> [ClaimedMail]
    /// Records how a claimed mail ended.
    func finishMail(_ id: OutboxMailID, _ outcome: MailOutcome, at: Date) async throws
    /// Mails waiting (pending or being sent), for the queue gauge.
    func mailQueueLength() async throws -> Int
    /// The earliest due time of a pending mail, for the sender's sleep.
    func nextMailDue() async throws -> Date?
    /// One stored mail.
    func outboxMail(_ id: OutboxMailID) async throws -> StoredOutboxMail
    /// Every stored mail about a patient, oldest first (tests and support).
    func outboxMail(of patient: PatientID) async throws -> [StoredOutboxMail]
    /// Turns the patient's reminders by mail on or off (audited); `defaults` are the daily times kept when the
    /// patient has chosen none yet.
    func setMailReminders(_ on: Bool, defaults: CalendarSettings, for patient: PatientID, by actor: AuditActor)
        async throws
    /// Whether the patient asked for reminders by mail.
    func mailReminders(of patient: PatientID, by actor: AuditActor) async throws -> Bool
    /// The patients who asked for reminders and can sign in, with what the reminder policy needs; sessions are
    /// counted for the days from `since`.
    func reminderCandidates(since: CalendarDate) async throws -> [ReminderCandidate]
    /// The secret key stored under `name`, made from `fresh` the first time it is asked for; every server on the
    /// database gets the same key (the first one stored wins).
    func serverKey(named name: String, fresh: Data) async throws -> Data
}
