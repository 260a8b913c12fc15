import Foundation
import GRDB
import RehabCore
import RehabStorageKit

// Account care: a person's own new password, signing out everywhere, and a patient's new invite. Each ends
// sign-ins in the same transaction as the change that calls for it, so no sign-in outlives the password it began
// with.
extension SQLiteStore {
    public func changePassword(_ hash: String, for id: AccountID, keeping tokenHash: String?, by actor: AuditActor)
        async throws -> Int
    {
        try actor.requireSelfOrSystem(id, "changePassword")
        return try await write("changePassword") { db in
            try db.cachedStatement(sql: "UPDATE accounts SET password_hash = ? WHERE id = ?").execute(arguments: [
                hash, id.text,
            ])
            guard db.changesCount == 1 else { throw StorageError(.notFound, "changePassword: account") }
            try db.cachedStatement(sql: "DELETE FROM web_sessions WHERE account_id = ? AND token_hash IS NOT ?")
                .execute(arguments: [id.text, tokenHash])
            let ended = db.changesCount
            try Self.audit(db, actor, .passwordChange, patient: nil)
            return ended
        }
    }

    public func endSignIns(of id: AccountID, by actor: AuditActor) async throws -> Int {
        try actor.requireSelfOrSystem(id, "endSignIns")
        return try await write("endSignIns") { db in
            let exists = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM accounts WHERE id = ?)"), arguments: [id.text])
            guard exists == true else { throw StorageError(.notFound, "endSignIns: account") }
            try db.cachedStatement(sql: "DELETE FROM web_sessions WHERE account_id = ?").execute(arguments: [id.text])
            let ended = db.changesCount
            try Self.audit(db, actor, .signOutEverywhere, patient: nil)
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
        return try await idempotent("reissueInvite", idempotency, actor, respond) { db in
            let (sql, arguments) = Visibility.clause(actor)
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "\(Self.patientSelect) WHERE p.id = ? AND \(sql)"),
                arguments: [patient.text] + arguments)
            guard let row else { throw StorageError(.notFound, "reissueInvite: patient") }
            let found = try Self.patient(row)
            try db.cachedStatement(
                sql: """
                    UPDATE accounts SET password_hash = NULL, invite_code_hash = ?, invite_expires_at = ?
                    WHERE id = ? AND role = 'patient'
                    """
            ).execute(arguments: [invite.codeHash, invite.expiresAt.ms, found.accountID.text])
            guard db.changesCount == 1 else { throw StorageError(.notFound, "reissueInvite: account") }
            try db.cachedStatement(sql: "DELETE FROM web_sessions WHERE account_id = ?")
                .execute(arguments: [found.accountID.text])
            try Self.audit(db, actor, .inviteReissue, patient: patient)
            return found
        }
    }
}
