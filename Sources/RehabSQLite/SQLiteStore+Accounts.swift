import Foundation
import GRDB
import RehabCore
import RehabStorageKit

extension SQLiteStore: AccountRepository {
    public func createAccount(_ new: NewAccount, by actor: AuditActor) async throws -> Account {
        let account = Account(
            id: new.id, role: new.role, email: new.email, name: new.name, passwordHash: new.passwordHash,
            createdAt: actor.at)
        try await write("createAccount") { db in
            try Self.insert(account, invite: nil, db)
            try Self.audit(db, actor, .accountCreate, patient: nil, subject: account.id)
        }
        return account
    }

    public func account(_ id: AccountID) async throws -> Account {
        try await read("account") { db in
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM accounts WHERE id = ?"), arguments: [id.text])
            guard let row else { throw StorageError(.notFound, "account") }
            return try Self.account(row)
        }
    }

    public func account(email: String) async throws -> Account? {
        try await read("accountByEmail") { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM accounts WHERE email_key = ?"),
                arguments: [StorageCoding.emailKey(email)]
            ).map(Self.account)
        }
    }

    public func setPasswordHash(_ hash: String, for id: AccountID, by actor: AuditActor) async throws {
        try await write("setPasswordHash") { db in
            try db.cachedStatement(sql: "UPDATE accounts SET password_hash = ? WHERE id = ?").execute(arguments: [
                hash, id.text,
            ])
            guard db.changesCount == 1 else { throw StorageError(.notFound, "setPasswordHash: account") }
            try Self.audit(db, actor, .accountPassword, patient: nil)
        }
    }

    public func claimInvite(codeHash: String, passwordHash: String, by actor: AuditActor) async throws -> Account {
        try await write("claimInvite") { db in
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT * FROM accounts WHERE invite_code_hash = ? AND invite_expires_at > ?
                        AND password_hash IS NULL
                        """), arguments: [codeHash, actor.at.ms])
            guard let row else { throw StorageError(.notFound, "claimInvite: invite") }
            var account = try Self.account(row)
            account.passwordHash = passwordHash
            try db.cachedStatement(
                sql: """
                    UPDATE accounts SET password_hash = ?, invite_code_hash = NULL, invite_expires_at = NULL
                    WHERE id = ?
                    """
            ).execute(arguments: [passwordHash, account.id.text])
            let patient = try String.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM patients WHERE account_id = ?"), arguments: [account.id.text])
            try Self.audit(db, actor, .inviteClaim, patient: patient.flatMap(PatientID.init(uuidString:)))
            return account
        }
    }

    // MARK: - Rows

    static func insert(_ account: Account, invite: (hash: String, expires: Date)?, _ db: Database) throws {
        let taken = try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM accounts WHERE email_key = ?)"),
            arguments: [StorageCoding.emailKey(account.email)])
        if taken == true { throw StorageError(.emailInUse, "accounts.email") }
        try db.cachedStatement(
            sql: """
                INSERT INTO accounts (id, role, email, email_key, name, password_hash, invite_code_hash,
                invite_expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                account.id.text, account.role.rawValue, account.email, StorageCoding.emailKey(account.email),
                account.name, account.passwordHash, invite?.hash, invite?.expires.ms, account.createdAt.ms,
            ])
    }

    static func account(_ row: Row) throws -> Account {
        guard let role = AccountRole(rawValue: try row.string("role")) else {
            throw StorageError(.invalid, "accounts.role")
        }
        return Account(
            id: try row.uuid("id"), role: role, email: try row.string("email"), name: try row.string("name"),
            passwordHash: row["password_hash"], createdAt: try row.time("created_at"))
    }

    /// Appends an audit entry inside the caller's transaction.
    static func audit(
        _ db: Database, _ actor: AuditActor, _ action: AuditAction, patient: PatientID?, subject: AccountID? = nil
    ) throws {
        try insertAudit(db, AuditEntry(actor, action, patient: patient, subject: subject))
    }

    static func insertAudit(_ db: Database, _ entry: AuditEntry) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO audit_log (id, account_id, action, patient_id, at, origin, subject_account_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                entry.id.text, entry.accountID?.text, entry.action.rawValue, entry.patientID?.text, entry.at.ms,
                entry.origin, entry.subjectAccountID?.text,
            ])
    }
}
