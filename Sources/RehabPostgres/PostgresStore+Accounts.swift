import Foundation
import PostgresNIO
import RehabCore
import RehabStorageKit

extension PostgresStore: AccountRepository {
    public func createAccount(_ new: NewAccount, by actor: AuditActor) async throws -> Account {
        let account = Account(
            id: new.id, role: new.role, email: new.email, name: new.name, passwordHash: new.passwordHash,
            createdAt: actor.at)
        try await transaction("createAccount") { tx in
            try await Self.insert(account, invite: nil, tx)
            try await tx.audit(actor, .accountCreate, patient: nil, subject: account.id)
        }
        return account
    }

    public func account(_ id: AccountID) async throws -> Account {
        try await transaction("account") { tx in
            guard let row = try await tx.first("\(unescaped: Self.accountSelect) WHERE id = \(id.rawValue)") else {
                throw StorageError(.notFound, "account")
            }
            return try Self.account(row)
        }
    }

    public func account(email: String) async throws -> Account? {
        try await transaction("accountByEmail") { tx in
            try await tx.first(
                "\(unescaped: Self.accountSelect) WHERE email_key = \(StorageCoding.emailKey(email))"
            ).map(Self.account)
        }
    }

    public func setPasswordHash(_ hash: String, for id: AccountID, by actor: AuditActor) async throws {
        try await transaction("setPasswordHash") { tx in
            let changed = try await tx.rows(
                "UPDATE accounts SET password_hash = \(hash) WHERE id = \(id.rawValue) RETURNING id")
            guard changed.count == 1 else { throw StorageError(.notFound, "setPasswordHash: account") }
            try await tx.audit(actor, .accountPassword, patient: nil)
        }
    }

    public func claimInvite(codeHash: String, passwordHash: String, by actor: AuditActor) async throws -> Account {
        try await transaction("claimInvite") { tx in
            let row = try await tx.first(
                """
                \(unescaped: Self.accountSelect) WHERE invite_code_hash = \(codeHash)
                AND invite_expires_at > \(actor.at) AND password_hash IS NULL FOR UPDATE
                """)
            guard let row else { throw StorageError(.notFound, "claimInvite: invite") }
            var account = try Self.account(row)
            account.passwordHash = passwordHash
            try await tx.execute(
                """
                UPDATE accounts SET password_hash = \(passwordHash), invite_code_hash = NULL, invite_expires_at = NULL
                WHERE id = \(account.id.rawValue)
                """)
            let patient = try await tx.first("SELECT id FROM patients WHERE account_id = \(account.id.rawValue)")
            try await tx.audit(
                actor, .inviteClaim, patient: try patient.map { PatientID(rawValue: try $0.decode(UUID.self)) })
            return account
        }
    }

    // MARK: - Rows

    static let accountSelect = "SELECT id, role, email, name, password_hash, created_at FROM accounts"

    static func insert(_ account: Account, invite: (hash: String, expires: Date)?, _ tx: StoreTransaction) async throws
    {
        let taken = try await tx.first(
            "SELECT 1 FROM accounts WHERE email_key = \(StorageCoding.emailKey(account.email))")
        if taken != nil { throw StorageError(.emailInUse, "accounts.email") }
        try await tx.execute(
            """
            INSERT INTO accounts (id, role, email, email_key, name, password_hash, invite_code_hash,
            invite_expires_at, created_at) VALUES (\(account.id.rawValue), \(account.role.rawValue), \(account.email),
            \(StorageCoding.emailKey(account.email)), \(account.name), \(account.passwordHash), \(invite?.hash),
            \(invite?.expires), \(account.createdAt))
            """)
    }

    static func account(_ row: PostgresRow) throws -> Account {
        let (id, roleText, email, name, hash, createdAt) = try row.decode(
            (UUID, String, String, String, String?, Date).self)
        guard let role = AccountRole(rawValue: roleText) else { throw StorageError(.invalid, "accounts.role") }
        return Account(
            id: AccountID(rawValue: id), role: role, email: email, name: name, passwordHash: hash, createdAt: createdAt)
    }
}
