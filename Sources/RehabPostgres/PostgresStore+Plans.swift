import Foundation
import PostgresNIO
import RehabCore
import RehabStorageKit

extension PostgresStore: PlanRepository {
    public func appendPlanRevision(
        _ draft: PlanDraft, for patient: PatientID, expectedPrevious: Int?, by actor: AuditActor
    ) async throws -> PlanRevision {
        try await transaction("appendPlanRevision") { tx in
            try await tx.lock(patient, actor, "appendPlanRevision")
            let current = try await Self.currentNumber(tx, patient)
            guard current == expectedPrevious else { throw StorageError(.conflict, "appendPlanRevision: revision") }
            let revision = try await Self.insertRevision(tx, draft, patient, after: current, at: actor.at)
            try await tx.audit(actor, .planRevise, patient: patient)
            return revision
        }
    }

    public func currentPlanRevision(of patient: PatientID, by actor: AuditActor) async throws -> PlanRevision? {
        try await transaction("currentPlanRevision", snapshot: true) { tx in
            try await tx.require(patient, actor, "currentPlanRevision")
            return try await tx.first(
                """
                \(unescaped: Self.revisionSelect) WHERE patient_id = \(patient.rawValue) ORDER BY number DESC LIMIT 1
                """
            ).map(Self.revision)
        }
    }

    public func planRevisions(of patient: PatientID, by actor: AuditActor) async throws -> [PlanRevision] {
        try await transaction("planRevisions", snapshot: true) { tx in
            try await tx.require(patient, actor, "planRevisions")
            return try await Self.planRevisions(tx, patient)
        }
    }

    static func planRevisions(_ tx: StoreTransaction, _ patient: PatientID) async throws -> [PlanRevision] {
        try await tx.rows("\(unescaped: Self.revisionSelect) WHERE patient_id = \(patient.rawValue) ORDER BY number")
            .map(Self.revision)
    }

    public func changeProgram(
        _ change: ProgramChange, for patient: PatientID, idempotency: IdempotencyKey?, by actor: AuditActor,
        draft: @escaping @Sendable (PatientRecord) throws -> PlanDraft,
        respond: @escaping @Sendable (PlanRevision) throws -> StoredResponse
    ) async throws -> WriteOutcome<PlanRevision> {
        switch actor.access {
        case .clinician, .system: break
        case .admin, .patient: throw StorageError(.notFound, "changeProgram: patient")
        }
        return try await idempotent("changeProgram", patient, idempotency, actor, respond) { tx in
            for prescription in change.prescriptions {
                let document = try StorageCoding.encode(prescription, "prescription")
                try await tx.execute(
                    """
                    INSERT INTO prescriptions (id, patient_id, date, prescription_json, author_id, created_at)
                    VALUES (\(UUID()), \(patient.rawValue), \(prescription.date.description)::date, \(document)::jsonb,
                    \(actor.accountID?.rawValue)::uuid, \(actor.at))
                    """)
            }
            if let surgery = change.surgery {
                try await tx.execute(
                    """
                    UPDATE patients SET surgery_kind = \(surgery.kind.rawValue), surgery_side = \(surgery.side.rawValue),
                    surgery_date = \(surgery.date.description)::date,
                    confirmed_phase = CASE WHEN surgery_kind = \(surgery.kind.rawValue) THEN confirmed_phase END
                    WHERE id = \(patient.rawValue)
                    """)
            }
            if let phase = change.confirmPhase {
                try await tx.execute("UPDATE patients SET confirmed_phase = \(phase) WHERE id = \(patient.rawValue)")
            }
            switch change.episode {
            case .discharge(let discharge):
                let document = try StorageCoding.encode(discharge, "discharge")
                try await tx.execute(
                    "UPDATE patients SET discharge_json = \(document) WHERE id = \(patient.rawValue)")
            case .reopen:
                try await tx.execute("UPDATE patients SET discharge_json = NULL WHERE id = \(patient.rawValue)")
            case nil: break
            }
            let record = try await Self.loadRecord(tx, patient, actor)
            let previous = try await Self.currentNumber(tx, patient)
            let revision = try await Self.insertRevision(tx, try draft(record), patient, after: previous, at: actor.at)
            try await tx.audit(actor, change.auditAction, patient: patient)
            return revision
        }
    }

    // MARK: - Rows

    static let revisionSelect = """
        SELECT id, patient_id, number, previous, effective_date::text, author, reason, plan_json::text, created_at
        FROM plan_revisions
        """

    /// The newest revision number; call with the patient row locked.
    static func currentNumber(_ tx: StoreTransaction, _ patient: PatientID) async throws -> Int? {
        try await tx.first("SELECT max(number) FROM plan_revisions WHERE patient_id = \(patient.rawValue)")?
            .decode(Int?.self)
    }

    static func insertRevision(
        _ tx: StoreTransaction, _ draft: PlanDraft, _ patient: PatientID, after previous: Int?, at: Date
    ) async throws -> PlanRevision {
        let revision = PlanRevision(
            id: .generate(), patientID: patient, number: (previous ?? 0) + 1, previous: previous,
            effectiveDate: draft.effectiveDate, author: draft.author, reason: draft.reason, plan: draft.plan,
            createdAt: at)
        let plan = try StorageCoding.encode(draft.plan, "plan")
        try await tx.execute(
            """
            INSERT INTO plan_revisions (id, patient_id, number, previous, effective_date, author, reason, plan_json,
            created_at, dose_signature) VALUES (\(revision.id.rawValue), \(patient.rawValue), \(revision.number),
            \(previous), \(draft.effectiveDate.description)::date, \(draft.author.storedValue), \(draft.reason),
            \(plan)::jsonb, \(at), \(draft.plan.doseSignature))
            """)
        return revision
    }

    static func revision(_ row: PostgresRow) throws -> PlanRevision {
        let (id, patient, number, previous, effective, authorText, reason, plan, createdAt) = try row.decode(
            (UUID, UUID, Int, Int?, String, String, String, String, Date).self)
        guard let author = PlanAuthor(storedValue: authorText) else {
            throw StorageError(.invalid, "plan_revisions.author")
        }
        return PlanRevision(
            id: Column.id(id), patientID: Column.id(patient), number: number, previous: previous,
            effectiveDate: try Column.day(effective, "effective_date"), author: author, reason: reason,
            plan: try Column.document(plan, as: Plan.self, "plan_json"), createdAt: createdAt)
    }
}
