import Foundation
import PostgresNIO
import RehabCore

/// `recordSession`, the hot write: optimistic first, locked when another write got in between.
///
/// The optimistic path takes two round trips and no row lock: one statement reads the patient, the history's
/// version, the current plan revision and any stored response; the review runs on the cached history (a third
/// round trip reads the history when it is not cached); one statement then inserts everything, but only if the
/// version has not moved (compare and swap). Every other write to a patient's history moves the version under
/// the row lock (`StoreTransaction.lock`), so an unmoved version means the review saw the whole history. When it
/// has moved, the write runs again the locked way, which cannot lose that race.
extension PostgresStore {
    public func recordSession(
        _ write: SessionWrite, idempotency: IdempotencyKey?, by actor: Actor,
        review: @escaping @Sendable (PatientRecord) throws -> PlanDraft?,
        respond: @escaping @Sendable (RecordedSession) throws -> StoredResponse
    ) async throws -> WriteOutcome<RecordedSession> {
        let request = SessionRequest(write: write, key: idempotency, actor: actor, review: review, respond: respond)
        return try await replayingLostRace("recordSession", idempotency) {
            if let outcome = try await self.recordOptimistically(request) { return outcome }
            return try await self.recordLocked(request)
        }
    }

    /// One `recordSession` call's arguments.
    struct SessionRequest: Sendable {
        var write: SessionWrite
        var key: IdempotencyKey?
        var actor: Actor
        var review: @Sendable (PatientRecord) throws -> PlanDraft?
        var respond: @Sendable (RecordedSession) throws -> StoredResponse
    }

    /// The optimistic path; nil when the history's version moved before the insert (nothing was stored).
    private func recordOptimistically(_ request: SessionRequest) async throws -> WriteOutcome<RecordedSession>? {
        let cache = records
        let patient = request.write.patientID
        return try await transaction("recordSession", singleStatement: true) { tx in
            let base = try await Self.sessionBase(tx, request)
            if let replay = base.replay { return .replayed(replay) }
            var history: RecordCache<Int64>.History
            if let cached = cache.history(patient, at: base.version) {
                history = cached
            } else {
                let read = try await Self.history(tx, patient)
                guard read.version == base.version else { return nil }
                history = read.cacheable
                cache.store(history, at: base.version, for: patient)
            }
            let record = PatientRecord(
                surgery: base.surgery, phase: base.phase, sessions: history.sessions, checkIns: history.checkIns,
                measurements: history.measurements, prescriptions: history.prescriptions)
            let (recorded, response) = try Self.prepare(
                request, record, planNumber: base.planNumber, planSignature: base.planSignature)
            switch try await Self.insert(recorded, request, response, expecting: base.version, tx) {
            case .versionMoved: return nil
            case .keyTaken: throw IdempotencyRace()
            case .inserted:
                cache.append(request.write.session, to: patient, after: base.version, now: base.version + 1)
                return .created(recorded, response)
            }
        }
    }

    /// The locked path: one transaction that holds the patient row from the first statement to COMMIT.
    private func recordLocked(_ request: SessionRequest) async throws -> WriteOutcome<RecordedSession> {
        let patient = request.write.patientID
        let (outcome, read) = try await transaction("recordSession") { tx in
            let locked = try await tx.lock(patient, request.actor, "recordSession", replaying: request.key)
            if let replay = locked.replay { return (WriteOutcome<RecordedSession>.replayed(replay), History?.none) }
            let history = try await Self.history(tx, patient)
            let record = PatientRecord(
                surgery: locked.surgery, phase: locked.phase, sessions: history.sessions, checkIns: history.checkIns,
                measurements: history.measurements, prescriptions: history.prescriptions)
            let (recorded, response) = try Self.prepare(
                request, record, planNumber: history.currentRevision, planSignature: history.currentSignature)
            switch try await Self.insert(recorded, request, response, expecting: locked.version, tx) {
            case .versionMoved: throw StorageError(.conflict, "recordSession: history")
            case .keyTaken: throw IdempotencyRace()
            case .inserted: return (.created(recorded, response), history)
            }
        }
        if let read {
            // Committed: the history read under the lock (at the version the lock moved to) plus the new session is
            // the history at the version the insert moved to.
            records.store(read.cacheable, at: read.version, for: patient)
            records.append(request.write.session, to: patient, after: read.version, now: read.version + 1)
        }
        return outcome
    }

    /// What the optimistic path reads first, in one statement and one snapshot.
    private struct SessionBase {
        var surgery: Surgery
        var phase: String?
        var version: Int64
        var planNumber: Int?
        var planSignature: String?
        var replay: StoredResponse?
    }

    private static func sessionBase(_ tx: StoreTransaction, _ request: SessionRequest) async throws -> SessionBase {
        let key = request.key
        let row = try await tx.rows(SessionBaseQuery(patient: request.write.patientID, key: key, actor: request.actor))
            .first
        guard let row else { throw StorageError(.notFound, "recordSession: patient") }
        let (kind, side, date, phase, version, number, signature, hash, status, body) = try row.decode(
            (String, String, String, String?, Int64, Int?, String?, String?, Int?, Data?).self)
        return SessionBase(
            surgery: try surgery(kind: kind, side: side, date: date), phase: phase, version: version,
            planNumber: number, planSignature: signature,
            replay: try StoreTransaction.replay(key, hash: hash, status: status, body: body))
    }

    /// Reviews the record with the new session and builds what to store: the session, a revision when the review
    /// asks for new doses, and the response to keep under the idempotency key.
    private static func prepare(
        _ request: SessionRequest, _ record: PatientRecord, planNumber: Int?, planSignature: String?
    ) throws -> (RecordedSession, StoredResponse?) {
        let write = request.write
        let at = request.actor.at
        let draft = try request.review(StorageCoding.appending(write.session, to: record))
            .flatMap { $0.plan.doseSignature == planSignature ? nil : $0 }
        let stored = StoredSession(
            id: write.id, patientID: write.patientID, session: write.session, planRevision: planNumber,
            note: write.note, createdAt: at)
        let revision = draft.map { draft in
            PlanRevision(
                id: .generate(), patientID: write.patientID, number: (planNumber ?? 0) + 1, previous: planNumber,
                effectiveDate: draft.effectiveDate, author: draft.author, reason: draft.reason, plan: draft.plan,
                createdAt: at)
        }
        let recorded = RecordedSession(session: stored, revision: revision)
        return (recorded, try request.key.map { _ in try request.respond(recorded) })
    }

    /// What the insert did.
    private enum SessionInsert { case inserted, versionMoved, keyTaken }

    /// Runs `SessionInsertQuery`.
    private static func insert(
        _ recorded: RecordedSession, _ request: SessionRequest, _ response: StoredResponse?, expecting expected: Int64,
        _ tx: StoreTransaction
    ) async throws -> SessionInsert {
        let query = SessionInsertQuery(
            recorded: recorded, expected: expected, actor: request.actor, key: request.key, response: response,
            audit: AuditEntry(request.actor, "session.create", patient: recorded.session.patientID))
        let (moved, inserted) = try await tx.rows(query).first?.decode((Int, Int).self) ?? (0, 0)
        if moved == 0 { return .versionMoved }
        return inserted == 0 ? .keyTaken : .inserted
    }
}
