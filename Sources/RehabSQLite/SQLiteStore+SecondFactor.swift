import Foundation
import GRDB
import RehabCore
import RehabStorageKit

extension SQLiteStore: SecondFactorStore {
    static let secondFactorRequiredSetting = "second-factor-required"

    public func secondFactor(of account: AccountID) async throws -> StoredSecondFactor? {
        try await read("secondFactor") { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM second_factors WHERE account_id = ?"), arguments: [account.text]
            ).map { row in
                StoredSecondFactor(
                    accountID: try row.uuid("account_id"), sealedSecret: row["sealed_secret"] as Data? ?? Data(),
                    enrolledAt: try row.time("enrolled_at"), lastStep: row["last_step"] as Int64? ?? 0)
            }
        }
    }

    public func enrolSecondFactor(_ factor: StoredSecondFactor, recoveryCodeHashes: [String], by actor: AuditActor)
        async throws
    {
        try actor.requireSelfOrSystem(factor.accountID, "enrolSecondFactor")
        try await write("enrolSecondFactor") { db in
            let id = factor.accountID.text
            try db.cachedStatement(
                sql: """
                    INSERT INTO second_factors (account_id, sealed_secret, enrolled_at, last_step) VALUES (?, ?, ?, ?)
                    ON CONFLICT (account_id) DO UPDATE SET sealed_secret = excluded.sealed_secret,
                    enrolled_at = excluded.enrolled_at, last_step = excluded.last_step
                    """
            ).execute(arguments: [id, factor.sealedSecret, factor.enrolledAt.ms, factor.lastStep])
            try db.cachedStatement(sql: "DELETE FROM recovery_codes WHERE account_id = ?").execute(arguments: [id])
            for hash in Set(recoveryCodeHashes) {
                try db.cachedStatement(sql: "INSERT INTO recovery_codes (account_id, code_hash) VALUES (?, ?)")
                    .execute(arguments: [id, hash])
            }
            try db.cachedStatement(sql: "UPDATE web_sessions SET enrolment_only = 0 WHERE account_id = ?")
                .execute(arguments: [id])
            try Self.audit(db, actor, .secondFactorEnrol, patient: nil)
        }
    }

    public func spendTimeStep(_ step: Int64, of account: AccountID) async throws -> Bool {
        try await write("spendTimeStep") { db in
            try db.cachedStatement(
                sql: "UPDATE second_factors SET last_step = ? WHERE account_id = ? AND last_step < ?"
            ).execute(arguments: [step, account.text, step])
            return db.changesCount == 1
        }
    }

    public func spendRecoveryCode(hash: String, of account: AccountID, by actor: AuditActor) async throws -> Bool {
        try await write("spendRecoveryCode") { db in
            try db.cachedStatement(
                sql: """
                    UPDATE recovery_codes SET used_at = ?
                    WHERE account_id = ? AND code_hash = ? AND used_at IS NULL
                    """
            ).execute(arguments: [actor.at.ms, account.text, hash])
            guard db.changesCount == 1 else { return false }
            try Self.audit(db, actor, .recoveryCodeUse, patient: nil)
            return true
        }
    }

    public func unusedRecoveryCodes(of account: AccountID) async throws -> Int {
        try await read("unusedRecoveryCodes") { db in
            try Int.fetchOne(
                db.cachedStatement(
                    sql: "SELECT count(*) FROM recovery_codes WHERE account_id = ? AND used_at IS NULL"),
                arguments: [account.text]) ?? 0
        }
    }

    public func removeSecondFactor(of account: AccountID, by actor: AuditActor) async throws -> Bool {
        try actor.requireAdminOrSystem("removeSecondFactor")
        return try await write("removeSecondFactor") { db in
            let id = account.text
            try db.cachedStatement(sql: "DELETE FROM second_factors WHERE account_id = ?").execute(arguments: [id])
            guard db.changesCount == 1 else { return false }
            try db.cachedStatement(sql: "DELETE FROM recovery_codes WHERE account_id = ?").execute(arguments: [id])
            try db.cachedStatement(sql: "DELETE FROM web_sessions WHERE account_id = ?").execute(arguments: [id])
            try Self.audit(db, actor, .secondFactorRemove, patient: nil, subject: account)
            try Self.insertMail(
                db, NewOutboxMail(kind: .secondFactorRemoved, accountID: account, dueAt: actor.at), at: actor.at)
            return true
        }
    }

    public func secondFactorHolders(by actor: AuditActor) async throws -> [Account] {
        try actor.requireAdminOrSystem("secondFactorHolders")
        return try await read("secondFactorHolders") { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT a.id, a.role, a.email, a.name, NULL AS password_hash, a.created_at
                        FROM accounts a JOIN second_factors f ON f.account_id = a.id ORDER BY a.name, a.id
                        """)
            ).map(Self.account)
        }
    }

    public func secondFactorRequired() async throws -> Bool {
        try await read("secondFactorRequired") { db in
            try String.fetchOne(
                db.cachedStatement(sql: "SELECT value FROM clinic_settings WHERE name = ?"),
                arguments: [Self.secondFactorRequiredSetting]) == "true"
        }
    }

    public func setSecondFactorRequired(_ required: Bool, by actor: AuditActor) async throws {
        try actor.requireAdminOrSystem("setSecondFactorRequired")
        try await write("setSecondFactorRequired") { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO clinic_settings (name, value) VALUES (?, ?)
                    ON CONFLICT (name) DO UPDATE SET value = excluded.value
                    """
            ).execute(arguments: [Self.secondFactorRequiredSetting, required ? "true" : "false"])
            try Self.audit(db, actor, .secondFactorSetting, patient: nil)
        }
    }
}
