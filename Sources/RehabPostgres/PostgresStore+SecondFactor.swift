import Foundation
import PostgresNIO
import RehabCore
import RehabStorageKit

extension PostgresStore: SecondFactorStore {
    static let secondFactorRequiredSetting = "second-factor-required"

    public func secondFactor(of account: AccountID) async throws -> StoredSecondFactor? {
        try await transaction("secondFactor") { tx in
            let row = try await tx.first(
                """
                SELECT account_id, sealed_secret, enrolled_at, last_step FROM second_factors
                WHERE account_id = \(account.rawValue)
                """)
            return try row.map { row in
                let (id, sealed, enrolled, step) = try row.decode((UUID, Data, Date, Int64).self)
                return StoredSecondFactor(
                    accountID: Column.id(id), sealedSecret: sealed, enrolledAt: enrolled, lastStep: step)
            }
        }
    }

    public func enrolSecondFactor(_ factor: StoredSecondFactor, recoveryCodeHashes: [String], by actor: AuditActor)
        async throws
    {
        try actor.requireSelfOrSystem(factor.accountID, "enrolSecondFactor")
        try await transaction("enrolSecondFactor") { tx in
            let id = factor.accountID.rawValue
            try await tx.execute(
                """
                INSERT INTO second_factors (account_id, sealed_secret, enrolled_at, last_step)
                VALUES (\(id), \(factor.sealedSecret), \(factor.enrolledAt), \(factor.lastStep))
                ON CONFLICT (account_id) DO UPDATE SET sealed_secret = excluded.sealed_secret,
                enrolled_at = excluded.enrolled_at, last_step = excluded.last_step
                """)
            try await tx.execute("DELETE FROM recovery_codes WHERE account_id = \(id)")
            for hash in Set(recoveryCodeHashes) {
                try await tx.execute("INSERT INTO recovery_codes (account_id, code_hash) VALUES (\(id), \(hash))")
            }
            try await tx.execute("UPDATE web_sessions SET enrolment_only = false WHERE account_id = \(id)")
            try await tx.audit(actor, .secondFactorEnrol, patient: nil)
        }
    }

    public func spendTimeStep(_ step: Int64, of account: AccountID) async throws -> Bool {
        try await transaction("spendTimeStep") { tx in
            try await !tx.rows(
                """
                UPDATE second_factors SET last_step = \(step)
                WHERE account_id = \(account.rawValue) AND last_step < \(step) RETURNING 1
                """
            ).isEmpty
        }
    }

    public func spendRecoveryCode(hash: String, of account: AccountID, by actor: AuditActor) async throws -> Bool {
        try await transaction("spendRecoveryCode") { tx in
            let spent = try await tx.rows(
                """
                UPDATE recovery_codes SET used_at = \(actor.at)
                WHERE account_id = \(account.rawValue) AND code_hash = \(hash) AND used_at IS NULL RETURNING 1
                """)
            guard !spent.isEmpty else { return false }
            try await tx.audit(actor, .recoveryCodeUse, patient: nil)
            return true
        }
    }

    public func unusedRecoveryCodes(of account: AccountID) async throws -> Int {
        try await transaction("unusedRecoveryCodes") { tx in
            let row = try await tx.first(
                """
                SELECT count(*) FROM recovery_codes WHERE account_id = \(account.rawValue) AND used_at IS NULL
                """)
            return Int(try row?.decode(Int64.self) ?? 0)
        }
    }

    public func removeSecondFactor(of account: AccountID, by actor: AuditActor) async throws -> Bool {
        try actor.requireAdminOrSystem("removeSecondFactor")
        return try await transaction("removeSecondFactor") { tx in
            let id = account.rawValue
            guard try await tx.rows("DELETE FROM second_factors WHERE account_id = \(id) RETURNING 1").count == 1 else {
                return false
            }
            try await tx.execute("DELETE FROM recovery_codes WHERE account_id = \(id)")
            // The table's trigger announces each ended sign-in to the other instances.
            try await tx.execute("DELETE FROM web_sessions WHERE account_id = \(id)")
            try await tx.audit(actor, .secondFactorRemove, patient: nil, subject: account)
            try await Self.insertMail(
                tx, NewOutboxMail(kind: .secondFactorRemoved, accountID: account, dueAt: actor.at), at: actor.at)
            return true
        }
    }

    public func secondFactorHolders(by actor: AuditActor) async throws -> [Account] {
        try actor.requireAdminOrSystem("secondFactorHolders")
        return try await transaction("secondFactorHolders", snapshot: true) { tx in
            try await tx.rows(
                """
                SELECT a.id, a.role, a.email, a.name, NULL::text, a.created_at
                FROM accounts a JOIN second_factors f ON f.account_id = a.id ORDER BY a.name, a.id
                """
            ).map(Self.account)
        }
    }

    public func secondFactorRequired() async throws -> Bool {
        try await transaction("secondFactorRequired") { tx in
            let row = try await tx.first(
                "SELECT value FROM clinic_settings WHERE name = \(Self.secondFactorRequiredSetting)")
            return try row?.decode(String.self) == "true"
        }
    }

    public func setSecondFactorRequired(_ required: Bool, by actor: AuditActor) async throws {
        try actor.requireAdminOrSystem("setSecondFactorRequired")
        try await transaction("setSecondFactorRequired") { tx in
            try await tx.execute(
                """
                INSERT INTO clinic_settings (name, value) VALUES (\(Self.secondFactorRequiredSetting),
                \(required ? "true" : "false")) ON CONFLICT (name) DO UPDATE SET value = excluded.value
                """)
            try await tx.audit(actor, .secondFactorSetting, patient: nil)
        }
    }
}
