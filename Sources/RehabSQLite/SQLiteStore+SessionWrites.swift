import Foundation
import GRDB
import RehabCore
import RehabStorageKit

/// Session writes, with their review worked out before they reach the single writer when the history is cached.
///
/// Every write waits for the one before it, so the writer should do little more than read and insert. When the
/// patient's history is in the record cache, the caller's task reviews the plan first and encodes the rows' JSON;
/// the writer then reads the patient's write base (one statement) and stores that work only if the base is still
/// the one the review saw; otherwise (another write came first) it reviews again on the history at the new base.
/// Either way the review saw exactly the history the session joins.
///
/// When the history is not cached, the writer reads it itself. A history the cache would keep is read once that
/// way and then kept, and a second write of the same patient queued behind it finds it cached; reading it on a
/// reader instead cost a round trip to one of the two reader connections for every write that missed, and when a
/// hundred new patients started writing at once (the load test's paced run) those reads queued for 3–7 ms each.
/// Any other history (the cache is off, or it turned the patient's history away or dropped it: too large, no room
/// beside the patients in use, or idle when room was needed) is read and decoded on a reader, beside the writer: it
/// may be long, and may be read again on the next write. So the writer reads only the histories of patients the
/// cache has not met yet, once each.
extension SQLiteStore {
    public func recordSession(
        _ write: SessionWrite, idempotency: IdempotencyKey?, by actor: AuditActor,
        review: @escaping @Sendable (PatientRecord) throws -> SessionReview,
        respond: @escaping @Sendable (RecordedSession) throws -> StoredResponse
    ) async throws -> WriteOutcome<RecordedSession> {
        let cache = records
        let sessionJSON = try StorageCoding.encode(write.session, "session")
        let prepared: ReviewedSession?
        if let cached = cache.latest(write.patientID) {
            prepared = ReviewedSession(
                prepared: write.session, history: cached.history, at: cached.version, review: review)
        } else if cache.wouldKeep(write.patientID) {
            prepared = nil
        } else {
            let loaded = try await read("recordSession") { db in
                try Self.loadVersionedRecord(db, write.patientID, actor, cache: cache)
            }
            prepared = ReviewedSession(
                prepared: write.session, history: loaded.history, at: loaded.base, review: review)
        }
        return try await idempotent(
            "recordSession", idempotency, actor, respond,
            body: { db in
                let base = try Self.writeBase(db, write.patientID, actor)
                let reviewed: ReviewedSession
                if let prepared, prepared.base == base {
                    reviewed = prepared
                } else {
                    let history = try Self.history(db, write.patientID, at: base, cache: cache)
                    reviewed = try ReviewedSession(write.session, history: history, at: base, review: review)
                }
                let stored = StoredSession(
                    id: write.id, patientID: write.patientID, session: write.session, planRevision: base.planNumber,
                    note: write.note, createdAt: actor.at)
                try Self.insertSession(db, stored, json: sessionJSON)
                let rowID = db.lastInsertedRowID
                if let note = write.programNote {
                    _ = try Self.insertMessage(
                        db, NewMessage(patientID: write.patientID, author: .program, text: note), account: nil,
                        at: actor.at)
                }
                let planned = try reviewed.draft.map { draft in
                    let revision = try Self.insertRevision(
                        db, draft.draft, write.patientID, after: base.planNumber, at: actor.at, planJSON: draft.json)
                    return (revision: revision, signature: draft.signature)
                }
                try Self.audit(db, actor, .sessionCreate, patient: write.patientID)
                var version = base.version
                version.sessions = rowID
                let next = base.next(version, storing: planned.map { ($0.revision.number, $0.signature) })
                let recorded = RecordedSession(session: stored, revision: planned?.revision, alerts: reviewed.alerts)
                return (recorded, (base, next))
            },
            afterCommit: { base, next in
                // The cached history takes the session, if it is still the one this write read.
                cache.append(write.session, to: write.patientID, after: base, now: next)
            })
    }
}

/// A session's review at one write base: the plan draft to store (nil when the doses stay as they are), with its
/// JSON and dose signature.
struct ReviewedSession: Sendable {
    /// A draft ready to insert.
    struct Draft: Sendable {
        var draft: PlanDraft
        var json: String
        var signature: String
    }

    let base: SQLiteStore.WriteBase
    let draft: Draft?
    let alerts: [PlanAlert]

    /// Reviews the history with the session appended (see `WriteBase.review`) and encodes any draft's plan.
    init(
        _ session: ExerciseSession, history: SQLiteStore.HistoryCache.History, at base: SQLiteStore.WriteBase,
        review: (PatientRecord) throws -> SessionReview
    ) throws {
        self.base = base
        let reviewed = try base.review(session, after: history, by: review)
        alerts = reviewed.alerts
        draft = try reviewed.draft.map { found in
            Draft(
                draft: found.draft, json: try StorageCoding.encode(found.draft.plan, "plan"),
                signature: found.signature)
        }
    }

    /// The same before the writer; nil when it fails (the writer then reviews again, on the record as stored, and
    /// reports any error from there).
    init?(
        prepared session: ExerciseSession, history: SQLiteStore.HistoryCache.History, at base: SQLiteStore.WriteBase,
        review: (PatientRecord) throws -> SessionReview
    ) {
        guard let reviewed = try? ReviewedSession(session, history: history, at: base, review: review) else {
            return nil
        }
        self = reviewed
    }
}
