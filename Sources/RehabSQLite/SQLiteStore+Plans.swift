import Foundation
import GRDB
import RehabCore
import RehabStorageKit

extension SQLiteStore: PlanRepository {
    public func appendPlanRevision(
        _ draft: PlanDraft, for patient: PatientID, expectedPrevious: Int?, by actor: AuditActor
    ) async throws -> PlanRevision {
        try await write("appendPlanRevision") { db in
            try Visibility.require(db, patient, actor, "appendPlanRevision")
            let current = try Self.currentNumber(db, patient)
            guard current == expectedPrevious else { throw StorageError(.conflict, "appendPlanRevision: revision") }
            let revision = try Self.insertRevision(db, draft, patient, after: current, at: actor.at)
            try Self.audit(db, actor, .planRevise, patient: patient)
            return revision
        }
    }

    public func currentPlanRevision(of patient: PatientID, by actor: AuditActor) async throws -> PlanRevision? {
        try await read("currentPlanRevision") { db in
            try Visibility.require(db, patient, actor, "currentPlanRevision")
            return try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT * FROM plan_revisions WHERE patient_id = ? ORDER BY number DESC LIMIT 1"),
                arguments: [patient.text]
            ).map(Self.revision)
        }
    }

    public func planRevisions(of patient: PatientID, by actor: AuditActor) async throws -> [PlanRevision] {
        try await read("planRevisions") { db in
            try Visibility.require(db, patient, actor, "planRevisions")
            return try Self.planRevisions(db, patient)
        }
    }

    static func planRevisions(_ db: Database, _ patient: PatientID) throws -> [PlanRevision] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM plan_revisions WHERE patient_id = ? ORDER BY number"),
            arguments: [patient.text]
        ).map(Self.revision)
    }

    public func changeProgram(
        _ change: ProgramChange, for patient: PatientID, idempotency: IdempotencyKey?, by actor: AuditActor,
        draft: @escaping @Sendable (PatientRecord) throws -> PlanDraft,
        respond: @escaping @Sendable (PlanRevision) throws -> StoredResponse
    ) async throws -> WriteOutcome<PlanRevision> {
        try await idempotent("changeProgram", idempotency, actor, respond) { db in
            switch actor.access {
            case .clinician, .system: return try Self.applyChange(db, change, patient, actor, draft)
            case .admin, .patient: throw StorageError(.notFound, "changeProgram: patient")
            }
        }
    }

    private static func applyChange(
        _ db: Database, _ change: ProgramChange, _ patient: PatientID, _ actor: AuditActor,
        _ draft: (PatientRecord) throws -> PlanDraft
    ) throws -> PlanRevision {
        try Visibility.require(db, patient, actor, "changeProgram")
        for prescription in change.prescriptions {
            try db.cachedStatement(
                sql: """
                    INSERT INTO prescriptions (id, patient_id, date, prescription_json, author_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    UUID().lowercasedText, patient.text, prescription.date.description,
                    try StorageCoding.encode(prescription, "prescription"), actor.accountID?.text, actor.at.ms,
                ])
        }
        if let surgery = change.surgery {
            try db.cachedStatement(
                sql: """
                    UPDATE patients SET surgery_kind = ?, surgery_side = ?, surgery_date = ?,
                    confirmed_phase = CASE WHEN surgery_kind = ? THEN confirmed_phase END WHERE id = ?
                    """
            ).execute(
                arguments: [
                    surgery.kind.rawValue, surgery.side.rawValue, surgery.date.description, surgery.kind.rawValue,
                    patient.text,
                ])
        }
        if let phase = change.confirmPhase {
            try db.cachedStatement(
                sql: "UPDATE patients SET confirmed_phase = ? WHERE id = ?"
            ).execute(arguments: [phase, patient.text])
        }
        switch change.episode {
        case .discharge(let discharge):
            try db.cachedStatement(sql: "UPDATE patients SET discharge_json = ? WHERE id = ?")
                .execute(arguments: [try StorageCoding.encode(discharge, "discharge"), patient.text])
        case .reopen:
            try db.cachedStatement(sql: "UPDATE patients SET discharge_json = NULL WHERE id = ?")
                .execute(arguments: [patient.text])
        case nil: break
        }
        let record = try loadRecord(db, patient, actor)
        let revision = try insertRevision(
            db, try draft(record), patient, after: try currentNumber(db, patient), at: actor.at)
        try audit(db, actor, change.auditAction, patient: patient)
        return revision
    }

    // MARK: - Rows

    static func currentNumber(_ db: Database, _ patient: PatientID) throws -> Int? {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT max(number) FROM plan_revisions WHERE patient_id = ?"),
            arguments: [patient.text])
    }

    /// Inserts the revision after `previous`; `planJSON` is the draft's plan already encoded, when the caller has it.
    static func insertRevision(
        _ db: Database, _ draft: PlanDraft, _ patient: PatientID, after previous: Int?, at: Date,
        planJSON: String? = nil
    ) throws -> PlanRevision {
        let revision = PlanRevision(
            id: .generate(), patientID: patient, number: (previous ?? 0) + 1, previous: previous,
            effectiveDate: draft.effectiveDate, author: draft.author, reason: draft.reason, plan: draft.plan,
            createdAt: at)
        try db.cachedStatement(
            sql: """
                INSERT INTO plan_revisions (id, patient_id, number, previous, effective_date, author, reason,
                plan_json, created_at, dose_signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                revision.id.text, patient.text, revision.number, previous, draft.effectiveDate.description,
                draft.author.storedValue, draft.reason, try planJSON ?? StorageCoding.encode(draft.plan, "plan"), at.ms,
                draft.plan.doseSignature,
            ])
        return revision
    }

    static func revision(_ row: Row) throws -> PlanRevision {
        guard let author = PlanAuthor(storedValue: try row.string("author")) else {
            throw StorageError(.invalid, "plan_revisions.author")
        }
        return PlanRevision(
            id: try row.uuid("id"), patientID: try row.uuid("patient_id"), number: row["number"] ?? 0,
            previous: row["previous"], effectiveDate: try row.day("effective_date"), author: author,
            reason: try row.string("reason"), plan: try row.document("plan_json", as: Plan.self),
            createdAt: try row.time("created_at"))
    }
}
