import Foundation
import PostgresNIO
import RehabCore
import RehabStorageKit

// Account care: a person's own new password, signing out everywhere, and a patient's new invite. Each ends
// sign-ins in the same transaction as the change that calls for it, so no sign-in outlives the password it began
// with.
extension PostgresStore {
    public func changePassword(_ hash: String, for id: AccountID, keeping tokenHash: String?, by actor: AuditActor)
        async throws -> Int
    {
        try actor.requireSelfOrSystem(id, "changePassword")
        return try await transaction("changePassword") { tx in
            let changed = try await tx.rows(
                "UPDATE accounts SET password_hash = \(hash) WHERE id = \(id.rawValue) RETURNING id")
            guard changed.count == 1 else { throw StorageError(.notFound, "changePassword: account") }
            let ended = try await tx.rows(
                """
                DELETE FROM web_sessions WHERE account_id = \(id.rawValue)
                AND token_hash IS DISTINCT FROM \(tokenHash)::text RETURNING 1
                """
            ).count
            try await tx.audit(actor, .passwordChange, patient: nil)
            return ended
        }
    }

    public func endSignIns(of id: AccountID, by actor: AuditActor) async throws -> Int {
        try actor.requireSelfOrSystem(id, "endSignIns")
        return try await transaction("endSignIns") { tx in
            guard try await tx.first("SELECT 1 FROM accounts WHERE id = \(id.rawValue) FOR UPDATE") != nil else {
                throw StorageError(.notFound, "endSignIns: account")
            }
            let ended = try await tx.rows("DELETE FROM web_sessions WHERE account_id = \(id.rawValue) RETURNING 1")
                .count
            try await tx.audit(actor, .signOutEverywhere, patient: nil)
            return ended
        }
    }

    public func reissueInvite(
        _ invite: NewInvite, for patient: PatientID, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (Patient) throws -> StoredResponse
    ) async throws -> WriteOutcome<Patient> {
        switch actor.access {
        case .clinician, .system: break
        case .admin, .patient: throw StorageError(.notFound, "reissueInvite: patient")
        }
        return try await idempotent("reissueInvite", patient, idempotency, actor, respond) { tx in
            let row = try await tx.first("\(unescaped: Self.patientSelect) WHERE p.id = \(patient.rawValue)")
            guard let row else { throw StorageError(.notFound, "reissueInvite: patient") }
            let found = try Self.patient(row)
            let changed = try await tx.rows(
                """
                UPDATE accounts SET password_hash = NULL, invite_code_hash = \(invite.codeHash),
                invite_expires_at = \(invite.expiresAt) WHERE id = \(found.accountID.rawValue) AND role = 'patient'
                RETURNING id
                """)
            guard changed.count == 1 else { throw StorageError(.notFound, "reissueInvite: account") }
            try await tx.execute("DELETE FROM web_sessions WHERE account_id = \(found.accountID.rawValue)")
            try await tx.audit(actor, .inviteReissue, patient: patient)
            return found
        }
    }
}
