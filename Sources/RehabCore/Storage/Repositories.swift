import Foundation

// Domain-shaped repositories. Every method is one transaction; every method that touches a patient takes the
// `AuditActor` and answers `notFound` for a patient the actor may not see, exactly as for one that does not exist.

/// Accounts and logins.
public protocol AccountRepository: Sendable {
    /// Adds an admin or clinician account; `conflict` when the email is taken (in any letter case).
    func createAccount(_ new: NewAccount, by actor: AuditActor) async throws -> Account
    /// The account; `notFound` when there is none.
    func account(_ id: AccountID) async throws -> Account
    /// The account with this email in any letter case, for signing in.
    func account(email: String) async throws -> Account?
    /// Replaces the password hash.
    func setPasswordHash(_ hash: String, for id: AccountID, by actor: AuditActor) async throws
    /// Claims a patient's invite: sets the password and spends the code; `notFound` when the code is unknown,
    /// spent or expired.
    func claimInvite(codeHash: String, passwordHash: String, by actor: AuditActor) async throws -> Account
    /// A person's own new password: replaces the hash and ends every sign-in of the account except the one
    /// whose token hash is `keeping` (the one they are using), audited as `passwordChange`; returns how many
    /// sign-ins ended. Only the account itself (or the system) may; anyone else gets `notFound`.
    func changePassword(_ hash: String, for id: AccountID, keeping tokenHash: String?, by actor: AuditActor)
        async throws -> Int
    /// Ends every sign-in of the account, the caller's own included, audited as `signOutEverywhere`; returns how
    /// many ended. Only the account itself (or the system) may; anyone else gets `notFound`.
    func endSignIns(of id: AccountID, by actor: AuditActor) async throws -> Int
    /// A new invite for a patient who lost theirs, in one transaction: the password is cleared, the invite's hash
    /// and expiry replace any earlier one, and every sign-in of the patient ends (audited as `inviteReissue`).
    /// Only the owning clinician (or the system) may; anyone else gets `notFound`, as for a missing patient.
    func reissueInvite(
        _ invite: NewInvite, for patient: PatientID, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (Patient) throws -> StoredResponse
    ) async throws -> WriteOutcome<Patient>
}

/// Patients and their record.
public protocol PatientRepository: Sendable {
    /// Adds a patient owned by `new.clinicianID` with an unclaimed patient account and invite.
    func createPatient(
        _ new: NewPatient, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (Patient) throws -> StoredResponse
    ) async throws -> WriteOutcome<Patient>
    /// The patient, when the actor may see them.
    func patient(_ id: PatientID, by actor: AuditActor) async throws -> Patient
    /// The patient that an account belongs to.
    func patient(account: AccountID) async throws -> Patient
    /// A clinician's patients ordered by need (see `PatientSummary`).
    func patients(_ query: PatientListQuery) async throws -> [PatientSummary]
    /// Hands a patient to another clinician (an admin's act, audited): the new clinician sees the whole history,
    /// the old one no longer sees the patient. `notFound` when the patient does not exist or the account is not a
    /// clinician; only an admin or the system may do it.
    func reassignPatient(_ patient: PatientID, to clinician: AccountID, by actor: AuditActor) async throws -> Patient
    /// Who looks after whom, for an admin handing patients over: every patient's name and clinician, no health
    /// data. Empty for anyone but an admin or the system.
    func caseload(by actor: AuditActor) async throws -> [CaseloadEntry]
    /// The clinicians, by name, for choosing whom to hand a patient to.
    func clinicians() async throws -> [Account]
    /// Everything stored for the patient as the record document; the read is audited.
    func record(of patient: PatientID, by actor: AuditActor) async throws -> PatientRecord
    /// Everything exported about the patient, read in one snapshot, and the read recorded in the audit log as a
    /// record read and an export (in one write, once the read succeeded).
    func export(of patient: PatientID, by actor: AuditActor) async throws -> PatientExport
    /// Sets the language of the patient's pages and plan (nil: follow the browser); a preference, not health
    /// data, so it is not audited. `notFound` when the actor may not see the patient.
    func setLanguage(_ language: Language?, for patient: PatientID, by actor: AuditActor) async throws -> Patient
}

/// Versioned plans: revisions are appended, never edited.
public protocol PlanRepository: Sendable {
    /// Appends a revision; `conflict` when `expectedPrevious` is not the current number (someone else wrote).
    func appendPlanRevision(
        _ draft: PlanDraft, for patient: PatientID, expectedPrevious: Int?, by actor: AuditActor
    ) async throws -> PlanRevision
    /// The newest revision, nil before the first.
    func currentPlanRevision(of patient: PatientID, by actor: AuditActor) async throws -> PlanRevision?
    /// All revisions, oldest first.
    func planRevisions(of patient: PatientID, by actor: AuditActor) async throws -> [PlanRevision]
    /// A clinician's change to the program, in one transaction: stores the prescriptions, confirms a phase when
    /// the change names one, and appends the revision `draft` computes from the record after the change (with
    /// its author and note). Only the owning clinician (or the system) may; anyone else gets `notFound`.
    func changeProgram(
        _ change: ProgramChange, for patient: PatientID, idempotency: IdempotencyKey?, by actor: AuditActor,
        draft: @escaping @Sendable (PatientRecord) throws -> PlanDraft,
        respond: @escaping @Sendable (PlanRevision) throws -> StoredResponse
    ) async throws -> WriteOutcome<PlanRevision>
}

/// Sessions, check-ins, questionnaires and measurements.
public protocol ClinicalDataRepository: Sendable {
    /// Stores a session, the plan revision `review` computes from the record with the session appended (nil:
    /// no new revision), an audit entry and the idempotency record, in one transaction. A reviewed plan with the
    /// current revision's `doseSignature` asks nothing new of the patient and is not stored as a revision.
    /// `review` runs inside the transaction, so it must be pure and quick. `respond` makes the response stored
    /// with the key.
    func recordSession(
        _ write: SessionWrite, idempotency: IdempotencyKey?, by actor: AuditActor,
        review: @escaping @Sendable (PatientRecord) throws -> SessionReview,
        respond: @escaping @Sendable (RecordedSession) throws -> StoredResponse
    ) async throws -> WriteOutcome<RecordedSession>
    /// The patient's sessions, oldest first.
    func sessions(of patient: PatientID, by actor: AuditActor) async throws -> [StoredSession]
    /// Stores a check-in with its triage; a level that raises an alert opens one in the same transaction.
    func recordCheckIn(
        _ write: CheckInWrite, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (StoredCheckIn) throws -> StoredResponse
    ) async throws -> WriteOutcome<StoredCheckIn>
    /// The patient's check-ins, oldest first.
    func checkIns(of patient: PatientID, by actor: AuditActor) async throws -> [StoredCheckIn]
    /// Stores a questionnaire response with its score.
    func recordQuestionnaire(
        _ write: QuestionnaireWrite, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (QuestionnaireResponse) throws -> StoredResponse
    ) async throws -> WriteOutcome<QuestionnaireResponse>
    /// The patient's questionnaire responses, oldest first.
    func questionnaireResponses(of patient: PatientID, by actor: AuditActor) async throws -> [QuestionnaireResponse]
    /// Stores a measurement.
    func recordMeasurement(
        _ measurement: Measurement, id: MeasurementID, for patient: PatientID, by actor: AuditActor
    ) async throws -> StoredMeasurement
    func recordMeasurements(
        _ measurements: [Measurement], for patient: PatientID, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable ([StoredMeasurement]) throws -> StoredResponse
    ) async throws -> WriteOutcome<[StoredMeasurement]>
    /// The patient's measurements, oldest first, struck ones included with their strike.
    func measurements(of patient: PatientID, by actor: AuditActor) async throws -> [StoredMeasurement]
    /// Strikes out a measurement entered by mistake (audited); it stays stored but no longer counts. Striking one
    /// already struck out, or one of another patient, is `notFound`.
    func strikeMeasurement(
        _ id: MeasurementID, of patient: PatientID, reason: String, by actor: AuditActor
    ) async throws -> StoredMeasurement
}

/// Alerts for clinicians.
public protocol AlertRepository: Sendable {
    /// Opens an alert.
    func raiseAlert(_ alert: NewAlert, for patient: PatientID, by actor: AuditActor) async throws -> StoredAlert
    /// Open alerts of the clinician's own patients, newest first.
    func openAlerts(clinician: AccountID) async throws -> [StoredAlert]
    /// All alerts of one patient, newest first.
    func alerts(of patient: PatientID, by actor: AuditActor) async throws -> [StoredAlert]
    /// Acknowledges an alert; acknowledging twice keeps the first acknowledgement.
    func acknowledgeAlert(_ id: AlertID, by actor: AuditActor) async throws -> StoredAlert
}

/// The append-only audit log.
public protocol AuditLog: Sendable {
    /// Appends an entry.
    func appendAudit(_ entry: AuditEntry) async throws
    /// Entries, newest first.
    func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry]
    /// Entries with names, newest first, for an admin (or the system); anyone else gets `notFound`.
    func auditTrail(_ query: AuditQuery, by actor: AuditActor) async throws -> [AuditTrailEntry]
}

/// Idempotency records for writes that have no domain method of their own.
public protocol IdempotencyStore: Sendable {
    /// The stored response for a retry; nil for a new key; `conflict` when the key came with another body.
    func storedResponse(for key: IdempotencyKey) async throws -> StoredResponse?
    /// Stores the response for a key; `conflict` when the key is already stored with another body.
    func storeResponse(_ response: StoredResponse, for key: IdempotencyKey, at: Date) async throws
}

/// Web sessions, shared by every server instance.
public protocol SignInStore: Sendable {
    /// Stores a new session.
    func createSignIn(_ session: SignInToken) async throws
    /// The session for a token hash, nil when unknown or ended at `now` (its absolute or its idle end).
    func signInToken(tokenHash: String, now: Date) async throws -> SignInToken?
    /// The session, its account and the account's patient in one read (what every signed-in request needs);
    /// nil when the token is unknown or expired at `now`.
    func signedIn(tokenHash: String, now: Date) async throws -> SignedIn?
    /// Records that the session was used at `at` (moving its idle end), unless a later use is recorded already.
    func touchSignIn(tokenHash: String, at: Date) async throws
    /// Signs out.
    func deleteSignIn(tokenHash: String) async throws
    /// Removes sessions ended at `now` (absolute or idle); returns how many.
    func deleteExpiredSignIns(now: Date) async throws -> Int
}

/// Everything the web app needs from storage; both engines conform.
public typealias RehabStore = AccountRepository & AlertRepository & AuditLog & ClinicalDataRepository
    & IdempotencyStore & PatientRepository & PlanRepository & SignInStore & TimeLogRepository
    & CalendarFeedRepository & MessageRepository & OutboxRepository & SecondFactorStore

/// A patient's calendar settings and private feed link (stored as a hash; a new link replaces the old).
public protocol CalendarFeedRepository: Sendable {
    /// The patient's settings, nil until they chose any.
    func calendarFeed(of patient: PatientID, by actor: AuditActor) async throws -> StoredCalendarFeed?
    /// Saves the patient's settings, keeping the link.
    func saveCalendarSettings(_ settings: CalendarSettings, for patient: PatientID, by actor: AuditActor) async throws
    /// Stores the hash of a new private link, which replaces (revokes) any earlier one; the settings stay.
    func setCalendarLink(tokenHash: String, defaults: CalendarSettings, for patient: PatientID, by actor: AuditActor)
        async throws
    /// The feed a private link's token hash opens, nil for an unknown or revoked link.
    func calendarFeed(tokenHash: String) async throws -> StoredCalendarFeed?
}

/// The clinician's RTM time log: minutes spent on a patient's remote monitoring, append-only and audited.
public protocol TimeLogRepository: Sendable {
    /// Stores one entry by the acting clinician (`notFound` for a patient they may not see).
    func logTime(
        _ entry: TimeEntry, for patient: PatientID, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (StoredTimeEntry) throws -> StoredResponse
    ) async throws -> WriteOutcome<StoredTimeEntry>
    /// The patient's entries, oldest first.
    func timeEntries(of patient: PatientID, by actor: AuditActor) async throws -> [StoredTimeEntry]
    /// The entries of a clinician's patients dated `from...to`, oldest first (the RTM month).
    func timeEntries(clinician: AccountID, from: CalendarDate, to: CalendarDate) async throws -> [StoredTimeEntry]
}

extension PlanRepository {
    /// Changes the program without an idempotency key.
    public func changeProgram(
        _ change: ProgramChange, for patient: PatientID, by actor: AuditActor,
        draft: @escaping @Sendable (PatientRecord) throws -> PlanDraft
    ) async throws -> PlanRevision {
        let outcome = try await changeProgram(
            change, for: patient, idempotency: nil, by: actor, draft: draft,
            respond: { _ in StoredResponse(status: 201, body: Data()) })
        guard let revision = outcome.created else { throw StorageError(.invalid, "changeProgram: replay") }
        return revision
    }
}

extension PatientRepository {
    /// Adds a patient without an idempotency key.
    public func createPatient(_ new: NewPatient, by actor: AuditActor) async throws -> Patient {
        let outcome = try await createPatient(
            new, idempotency: nil, by: actor, respond: { _ in StoredResponse(status: 201, body: Data()) })
        guard let patient = outcome.created else { throw StorageError(.invalid, "createPatient: replay") }
        return patient
    }
}
