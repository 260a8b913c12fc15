import Foundation
import PostgresNIO
import RehabCore
import RehabStorageKit

/// `recordSession`, the hot write: optimistic first, locked when another write got in between.
///
/// The optimistic path takes no row lock. When this instance has the patient's history cached (it wrote or read
/// it last), the review runs on that and one statement inserts everything, but only if the history's version has
/// not moved (compare and swap): one round trip, like a bare INSERT. Otherwise, or when the version has moved, one
/// statement reads the patient, the version, the current plan revision and any stored response (and one more the
/// history, when it is not cached at that version), and the insert runs with the same check. Every other write
/// to a patient's history moves the version under the row lock (`StoreTransaction.lock`), so an unmoved version
/// means the review saw the whole history. When it has moved again, the write runs the locked way, which cannot
/// lose that race.
extension PostgresStore {
    public func recordSession(
        _ write: SessionWrite, idempotency: IdempotencyKey?, by actor: AuditActor,
        review: @escaping @Sendable (PatientRecord) throws -> SessionReview,
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
        var actor: AuditActor
        var review: @Sendable (PatientRecord) throws -> SessionReview
        var respond: @Sendable (RecordedSession) throws -> StoredResponse
    }

    /// PostgreSQL's write base (see `RehabStorageKit.WriteBase`): every change to any of it moves `history_version`, so
    /// it is fixed while the version stands.
    typealias WriteBase = RehabStorageKit.WriteBase<Int64>

    /// The optimistic path; nil when the history's version moved before the insert (nothing was stored).
    private func recordOptimistically(_ request: SessionRequest) async throws -> WriteOutcome<RecordedSession>? {
        let cache = records
        let patient = request.write.patientID
        return try await transaction("recordSession", singleStatement: true) { tx in
            if let cached = cache.latest(patient),
                let outcome = try await Self.write(request, cached.history, at: cached.version, cache, tx)
            {
                return outcome
            }
            let (base, replay) = try await Self.sessionBase(tx, request)
            if let replay { return .replayed(replay) }
            if let cached = cache.history(patient, at: base) {
                return try await Self.write(request, cached, at: base, cache, tx)
            }
            let read = try await Self.history(tx, patient)
            guard read.version == base.version else { return nil }
            cache.store(read.cacheable, at: base, for: patient)
            return try await Self.write(request, read.cacheable, at: base, cache, tx)
        }
    }

    /// Reviews and inserts at `base`, outside a transaction; nil when the version had moved (nothing was stored).
    private static func write(
        _ request: SessionRequest, _ history: RecordCache<WriteBase>.History, at base: WriteBase,
        _ cache: RecordCache<WriteBase>, _ tx: StoreTransaction
    ) async throws -> WriteOutcome<RecordedSession>? {
        let (recorded, response) = try prepare(request, history, base)
        switch try await insert(recorded, request, response, expecting: base.version, tx) {
        case .versionMoved: return nil
        case .keyTaken: throw IdempotencyRace()
        case .inserted:
            // Committed (one statement): the cached history takes the session.
            let patient = request.write.patientID
            cache.append(request.write.session, to: patient, after: base, now: base.next(storing: recorded.revision))
            return .created(recorded, response)
        }
    }

    /// The locked path: one transaction that holds the patient row from the first statement to COMMIT.
    private func recordLocked(_ request: SessionRequest) async throws -> WriteOutcome<RecordedSession> {
        let patient = request.write.patientID
        let (outcome, read) = try await transaction("recordSession") { tx in
            let locked = try await tx.lock(patient, request.actor, "recordSession", replaying: request.key)
            if let replay = locked.replay {
                return (WriteOutcome<RecordedSession>.replayed(replay), (History, WriteBase, PlanRevision?)?.none)
            }
            let history = try await Self.history(tx, patient)
            let base = WriteBase(
                version: locked.version, surgery: locked.surgery, phase: locked.phase,
                planNumber: history.currentRevision, planSignature: history.currentSignature,
                discharge: locked.discharge)
            let (recorded, response) = try Self.prepare(request, history.cacheable, base)
            switch try await Self.insert(recorded, request, response, expecting: locked.version, tx) {
            case .versionMoved: throw StorageError(.conflict, "recordSession: history")
            case .keyTaken: throw IdempotencyRace()
            case .inserted: return (.created(recorded, response), (history, base, recorded.revision))
            }
        }
        if let (history, base, revision) = read {
            // Committed: the history read under the lock (at the version the lock moved to) plus the new session is
            // the history at the version the insert moved to.
            records.store(history.cacheable, at: base, for: patient)
            records.append(request.write.session, to: patient, after: base, now: base.next(storing: revision))
        }
        return outcome
    }

    /// The optimistic path's first read, in one statement and one snapshot: the write's base, and the response
    /// stored under the request's key, if any.
    private static func sessionBase(
        _ tx: StoreTransaction, _ request: SessionRequest
    ) async throws -> (WriteBase, StoredResponse?) {
        let key = request.key
        let row = try await tx.rows(SessionBaseQuery(patient: request.write.patientID, key: key, actor: request.actor))
            .first
        guard let row else { throw StorageError(.notFound, "recordSession: patient") }
        let (kind, side, date, phase, version, number, signature, hash, status, body, discharge) = try row.decode(
            (String, String, String, String?, Int64, Int?, String?, String?, Int?, Data?, String?).self)
        let base = WriteBase(
            version: version, surgery: try surgery(kind: kind, side: side, date: date), phase: phase,
            planNumber: number, planSignature: signature, discharge: try Self.discharge(discharge))
        return (base, try StoreTransaction.replay(key, hash: hash, status: status, body: body))
    }

    /// Reviews the history with the new session and builds what to store: the session, a revision when the review
    /// asks for new doses, and the response to keep under the idempotency key.
    private static func prepare(
        _ request: SessionRequest, _ history: RecordCache<WriteBase>.History, _ base: WriteBase
    ) throws -> (RecordedSession, StoredResponse?) {
        let write = request.write
        let at = request.actor.at
        let reviewed = try base.review(write.session, after: history, by: request.review)
        let draft = reviewed.draft?.draft
        let planNumber = base.planNumber
        let stored = StoredSession(
            id: write.id, patientID: write.patientID, session: write.session, planRevision: planNumber,
            note: write.note, createdAt: at)
        let revision = draft.map { draft in
            PlanRevision(
                id: .generate(), patientID: write.patientID, number: (planNumber ?? 0) + 1, previous: planNumber,
                effectiveDate: draft.effectiveDate, author: draft.author, reason: draft.reason, plan: draft.plan,
                createdAt: at)
        }
        let recorded = RecordedSession(session: stored, revision: revision, alerts: reviewed.alerts)
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
            audit: AuditEntry(request.actor, .sessionCreate, patient: recorded.session.patientID),
            programNote: request.write.programNote)
        let (moved, inserted) = try await tx.rows(query).first?.decode((Int, Int).self) ?? (0, 0)
        if moved == 0 { return .versionMoved }
        return inserted == 0 ? .keyTaken : .inserted
    }
}

extension RehabStorageKit.WriteBase<Int64> {
    /// The base once a session written at this one has committed (the version moves on by one), with `revision`
    /// if it stored one.
    func next(storing revision: PlanRevision?) -> Self {
        next(version + 1, storing: revision.map { ($0.number, $0.plan.doseSignature) })
    }
}
