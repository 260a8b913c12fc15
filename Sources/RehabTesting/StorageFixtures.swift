import Foundation
import RehabCore

/// A failed conformance check: the message names the case and the expectation, never stored patient data.
public struct ConformanceFailure: Error, CustomStringConvertible {
    /// What was expected.
    public let message: String
    /// Where in the suite.
    public let line: Int
    public var description: String { "conformance line \(line): \(message)" }
}

/// Fails the case unless `condition` holds.
func expect(_ condition: Bool, _ message: @autoclosure () -> String, line: Int = #line) throws {
    if !condition { throw ConformanceFailure(message: message(), line: line) }
}

/// Fails the case unless `body` throws a `StorageError` with `code`.
func expectStorageError(
    _ code: StorageError.Code, _ message: String, line: Int = #line, _ body: () async throws -> Void
) async throws {
    do {
        try await body()
    } catch let error as StorageError {
        try expect(error.code == code, "\(message): got \(error.code), wanted \(code)", line: line)
        return
    }
    throw ConformanceFailure(message: "\(message): no error, wanted \(code)", line: line)
}

/// A small clinic made fresh for each case: two clinicians, each with one patient. Emails are unique per run so
/// cases can share one PostgreSQL database.
public struct StorageClinic: Sendable {
    /// The store under test.
    public let store: any RehabStore
    /// The first clinician and their patient.
    public let clinicianA: Account, patientA: Patient
    /// The second clinician and their patient.
    public let clinicianB: Account, patientB: Patient
    /// A fixed time, whole seconds so every engine round-trips it exactly.
    public static let now = Date(timeIntervalSince1970: 1_795_000_000)
    /// The bundled catalog's worklist thresholds.
    public static let policy = WorklistPolicy(Catalog.bundled.progression)
    /// The surgery day of both patients.
    public static let surgeryDate = CalendarDate(year: 2026, month: 10, day: 1) ?? CalendarDate(dayNumber: 0)

    /// The system actor.
    public static var system: AuditActor { AuditActor(.system, origin: "test", at: now) }
    /// Clinician A acting.
    public var asA: AuditActor { AuditActor(.clinician(clinicianA.id), origin: "127.0.0.1", at: Self.now) }
    /// Clinician B acting.
    public var asB: AuditActor { AuditActor(.clinician(clinicianB.id), origin: "127.0.0.1", at: Self.now) }
    /// Patient A acting.
    public var asPatientA: AuditActor {
        AuditActor(.patient(account: patientA.accountID, patient: patientA.id), origin: "127.0.0.1", at: Self.now)
    }

    /// Makes the clinic in `store`.
    public static func make(_ store: any RehabStore, names: (String, String) = ("Ana Pérez", "Ben Okoro"))
        async throws -> StorageClinic
    {
        let run = UUID().uuidString.prefix(8).lowercased()
        let a = try await store.createAccount(
            NewAccount(role: .clinician, email: "a-\(run)@clinic.test", name: "Dr A", passwordHash: "h"), by: system)
        let b = try await store.createAccount(
            NewAccount(role: .clinician, email: "b-\(run)@clinic.test", name: "Dr B", passwordHash: "h"), by: system)
        let pa = try await store.createPatient(newPatient(a.id, names.0, "pa-\(run)@example.test"), by: system)
        let pb = try await store.createPatient(newPatient(b.id, names.1, "pb-\(run)@example.test"), by: system)
        return StorageClinic(store: store, clinicianA: a, patientA: pa, clinicianB: b, patientB: pb)
    }

    /// A new-patient request with a random invite code hash valid for a week.
    public static func newPatient(_ clinician: AccountID, _ name: String, _ email: String) -> NewPatient {
        NewPatient(
            clinicianID: clinician, name: name, email: email,
            surgery: Surgery(kind: .totalKneeReplacement, side: .left, date: surgeryDate),
            inviteCodeHash: "invite-\(UUID().uuidString)", inviteExpiresAt: now.addingTimeInterval(7 * 86_400))
    }

    /// A session on `day` days after surgery.
    public static func session(day: Int, painAfter: Int? = 2) -> ExerciseSession {
        ExerciseSession(
            date: surgeryDate.adding(days: day), painAfter: painAfter,
            exercises: [PerformedExercise(id: "quad-set", sets: 3, reps: 10, painDuring: 1, difficulty: .right)])
    }

    /// `review`, with the first exercise's reps set to the number of sessions, so each write's plan asks something
    /// new and stores a revision.
    public static func reviewChangingEachTime(_ record: PatientRecord) throws -> SessionReview {
        guard var draft = try review(record).draft else { return nil }
        if !draft.plan.exercises.isEmpty { draft.plan.exercises[0].reps = record.sessions.count }
        return SessionReview(draft: draft)
    }

    /// The engine's plan for the record's latest day, as a draft authored by the progression rule.
    public static func review(_ record: PatientRecord) throws -> SessionReview {
        let day = record.sessions.map(\.date).max() ?? record.surgery.date
        let plan = try engine().plan(for: record.surgery, on: day)
        return SessionReview(
            draft: PlanDraft(
                effectiveDate: day, author: .rule("progression-engine"), reason: "session logged", plan: plan))
    }

    /// The bundled plan engine, loaded once.
    public static func engine() throws -> PlanEngine {
        if let engine = cachedEngine { return engine }
        throw ConformanceFailure(message: "the bundled catalog did not load", line: #line)
    }

    private static let cachedEngine: PlanEngine? = try? PlanEngine(catalog: Catalog.load())

    /// A response body naming the session, as the web layer would store.
    public static func respond(_ recorded: RecordedSession) -> StoredResponse {
        StoredResponse(status: 201, body: Data("{\"id\":\"\(recorded.session.id)\"}".utf8))
    }
}
