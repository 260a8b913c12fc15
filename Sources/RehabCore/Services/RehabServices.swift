import Foundation

/// The clinic's use cases over the repository protocols: logging a session, a check-in or a questionnaire,
/// starting a patient's program, and computing the day's plan.
///
/// Every door (web pages, API, command line) calls these, so validation, the progression engine and the audit
/// trail are the same whichever way data arrives. No I/O happens here except through `store`.
public struct RehabServices: Sendable {
    /// Where everything is kept.
    public let store: any RehabStore
    /// The clinical catalog.
    public let catalog: Catalog
    /// The one plan engine.
    public let engine: PlanEngine
    /// Questionnaire scoring tables.
    public let questionnaires: QuestionnaireCatalog

    /// Makes the services over a store and a validated catalog.
    public init(store: any RehabStore, catalog: Catalog, questionnaires: QuestionnaireCatalog) {
        self.store = store
        self.catalog = catalog
        self.engine = PlanEngine(catalog: catalog)
        self.questionnaires = questionnaires
    }

    /// The catalog's thresholds that order the clinician's worklist and choose its badges.
    public var worklistPolicy: WorklistPolicy { WorklistPolicy(catalog.progression) }

    /// The ids of every exercise in the catalog, for validating what a patient reports.
    public var knownExercises: Set<ExerciseID> { Set(catalog.exercises.keys) }

    /// The patient's plan for `date`, computed by the engine from everything stored (the read is audited).
    public func plan(for patient: Patient, on date: CalendarDate, by actor: AuditActor) async throws -> Plan {
        let record = try await store.record(of: patient.id, by: actor)
        return try engine.review(record, on: max(date, patient.surgery.date))
    }

    /// Adds a patient for a clinician and stores the first plan revision: the protocol's starting program.
    ///
    /// The invite code is made and hashed by the caller; only its hash reaches the store. With an idempotency key,
    /// a retry replays the first response (`respond` makes it) and adds no second patient.
    public func startProgram(
        name: String, email: String, surgery: Surgery, clinician: AccountID, inviteCodeHash: String,
        inviteExpiresAt: Date, today: CalendarDate, idempotency: IdempotencyKey? = nil, by actor: AuditActor,
        respond: @escaping @Sendable (Patient) throws -> StoredResponse = { _ in
            StoredResponse(status: 201, body: Data())
        }
    ) async throws -> WriteOutcome<Patient> {
        try TextInput.check(name, field: "name")
        try TextInput.check(email, field: "email")
        let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let trimmedEmail = email.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmedName.isEmpty else { throw InvalidInput(field: "name", problem: "is empty") }
        guard trimmedName.count <= 200 else { throw InvalidInput(field: "name", problem: "is over 200 characters") }
        guard trimmedEmail.contains("@"), !trimmedEmail.contains(" "), trimmedEmail.count <= 320 else {
            throw InvalidInput(field: "email", problem: "is not an email address")
        }
        let plan = try engine.plan(for: surgery, on: max(today, surgery.date))
        let draft = PlanDraft(
            effectiveDate: plan.date, author: .clinician(clinician),
            reason: "Program started from the \(catalog.protocol(for: surgery.kind).name) protocol.", plan: plan)
        let new = NewPatient(
            clinicianID: clinician, name: trimmedName, email: trimmedEmail, surgery: surgery,
            inviteCodeHash: inviteCodeHash, inviteExpiresAt: inviteExpiresAt, firstPlan: draft)
        return try await store.createPatient(new, idempotency: idempotency, by: actor, respond: respond)
    }
}
